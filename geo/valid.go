package geo

import (
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// Validate reports whether mp is a valid OGC multipolygon: closed rings of
// at least three distinct points, none touching or crossing itself, holes
// inside their shell touching it or each other at single points only,
// connected interiors, and polygons whose interiors do not overlap. The error
// says what is wrong, in which polygon and ring, and near which coordinate.
//
// Ring simplicity is checked here first, because simplefeatures reports a
// ring that is not simple at the ring's first point rather than where it
// crosses; everything else is simplefeatures' Validate.
func Validate(mp orb.MultiPolygon) error {
	for i, p := range mp {
		for j, r := range p {
			if len(r) == 0 {
				return fmt.Errorf("geo: polygon %d ring %d is empty", i, j)
			}
			if r[0] != r[len(r)-1] {
				return fmt.Errorf("geo: polygon %d ring %d is not closed (starts at %v, ends at %v)", i, j, r[0], r[len(r)-1])
			}
			for _, pt := range r {
				if !finite(pt) {
					return fmt.Errorf("geo: polygon %d ring %d: %w: %v", i, j, errNotFinite, pt)
				}
			}
			pts := dedupe(openRing(r))
			if len(pts) < 3 {
				return fmt.Errorf("geo: polygon %d ring %d has fewer than 3 distinct points (near %v)", i, j, r[0])
			}
			if at, bad := selfIntersection(pts); bad {
				return fmt.Errorf("geo: polygon %d ring %d touches or crosses itself near %v", i, j, at)
			}
		}
	}
	if err := ToSF(mp).Validate(); err != nil {
		return fmt.Errorf("geo: invalid multipolygon: %w", err)
	}
	return nil
}

// dedupe drops consecutive repeated points of the open ring pts, which OGC
// allows, so that the simplicity check sees real edges only.
func dedupe(pts []orb.Point) []orb.Point {
	out := pts[:0:0]
	for _, p := range pts {
		if len(out) == 0 || out[len(out)-1] != p {
			out = append(out, p)
		}
	}
	for len(out) > 1 && out[len(out)-1] == out[0] {
		out = out[:len(out)-1]
	}
	return out
}

// errNotFinite marks NaN or infinite coordinates, which no repair can
// place.
var errNotFinite = errors.New("coordinate is not finite")

func finite(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && !math.IsInf(p[0], 0) && !math.IsInf(p[1], 0)
}
