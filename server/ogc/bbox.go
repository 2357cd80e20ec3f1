package ogc

import (
	"math"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/server/msg"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// parseBBox reads an OGC API bbox: "minLon,minLat,maxLon,maxLat" in CRS84,
// or six numbers with heights, which are ignored. Boxes crossing the
// antimeridian are not supported.
func parseBBox(s string) (orb.Bound, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 && len(parts) != 6 {
		return orb.Bound{}, msg.Errorf("%q has %d numbers, not 4 (minLon,minLat,maxLon,maxLat) or 6", s, len(parts))
	}
	v := make([]float64, len(parts))
	for i, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return orb.Bound{}, msg.Errorf("item %d %q is not a number", i+1, p)
		}
		v[i] = x
	}
	if len(v) == 6 {
		v = []float64{v[0], v[1], v[3], v[4]}
	}
	b := orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}
	switch {
	case b.Min[0] > b.Max[0]:
		return b, msg.Errorf("minimum longitude %g is east of the maximum %g", b.Min[0], b.Max[0])
	case b.Min[1] > b.Max[1]:
		return b, msg.Errorf("minimum latitude %g is north of the maximum %g", b.Min[1], b.Max[1])
	case b.Min[1] < -90 || b.Max[1] > 90:
		return b, msg.Errorf("latitudes must lie within −90…90")
	}
	return b, nil
}

// intersectsBound reports whether a point or (multi)polygon shares any
// point with the box.
func intersectsBound(g orb.Geometry, b orb.Bound) bool {
	if !g.Bound().Intersects(b) {
		return false
	}
	switch t := g.(type) {
	case orb.Point:
		return b.Contains(t)
	case orb.Polygon:
		return polygonIntersectsBound(orb.MultiPolygon{t}, b)
	case orb.MultiPolygon:
		return polygonIntersectsBound(t, b)
	}
	return true
}

// polygonIntersectsBound: a vertex inside the box, a box corner inside the
// polygon, or an edge crossing a box edge.
func polygonIntersectsBound(mp orb.MultiPolygon, b orb.Bound) bool {
	for _, p := range mp {
		for _, r := range p {
			for _, pt := range r {
				if b.Contains(pt) {
					return true
				}
			}
		}
	}
	box := b.ToRing()
	for _, corner := range box {
		if planar.MultiPolygonContains(mp, corner) {
			return true
		}
	}
	for _, p := range mp {
		for _, r := range p {
			for i := 0; i+1 < len(r); i++ {
				for j := 0; j+1 < len(box); j++ {
					if segmentsCross(r[i], r[i+1], box[j], box[j+1]) {
						return true
					}
				}
			}
		}
	}
	return false
}

// segmentsCross reports whether segments ab and cd share a point.
func segmentsCross(a, b, c, d orb.Point) bool {
	o := func(p, q, r orb.Point) float64 { return (q[0]-p[0])*(r[1]-p[1]) - (q[1]-p[1])*(r[0]-p[0]) }
	on := func(p, q, r orb.Point) bool {
		return math.Min(p[0], q[0]) <= r[0] && r[0] <= math.Max(p[0], q[0]) && math.Min(p[1], q[1]) <= r[1] && r[1] <= math.Max(p[1], q[1])
	}
	d1, d2, d3, d4 := o(c, d, a), o(c, d, b), o(a, b, c), o(a, b, d)
	if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) {
		return true
	}
	return (d1 == 0 && on(c, d, a)) || (d2 == 0 && on(c, d, b)) || (d3 == 0 && on(a, b, c)) || (d4 == 0 && on(a, b, d))
}
