package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// Round rounds every coordinate of mp to the given number of decimals and
// removes what the rounding collapses: repeated points, spikes and rings
// left with no area. Seven decimals (about a centimetre) keep GeoJSON small
// without moving any boundary visibly.
//
// Rounding can still make a valid polygon invalid, where two edges closer
// than the rounding step meet; check the result with Validate and repair it
// with MakeValid if need be. Points equal before rounding are equal after, so
// polygons that shared edges still do.
func Round(mp orb.MultiPolygon, decimals int) orb.MultiPolygon {
	scale := math.Pow(10, float64(decimals))
	out := make(orb.MultiPolygon, 0, len(mp))
	for _, p := range mp {
		var q orb.Polygon
		for i, r := range p {
			pts := make([]orb.Point, len(r))
			for j, pt := range r {
				pts[j] = RoundPoint(pt, scale)
			}
			pts = cleanRing(openRing(pts))
			if len(pts) < 3 || planarSignedArea(orb.Ring(pts)) == 0 {
				if i == 0 {
					break // the shell vanished, and its holes with it
				}
				continue
			}
			q = append(q, append(orb.Ring(pts), pts[0]))
		}
		if len(q) > 0 {
			out = append(out, q)
		}
	}
	return out
}

// RoundPoint rounds both coordinates of p to multiples of 1/scale, halves
// away from zero.
func RoundPoint(p orb.Point, scale float64) orb.Point {
	return orb.Point{math.Round(p[0]*scale) / scale, math.Round(p[1]*scale) / scale}
}
