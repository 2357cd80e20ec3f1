package tile

import (
	"github.com/paulmach/orb"
)

// mapPoints applies f to every point of g in place.
func mapPoints(g orb.Geometry, f func(orb.Point) orb.Point) orb.Geometry {
	switch v := g.(type) {
	case orb.Point:
		return f(v)
	case orb.MultiPoint:
		for i := range v {
			v[i] = f(v[i])
		}
	case orb.LineString:
		mapLine(v, f)
	case orb.MultiLineString:
		for _, ls := range v {
			mapLine(ls, f)
		}
	case orb.Ring:
		mapLine(v, f)
	case orb.Polygon:
		for _, r := range v {
			mapLine(r, f)
		}
	case orb.MultiPolygon:
		for _, p := range v {
			for _, r := range p {
				mapLine(r, f)
			}
		}
	}
	return g
}

func mapLine[L ~[]orb.Point](l L, f func(orb.Point) orb.Point) {
	for i := range l {
		l[i] = f(l[i])
	}
}

func isPoint(g orb.Geometry) bool {
	switch g.(type) {
	case orb.Point, orb.MultiPoint:
		return true
	}
	return false
}

// dropEmpty removes the polygons of a multipolygon that collapsed, and
// returns nil when nothing is left to draw.
func dropEmpty(g orb.Geometry) orb.Geometry {
	if g == nil {
		return nil
	}
	if mp, ok := g.(orb.MultiPolygon); ok {
		kept := mp[:0]
		for _, p := range mp {
			if !empty(p) {
				kept = append(kept, p)
			}
		}
		if len(kept) == 0 {
			return nil
		}
		return kept
	}
	if empty(g) {
		return nil
	}
	return g
}

// empty reports whether a clipped, simplified geometry has nothing to draw:
// rings that collapsed to fewer than four points or to no area.
func empty(g orb.Geometry) bool {
	switch v := g.(type) {
	case orb.Polygon:
		return len(v) == 0 || len(v[0]) < 4 || v[0].Bound().Max == v[0].Bound().Min
	case orb.MultiPolygon:
		for _, p := range v {
			if !empty(p) {
				return false
			}
		}
		return true
	case orb.MultiPoint:
		return len(v) == 0
	case orb.LineString:
		return len(v) < 2
	case orb.MultiLineString:
		return len(v) == 0
	}
	return false
}
