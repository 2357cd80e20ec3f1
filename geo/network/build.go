package network

import (
	"cmp"
	"context"
	"errors"
	"slices"

	"github.com/paulmach/orb"
)

// ErrNoRoads is returned for an extract with no way any mode may use.
var ErrNoRoads = errors.New("no highway=* way usable by any mode")

// Read parses an OSM extract (format detected from data, then name) and
// builds its network, named name. Ways that reference nodes missing from
// the extract (as ways crossing an extract's border do) are cut where the
// nodes are missing.
func Read(ctx context.Context, name, source string, data []byte) (*Network, error) {
	f, err := DetectFormat(source, data[:min(len(data), 64)])
	if err != nil {
		return nil, err
	}
	e, err := readExtract(ctx, f, data)
	if err != nil {
		return nil, err
	}
	n := e.build()
	if n.Segments.Len() == 0 {
		return nil, ErrNoRoads
	}
	n.Name, n.Source = name, source
	return n, nil
}

// sortNodes orders the nodes by id (files are usually sorted already) and
// drops repeated ids, keeping the first.
func (e *extract) sortNodes() {
	if !e.unsortedNodes {
		return
	}
	idx := make([]int, len(e.nodeID))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(e.nodeID[a], e.nodeID[b]) })
	ids, lon, lat := make([]int64, 0, len(idx)), make([]int32, 0, len(idx)), make([]int32, 0, len(idx))
	for k, i := range idx {
		if k > 0 && e.nodeID[i] == ids[len(ids)-1] {
			continue
		}
		ids, lon, lat = append(ids, e.nodeID[i]), append(lon, e.nodeLon[i]), append(lat, e.nodeLat[i])
	}
	e.nodeID, e.nodeLon, e.nodeLat = ids, lon, lat
}

// lookup returns the index of node id, or -1.
func (e *extract) lookup(id int64) int {
	i, ok := slices.BinarySearch(e.nodeID, id)
	if !ok {
		return -1
	}
	return i
}

func (e *extract) point(i int) orb.Point {
	return orb.Point{float64(e.nodeLon[i]) / 1e7, float64(e.nodeLat[i]) / 1e7}
}

// build splits the ways into segments at junctions and builds each mode's
// graph.
func (e *extract) build() *Network {
	e.sortNodes()
	// Resolve references once; -1 marks a node missing from the extract.
	idx := make([]int32, len(e.refs))
	for i, id := range e.refs {
		idx[i] = int32(e.lookup(id))
	}
	vertex := e.junctions(idx)
	b := newBuilder(e, vertex)
	for w := range len(e.acc) {
		b.way(w, idx[e.wayStart[w]:e.wayStart[w+1]])
	}
	n := b.network()
	n.Homes = e.homes()
	return n
}

// junctions marks the nodes that become graph nodes: nodes used twice or
// more (by different ways, or twice by one), the ends of every run of
// present nodes, and the middle node of any piece that would otherwise
// start and end at the same junction (a closed way), so that no segment is
// a loop.
func (e *extract) junctions(idx []int32) []bool {
	uses := make([]uint8, len(e.nodeID))
	vertex := make([]bool, len(e.nodeID))
	for w := range len(e.acc) {
		run := dedupe(idx[e.wayStart[w]:e.wayStart[w+1]])
		for k, i := range run {
			if i < 0 {
				continue
			}
			if uses[i] < 2 {
				uses[i]++
			}
			if k == 0 || k == len(run)-1 || run[k-1] < 0 || run[k+1] < 0 {
				vertex[i] = true
			}
		}
	}
	for i, u := range uses {
		if u >= 2 {
			vertex[i] = true
		}
	}
	for w := range len(e.acc) {
		splitLoops(dedupe(idx[e.wayStart[w]:e.wayStart[w+1]]), vertex)
	}
	return vertex
}

// dedupe drops nodes repeated in a row.
func dedupe(run []int32) []int32 {
	out := make([]int32, 0, len(run))
	for _, i := range run {
		if len(out) == 0 || out[len(out)-1] != i {
			out = append(out, i)
		}
	}
	return out
}

// splitLoops marks the middle node of each piece of run between junctions
// that starts and ends at the same one.
func splitLoops(run []int32, vertex []bool) {
	start := -1
	for k, i := range run {
		if i < 0 {
			start = -1
			continue
		}
		if !vertex[i] {
			continue
		}
		if start >= 0 && run[start] == i && k-start >= 2 {
			vertex[run[(start+k)/2]] = true
		}
		start = k
	}
}

// homes returns the home nodes and the mean position of each home
// building's nodes present in the extract.
func (e *extract) homes() []orb.Point {
	out := make([]orb.Point, 0, len(e.homeLon)+len(e.homeStart)-1)
	for i := range e.homeLon {
		out = append(out, orb.Point{e.homeLon[i], e.homeLat[i]})
	}
	for w := 0; w+1 < len(e.homeStart); w++ {
		var sx, sy float64
		n := 0
		refs := e.homeRefs[e.homeStart[w]:e.homeStart[w+1]]
		// A closed outline repeats its first node at the end.
		if len(refs) > 1 && refs[0] == refs[len(refs)-1] {
			refs = refs[:len(refs)-1]
		}
		for _, id := range refs {
			if i := e.lookup(id); i >= 0 {
				p := e.point(i)
				sx, sy, n = sx+p.X(), sy+p.Y(), n+1
			}
		}
		if n > 0 {
			out = append(out, orb.Point{sx / float64(n), sy / float64(n)})
		}
	}
	return out
}
