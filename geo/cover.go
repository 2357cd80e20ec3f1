package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Cover is a multipolygon prepared to be asked, many times, whether it
// covers a smaller one: a county each of its townships, a township each of
// its communities. An overlay answers exactly but re-nodes and indexes
// every edge of both polygons on every call, so a province's check of
// 36,000 regions against their parents spends minutes on the parents'
// edges. A Cover indexes its edges once, in horizontal bands, and answers
// the common case — a region drawn inside its parent, sharing its edges
// where it meets the parent's boundary — in time that follows the region's
// size; where it cannot be sure it says so, and the caller overlays.
type Cover struct {
	pts   []orb.Point // every ring's vertices, rings one after the other, each closed
	ends  []int32     // pts index where each ring ends (exclusive)
	outer []bool      // whether ring i is a polygon's shell
	ringB []orb.Bound // ring i's bounds
	bound orb.Bound
	y0, h float64
	bands [][]int32 // edge i (pts[i]–pts[i+1]) of every band it spans
}

// NewCover prepares mp, whose rings may be open or closed.
func NewCover(mp orb.MultiPolygon) *Cover {
	c := &Cover{bound: mp.Bound()}
	for _, p := range mp {
		for k, r := range p {
			if len(r) < 3 {
				continue
			}
			c.pts = append(c.pts, r...)
			if r[0] != r[len(r)-1] {
				c.pts = append(c.pts, r[0])
			}
			c.ends = append(c.ends, int32(len(c.pts)))
			c.outer = append(c.outer, k == 0)
			c.ringB = append(c.ringB, r.Bound())
		}
	}
	c.index()
	return c
}

// index puts each edge in the bands its y-range spans, about eight edges
// to a band.
func (c *Cover) index() {
	n := max(1, len(c.pts)/8)
	c.y0 = c.bound.Min[1]
	c.h = (c.bound.Max[1] - c.bound.Min[1]) / float64(n)
	if !(c.h > 0) {
		c.h, n = 1, 1
	}
	c.bands = make([][]int32, n)
	c.edges(func(i int32) {
		a, b := c.pts[i], c.pts[i+1]
		for k := c.band(min(a[1], b[1])); k <= c.band(max(a[1], b[1])); k++ {
			c.bands[k] = append(c.bands[k], i)
		}
	})
}

// edges calls fn with the index of each edge's first point.
func (c *Cover) edges(fn func(i int32)) {
	start := int32(0)
	for _, end := range c.ends {
		for i := start; i+1 < end; i++ {
			fn(i)
		}
		start = end
	}
}

func (c *Cover) band(y float64) int {
	k := int(math.Floor((y - c.y0) / c.h))
	return min(max(k, 0), len(c.bands)-1)
}

// Where a point lies relative to the cover.
const (
	outside = iota
	onBoundary
	inside
)

// locate says where p lies: a ray to +x counts the edges of p's band it
// crosses (every edge whose y-range holds p's y is in that band).
func (c *Cover) locate(p orb.Point) int {
	if !c.bound.Contains(p) {
		return outside
	}
	in := false
	for _, i := range c.bands[c.band(p[1])] {
		a, b := c.pts[i], c.pts[i+1]
		if cross(a, b, p) == 0 && onSegment(a, b, p) {
			return onBoundary
		}
		if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < a[0]+(p[1]-a[1])*(b[0]-a[0])/(b[1]-a[1]) {
			in = !in
		}
	}
	if in {
		return inside
	}
	return outside
}

// Covers reports whether every point of mp lies inside the cover or on its
// boundary, when that can be shown without an overlay: true is certain,
// false means "not shown". It shows it when no hole of the cover meets
// mp's bounds; every vertex of mp is inside
// or on the boundary; no edge of mp crosses an edge of the cover or passes
// through one of its vertices; and each edge that starts or ends on the
// boundary runs inside it or along it. Then mp's boundary lies in the
// cover's closure, and there is no hole near for mp to enclose.
func (c *Cover) Covers(mp orb.MultiPolygon) bool {
	b := mp.Bound()
	if !c.bound.Contains(b.Min) || !c.bound.Contains(b.Max) || !c.noHoleNear(b) {
		return false
	}
	for _, p := range mp {
		for _, r := range p {
			if !c.ringCovered(r) {
				return false
			}
		}
	}
	return true
}

// noHoleNear reports whether no hole of the cover meets b and some shell
// does. A region whose boundary lies in the cover's closure can leave out
// of the cover only what it encloses of the cover's outside, and the only
// parts of the outside a boundary can enclose are inside holes.
func (c *Cover) noHoleNear(b orb.Bound) bool {
	shell := false
	for i, rb := range c.ringB {
		if rb.Intersects(b) {
			if !c.outer[i] {
				return false
			}
			shell = true
		}
	}
	return shell
}

func (c *Cover) ringCovered(r orb.Ring) bool {
	if len(r) == 0 {
		return true
	}
	where := make([]int8, len(r))
	for i, p := range r {
		w := c.locate(p)
		if w == outside {
			return false
		}
		where[i] = int8(w)
	}
	for i := range r {
		j := (i + 1) % len(r)
		p, q := r[i], r[j]
		if p == q {
			continue
		}
		if c.edgeMeets(p, q) {
			return false
		}
		if where[i] == onBoundary && where[j] == onBoundary && c.alongEdge(p, q) {
			continue // on the boundary; its midpoint, rounded, may fall either side
		}
		if (where[i] == onBoundary || where[j] == onBoundary) &&
			c.locate(orb.Point{(p[0] + q[0]) / 2, (p[1] + q[1]) / 2}) == outside {
			return false
		}
	}
	return true
}

// alongEdge reports whether p and q lie on one edge of the cover, so that
// p–q runs along its boundary.
func (c *Cover) alongEdge(p, q orb.Point) bool {
	for _, i := range c.bands[c.band(p[1])] {
		a, b := c.pts[i], c.pts[i+1]
		if cross(a, b, p) == 0 && onSegment(a, b, p) && cross(a, b, q) == 0 && onSegment(a, b, q) {
			return true
		}
	}
	return false
}

// edgeMeets reports whether p–q crosses an edge of the cover or passes
// through one of its vertices (other than at p or q), which would let it
// leave the cover between its ends.
func (c *Cover) edgeMeets(p, q orb.Point) bool {
	lo, hi := c.band(min(p[1], q[1])), c.band(max(p[1], q[1]))
	eb := orb.Bound{Min: orb.Point{min(p[0], q[0]), min(p[1], q[1])}, Max: orb.Point{max(p[0], q[0]), max(p[1], q[1])}}
	for k := lo; k <= hi; k++ {
		for _, i := range c.bands[k] {
			a, b := c.pts[i], c.pts[i+1]
			if max(a[0], b[0]) < eb.Min[0] || min(a[0], b[0]) > eb.Max[0] ||
				max(a[1], b[1]) < eb.Min[1] || min(a[1], b[1]) > eb.Max[1] {
				continue
			}
			o1, o2 := cross(p, q, a), cross(p, q, b)
			if (o1 == 0 && strictlyInside(p, q, a)) || (o2 == 0 && strictlyInside(p, q, b)) {
				return true
			}
			o3, o4 := cross(a, b, p), cross(a, b, q)
			if o1*o2 < 0 && o3*o4 < 0 {
				return true
			}
		}
	}
	return false
}
