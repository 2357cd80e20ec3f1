package network

import (
	"cmp"
	"errors"
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"
)

// Query is a search on a network.
type Query struct {
	Mode   Mode
	Budget float64 // seconds
	// Speed replaces the speed of walking or cycling, in km/h (0 keeps
	// WalkKmh or BicycleKmh). Every walking or cycling edge costs its length
	// over that one speed, so a search at another speed is the same search
	// with the budget scaled. The car's speeds come from the roads: Speed
	// must be 0 for it.
	Speed float64
	// OffSpeed is the speed of the legs between a point and the road it
	// snaps to, in km/h.
	OffSpeed float64
}

// ErrQuery is returned for a query that cannot be run.
var ErrQuery = errors.New("network: invalid query")

// scale is the number of seconds one second of the graph's costs stands
// for at the query's speed.
func (q Query) scale() (float64, error) {
	switch {
	case !(q.Budget >= 0) || !(q.OffSpeed > 0) || !(q.Speed >= 0) || int(q.Mode) >= NumModes:
		return 0, ErrQuery
	case q.Speed == 0:
		return 1, nil
	case q.Mode == Walk:
		return WalkKmh / q.Speed, nil
	case q.Mode == Bicycle:
		return BicycleKmh / q.Speed, nil
	}
	return 0, ErrQuery
}

// Reach is what a search from points reaches within its budget.
type Reach struct {
	n      *Network
	q      Query
	k      float64 // seconds per graph second
	budget float64 // in graph seconds
	tree   *Tree   // in graph seconds
	// Origins on each segment, for points reached along the segment
	// without passing a node.
	origins map[uint32][]origin
	legs    [][2]orb.Point // from each origin within the budget to its road

	piecesOnce sync.Once
	pieces     []Piece
}

type origin struct {
	frac, t float64 // position on the segment; time there in graph seconds
}

// Search finds what can be reached from the snapped points within the
// query's budget, each starting after its off-network leg.
func (n *Network) Search(q Query, from []Snap) (*Reach, error) {
	k, err := q.scale()
	if err != nil {
		return nil, err
	}
	r := &Reach{n: n, q: q, k: k, budget: q.Budget / k, origins: map[uint32][]origin{}}
	fwd, bwd := n.segCosts(q.Mode)
	var sources []Source
	for _, s := range from {
		t := s.Dist / (q.OffSpeed / 3.6) / k
		if t > r.budget {
			continue
		}
		r.origins[s.Seg] = append(r.origins[s.Seg], origin{s.Frac, t})
		r.legs = append(r.legs, [2]orb.Point{s.At, s.Point})
		if c := bwd[s.Seg]; !math.IsInf(c, 1) {
			sources = append(sources, Source{n.Segments.From[s.Seg], t + s.Frac*c})
		}
		if c := fwd[s.Seg]; !math.IsInf(c, 1) {
			sources = append(sources, Source{n.Segments.To[s.Seg], t + (1-s.Frac)*c})
		}
	}
	r.tree = n.Graphs[q.Mode].ShortestTimes(sources, r.budget)
	return r, nil
}

// ReachedNodes is the number of nodes reached within the budget.
func (r *Reach) ReachedNodes() int { return len(r.tree.Reached) }

// NodeTime is the time to node i in seconds, +Inf beyond the budget.
func (r *Reach) NodeTime(i uint32) float64 { return r.tree.Time[i] * r.k }

// TimeTo is the time in seconds from the nearest origin to a snapped point,
// its off-network leg included, or +Inf beyond the budget.
func (r *Reach) TimeTo(p Snap) float64 {
	fwd, bwd := r.n.segCosts(r.q.Mode)
	s := p.Seg
	t := math.Inf(1)
	if c := fwd[s]; !math.IsInf(c, 1) {
		t = math.Min(t, r.tree.Time[r.n.Segments.From[s]]+p.Frac*c)
	}
	if c := bwd[s]; !math.IsInf(c, 1) {
		t = math.Min(t, r.tree.Time[r.n.Segments.To[s]]+(1-p.Frac)*c)
	}
	for _, o := range r.origins[s] {
		if p.Frac >= o.frac && !math.IsInf(fwd[s], 1) {
			t = math.Min(t, o.t+(p.Frac-o.frac)*fwd[s])
		}
		if p.Frac <= o.frac && !math.IsInf(bwd[s], 1) {
			t = math.Min(t, o.t+(o.frac-p.Frac)*bwd[s])
		}
	}
	t = t*r.k + p.Dist/(r.q.OffSpeed/3.6)
	if t > r.q.Budget {
		return math.Inf(1)
	}
	return t
}

// Piece is the part of a segment from fraction From to To of its length.
type Piece struct {
	Seg      uint32
	From, To float64
}

// Pieces returns the parts of segments reached within the budget, merged
// and ordered by segment: whole segments, and the ends of segments cut
// where the budget runs out. The slice is shared: do not modify it.
func (r *Reach) Pieces() []Piece {
	r.piecesOnce.Do(func() { r.pieces = r.findPieces() })
	return r.pieces
}

func (r *Reach) findPieces() []Piece {
	fwd, bwd := r.n.segCosts(r.q.Mode)
	g := &r.n.Graphs[r.q.Mode]
	var ps []Piece
	portion := func(left, c float64) float64 {
		if c <= 0 {
			return 1
		}
		return math.Min(left/c, 1)
	}
	for _, u := range r.tree.Reached {
		left := r.budget - r.tree.Time[u]
		for e := g.Offsets[u]; e < g.Offsets[u+1]; e++ {
			s := g.Segs[e]
			f := portion(left, g.Costs[e])
			if r.n.Segments.From[s] == u {
				ps = append(ps, Piece{s, 0, f})
			} else {
				ps = append(ps, Piece{s, 1 - f, 1})
			}
		}
	}
	for s, os := range r.origins {
		for _, o := range os {
			left := r.budget - o.t
			if c := fwd[s]; !math.IsInf(c, 1) {
				ps = append(ps, Piece{s, o.frac, math.Min(o.frac+portion(left, c), 1)})
			}
			if c := bwd[s]; !math.IsInf(c, 1) {
				ps = append(ps, Piece{s, math.Max(o.frac-portion(left, c), 0), o.frac})
			}
		}
	}
	return mergePieces(ps)
}

func mergePieces(ps []Piece) []Piece {
	slices.SortFunc(ps, func(a, b Piece) int {
		return cmp.Or(cmp.Compare(a.Seg, b.Seg), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
	})
	out := ps[:0]
	for _, p := range ps {
		if k := len(out) - 1; k >= 0 && out[k].Seg == p.Seg && p.From <= out[k].To {
			out[k].To = math.Max(out[k].To, p.To)
			continue
		}
		out = append(out, p)
	}
	return out
}

// LengthKM is the length of road reached, in km.
func (r *Reach) LengthKM() float64 {
	l := 0.0
	for _, p := range r.Pieces() {
		l += (p.To - p.From) * r.n.Segments.Length[p.Seg]
	}
	return l / 1000
}
