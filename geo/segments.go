package geo

import (
	"sort"

	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
)

// cross is the orientation of c relative to the line a→b: positive when c is
// to the left. On coordinates quantised to a binary fraction (the county
// polygons are multiples of 1/1024°) it is exact.
func cross(a, b, c orb.Point) float64 {
	return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
}

// strictlyInside reports whether p, known to be collinear with a–b, lies on
// the segment but is neither endpoint.
func strictlyInside(a, b, p orb.Point) bool {
	if p == a || p == b {
		return false
	}
	return min(a[0], b[0]) <= p[0] && p[0] <= max(a[0], b[0]) &&
		min(a[1], b[1]) <= p[1] && p[1] <= max(a[1], b[1])
}

// onSegment reports whether p, known to be collinear with a–b, lies on the
// closed segment.
func onSegment(a, b, p orb.Point) bool {
	return p == a || p == b || strictlyInside(a, b, p)
}

// segPair is how two segments of one ring meet.
type segPair struct {
	meet  bool        // they share at least one point they should not
	at    orb.Point   // one such point, for messages
	cutsA []orb.Point // points strictly inside the first segment to node it at
	cutsB []orb.Point // points strictly inside the second
}

// meetSegments classifies segments a–b and c–d. adjacent says that b == c is
// their common vertex along the ring, which alone is no fault. A crossing
// point is computed once and given to both segments, so that the noded ring
// uses bit-identical coordinates on both sides.
func meetSegments(a, b, c, d orb.Point, adjacent bool) segPair {
	var r segPair
	o1, o2 := cross(a, b, c), cross(a, b, d)
	o3, o4 := cross(c, d, a), cross(c, d, b)
	if adjacent {
		// Only a fold back along the same line (a–b–c with c on a–b or a
		// on b–c) is a fault.
		if o2 != 0 || (d[0]-b[0])*(a[0]-b[0])+(d[1]-b[1])*(a[1]-b[1]) <= 0 {
			return r
		}
		r.meet = true
		r.at = b
		switch {
		case strictlyInside(a, b, d):
			r.cutsA = append(r.cutsA, d)
			r.at = d
		case strictlyInside(c, d, a):
			r.cutsB = append(r.cutsB, a)
			r.at = a
		}
		return r
	}
	if o1 == 0 && o2 == 0 {
		// Collinear: node each at the other's endpoints that fall inside.
		for _, p := range [2]orb.Point{c, d} {
			if onSegment(a, b, p) {
				r.meet, r.at = true, p
			}
			if strictlyInside(a, b, p) {
				r.cutsA = append(r.cutsA, p)
			}
		}
		for _, p := range [2]orb.Point{a, b} {
			if onSegment(c, d, p) {
				r.meet, r.at = true, p
			}
			if strictlyInside(c, d, p) {
				r.cutsB = append(r.cutsB, p)
			}
		}
		return r
	}
	if ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)) {
		t := o3 / (o3 - o4)
		p := orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
		r.meet, r.at = true, p
		if p != a && p != b {
			r.cutsA = append(r.cutsA, p)
		}
		if p != c && p != d {
			r.cutsB = append(r.cutsB, p)
		}
		return r
	}
	// Touching: an endpoint of one lies on the other.
	touch := func(p orb.Point, o float64, s0, s1 orb.Point, cuts *[]orb.Point) {
		if o == 0 && onSegment(s0, s1, p) {
			r.meet, r.at = true, p
			if strictlyInside(s0, s1, p) {
				*cuts = append(*cuts, p)
			}
		}
	}
	touch(c, o1, a, b, &r.cutsA)
	touch(d, o2, a, b, &r.cutsA)
	touch(a, o3, c, d, &r.cutsB)
	touch(b, o4, c, d, &r.cutsB)
	return r
}

// ringPairs calls fn for every pair of edges i < j of the open ring pts
// (edge i runs from pts[i] to pts[i+1 mod n]) whose bounding boxes overlap,
// in increasing (i, j) order; fn returns false to stop. pts must have no
// consecutive duplicates.
func ringPairs(pts []orb.Point, fn func(i, j int, sp segPair) bool) {
	n := len(pts)
	if n < 3 {
		return
	}
	var tr rtree.RTreeG[int]
	box := func(i int) (lo, hi [2]float64) {
		a, b := pts[i], pts[(i+1)%n]
		return [2]float64{min(a[0], b[0]), min(a[1], b[1])}, [2]float64{max(a[0], b[0]), max(a[1], b[1])}
	}
	for i := range n {
		lo, hi := box(i)
		tr.Insert(lo, hi, i)
	}
	var js []int
	for i := range n {
		lo, hi := box(i)
		js = js[:0]
		tr.Search(lo, hi, func(_, _ [2]float64, j int) bool {
			if j > i {
				js = append(js, j)
			}
			return true
		})
		sort.Ints(js)
		for _, j := range js {
			a, b := pts[i], pts[(i+1)%n]
			c, d := pts[j], pts[(j+1)%n]
			var sp segPair
			switch {
			case j == i+1:
				sp = meetSegments(a, b, c, d, true)
			case i == 0 && j == n-1:
				// The closing edge d→a precedes edge 0: swap so that
				// the shared vertex sits between them.
				sp = meetSegments(c, d, a, b, true)
				sp.cutsA, sp.cutsB = sp.cutsB, sp.cutsA
			default:
				sp = meetSegments(a, b, c, d, false)
			}
			if sp.meet && !fn(i, j, sp) {
				return
			}
		}
	}
}
