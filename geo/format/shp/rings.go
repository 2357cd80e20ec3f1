package shp

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// polygon groups a polygon record's rings into polygons. The format makes
// outer rings clockwise and holes counter-clockwise; a hole belongs to the
// smallest outer ring that contains it. Files whose rings are all
// counter-clockwise (some writers ignore the rule) have no holes: each ring
// is an outer ring. The result follows RFC 7946 as orb does: outer rings
// counter-clockwise, holes clockwise; one polygon is an orb.Polygon,
// several an orb.MultiPolygon.
func polygon(parts [][]orb.Point) (orb.Geometry, error) {
	var outers, holes []orb.Ring
	for i, p := range parts {
		r := append(orb.Ring(nil), p...)
		if len(r) > 0 && r[0] != r[len(r)-1] { // not r.Closed(), which wants 4 points
			r = append(r, r[0])
		}
		if len(r) < 4 {
			return nil, fmt.Errorf("ring %d has %d points; a ring needs at least 4", i+1, len(r))
		}
		if signedArea(r) > 0 {
			holes = append(holes, r)
		} else {
			outers = append(outers, r)
		}
	}
	if len(outers) == 0 {
		outers, holes = holes, nil
	}
	polys := make(orb.MultiPolygon, len(outers))
	for i, r := range outers {
		polys[i] = orb.Polygon{ccw(r)}
	}
	for _, h := range holes {
		if i := container(outers, h); i >= 0 {
			h.Reverse()
			polys[i] = append(polys[i], h)
		} else {
			polys = append(polys, orb.Polygon{h}) // a hole in nothing is land
		}
	}
	if len(polys) == 1 {
		return polys[0], nil
	}
	return polys, nil
}

// ccw returns r counter-clockwise.
func ccw(r orb.Ring) orb.Ring {
	if signedArea(r) < 0 {
		r.Reverse()
	}
	return r
}

// container is the index of the smallest outer ring holding the hole's
// points (the first one not on the boundary), or -1.
func container(outers []orb.Ring, hole orb.Ring) int {
	best, area := -1, math.Inf(1)
	for i, o := range outers {
		a := math.Abs(signedArea(o))
		if a < area && inside(o, hole) {
			best, area = i, a
		}
	}
	return best
}

// inside reports whether the hole lies in o, judged by its first vertex
// that is not also a vertex of o.
func inside(o, hole orb.Ring) bool {
	b := o.Bound()
	for _, p := range hole {
		if !b.Contains(p) {
			return false
		}
		if !onBoundary(o, p) {
			return planar.RingContains(o, p)
		}
	}
	return true
}

// onBoundary reports whether p is one of the ring's vertices: a hole may
// touch its outer ring there, and a touching vertex decides nothing.
func onBoundary(r orb.Ring, p orb.Point) bool {
	for _, q := range r {
		if q == p {
			return true
		}
	}
	return false
}
