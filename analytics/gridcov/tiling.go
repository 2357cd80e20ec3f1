package gridcov

import "github.com/paulmach/orb"

// edge is a directed edge in a canonical direction: its endpoints ordered
// by x, then y.
type edge [4]float64

// edgeSum is a chain of directed edges with integer multiplicities: an edge
// added in its canonical direction counts +1, against it −1. Edges whose
// multiplicities reach zero are dropped, so an empty sum is the zero chain.
type edgeSum map[edge]int

// add adds the oriented boundary of mp, times sign: shells
// counter-clockwise and holes clockwise, whatever their stored orientation,
// so that the chain is the boundary of mp's indicator function.
func (s edgeSum) add(mp orb.MultiPolygon, sign int) {
	for _, p := range mp {
		for k, r := range p {
			ccw := shoelace(r) > 0
			dir := sign
			if ccw != (k == 0) {
				dir = -dir
			}
			s.addRing(r, dir)
		}
	}
}

func (s edgeSum) addRing(r orb.Ring, dir int) {
	n := len(r)
	for i := range n {
		a, b := r[i], r[(i+1)%n] // closes an open ring; a closed one adds a zero edge, skipped
		if a == b {
			continue
		}
		d := dir
		if a[0] > b[0] || (a[0] == b[0] && a[1] > b[1]) {
			a, b, d = b, a, -d
		}
		// Adding zero turns a −0 coordinate into +0, which is the same
		// point but would be a different map key.
		e := edge{a[0] + 0, a[1] + 0, b[0] + 0, b[1] + 0}
		if m := s[e] + d; m == 0 {
			delete(s, e)
		} else {
			s[e] = m
		}
	}
}

// shoelace is twice the signed planar area of r in lon/lat: positive for a
// counter-clockwise ring. Only its sign is used.
func shoelace(r orb.Ring) float64 {
	n := len(r)
	var sum float64
	for i := range n {
		a, b := r[i], r[(i+1)%n]
		sum += (a[0] - r[0][0]) * (b[1] - r[0][1])
		sum -= (b[0] - r[0][0]) * (a[1] - r[0][1])
	}
	return sum
}

// tiles reports whether the valid multipolygons parts tile the valid
// multipolygon whole exactly — cover it, with no overlap and nothing
// outside — and their edges meet vertex to vertex. It is exact: the oriented
// boundaries cancel only if the sum of the parts' indicator functions has
// the boundary of whole's, and two integer functions of compact support
// with the same boundary are equal almost everywhere. A false answer says
// nothing either way (a part's edge may be split where whole's is not); the
// caller then overlays. scratch is emptied and reused.
func tiles(whole orb.MultiPolygon, parts []orb.MultiPolygon, scratch edgeSum) bool {
	clear(scratch)
	scratch.add(whole, 1)
	for _, p := range parts {
		scratch.add(p, -1)
	}
	return len(scratch) == 0
}
