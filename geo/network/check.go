package network

import (
	"fmt"
	"math"
)

// check verifies that the network's arrays fit together, so that no
// search or snap can index out of range.
func (n *Network) check() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrCorrupt, fmt.Sprintf(format, args...))
	}
	nn := len(n.Lon)
	if len(n.Lat) != nn {
		return bad("%d node lons, %d lats", nn, len(n.Lat))
	}
	s := &n.Segments
	ns := len(s.From)
	if len(s.To) != ns || len(s.Length) != ns || len(s.Start) != ns+1 || len(s.Lon) != len(s.Lat) {
		return bad("segment arrays of different lengths")
	}
	if s.Start[0] != 0 || int(s.Start[ns]) != len(s.Lon) {
		return bad("segment geometry offsets do not cover the points")
	}
	for i := range ns {
		if s.Start[i+1] < s.Start[i]+2 {
			return bad("segment %d has fewer than two points", i)
		}
		if int(s.From[i]) >= nn || int(s.To[i]) >= nn || s.From[i] == s.To[i] {
			return bad("segment %d joins nodes %d and %d of %d", i, s.From[i], s.To[i], nn)
		}
		if !(s.Length[i] >= 0) || math.IsInf(s.Length[i], 1) {
			return bad("segment %d has length %g", i, s.Length[i])
		}
	}
	for m := range n.Graphs {
		if err := n.checkGraph(&n.Graphs[m]); err != nil {
			return bad("%s graph: %v", Mode(m), err)
		}
	}
	return nil
}

func (n *Network) checkGraph(g *Graph) error {
	nn := len(n.Lon)
	ne := len(g.Targets)
	if len(g.Offsets) != nn+1 || len(g.Costs) != ne || len(g.Segs) != ne {
		return fmt.Errorf("arrays of %d offsets, %d targets, %d costs, %d segments for %d nodes",
			len(g.Offsets), ne, len(g.Costs), len(g.Segs), nn)
	}
	if g.Offsets[0] != 0 || int(g.Offsets[nn]) != ne {
		return fmt.Errorf("offsets do not cover the edges")
	}
	// One edge per segment and direction.
	fwd, bwd := make([]bool, len(n.Segments.From)), make([]bool, len(n.Segments.From))
	for u := range nn {
		if g.Offsets[u+1] < g.Offsets[u] {
			return fmt.Errorf("offsets decrease at node %d", u)
		}
		for e := g.Offsets[u]; e < g.Offsets[u+1]; e++ {
			v, sg, c := g.Targets[e], g.Segs[e], g.Costs[e]
			if int(sg) >= len(n.Segments.From) {
				return fmt.Errorf("edge %d on segment %d of %d", e, sg, len(n.Segments.From))
			}
			from, to := n.Segments.From[sg], n.Segments.To[sg]
			if !(from == uint32(u) && to == v || to == uint32(u) && from == v) {
				return fmt.Errorf("edge %d (%d→%d) does not run along segment %d (%d–%d)", e, u, v, sg, from, to)
			}
			dir := bwd
			if from == uint32(u) {
				dir = fwd
			}
			if dir[sg] {
				return fmt.Errorf("segment %d has two edges from node %d", sg, u)
			}
			dir[sg] = true
			if !(c >= 0) || math.IsInf(c, 1) {
				return fmt.Errorf("edge %d costs %g", e, c)
			}
		}
	}
	return nil
}
