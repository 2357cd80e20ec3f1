package geo_test

import (
	"math"
	"testing"

	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Inputs that meet without sharing vertices, nearly coincide, or enclose a
// hole between them: the overlay must not fail, must give valid output, and
// the areas, worked by hand, must come out to rounding.
func TestOverlayRobustness(t *testing.T) {
	type op func(a, b orb.MultiPolygon) (orb.MultiPolygon, error)
	// A unit square beside two half squares: the shared edge x = 1 is one
	// edge on the left and two on the right (a T-junction at (1, 0.5)).
	left := orb.MultiPolygon{rect(0, 0, 1, 1)}
	halves := orb.MultiPolygon{rect(1, 0, 2, 0.5), rect(1, 0.5, 2, 1)}
	// A U open at the top, and a bar across its arms: together a frame
	// round a 1×2 hole.
	u := orb.MultiPolygon{{{{0, 0}, {3, 0}, {3, 3}, {2, 3}, {2, 1}, {1, 1}, {1, 3}, {0, 3}, {0, 0}}}}
	bar := orb.MultiPolygon{rect(0, 3, 3, 4)}
	// The unit square turned by a nanoradian about its centre: its edges
	// cross the square's at tiny angles.
	const th = 1e-9
	turn := func(x, y float64) orb.Point {
		x, y = x-0.5, y-0.5
		return orb.Point{0.5 + x*math.Cos(th) - y*math.Sin(th), 0.5 + x*math.Sin(th) + y*math.Cos(th)}
	}
	turned := orb.MultiPolygon{{{turn(0, 0), turn(1, 0), turn(1, 1), turn(0, 1), turn(0, 0)}}}
	for _, c := range []struct {
		name         string
		op           op
		a, b         orb.MultiPolygon
		area         float64
		parts, holes int
	}{
		{"union across a T-junction", geo.Union, left, halves, 2, 1, 0},
		{"intersection across a T-junction", geo.Intersection, left, halves, 0, 0, 0},
		{"difference across a T-junction", geo.Difference, left, halves, 1, 1, 0},
		{"union with a bar makes a hole", geo.Union, u, bar, 10, 1, 1},
		{"a gap of 1e-9 stays open", geo.Union, left, orb.MultiPolygon{rect(1+1e-9, 0, 2, 1)}, 2 - 1e-9, 2, 0},
		{"an overlap of 1e-9", geo.Intersection, left, orb.MultiPolygon{rect(1-1e-9, 0, 2, 1)}, 1e-9, 1, 0},
		{"an overlap of 1e-9 unites", geo.Union, left, orb.MultiPolygon{rect(1-1e-9, 0, 2, 1)}, 2, 1, 0},
		// Turned about its centre, the square loses and gains four
		// triangles of 1/8·tan θ each (to first order).
		{"nearly coincident squares", geo.Intersection, left, turned, 1 - th/2, 1, 0},
		{"nearly coincident squares, difference", geo.Difference, left, turned, th / 2, 4, 0},
	} {
		got, err := c.op(c.a, c.b)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if a := planar.Area(got); math.Abs(a-c.area) > 1e-15 {
			t.Errorf("%s: area %.17g, want %.17g", c.name, a, c.area)
		}
		holes := 0
		for _, p := range got {
			holes += len(p) - 1
		}
		if len(got) != c.parts || holes != c.holes {
			t.Errorf("%s: %d polygons with %d holes, want %d with %d: %v", c.name, len(got), holes, c.parts, c.holes, got)
		}
		if err := geo.Validate(got); len(got) > 0 && err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

// seedCounties reads the county boundaries of the generated seed regions:
// the real boundaries as the seeds store them, made valid (the raw file's
// rings touch themselves, which no overlay accepts).
func seedCounties(t *testing.T) []county {
	t.Helper()
	var out []county
	for _, r := range loadSeedRegions(t) {
		if r.level == "county" {
			out = append(out, county{r.name, r.mp})
		}
	}
	if len(out) != 8 {
		t.Fatalf("%d counties in the seeds, want 8", len(out))
	}
	return out
}

// On the county boundaries, cut by boxes across them, the part of a county
// inside a box and the part outside add up to the county: Area keeps its
// value when an overlay splits an edge.
func TestOverlayAreasAddUp(t *testing.T) {
	for _, c := range seedCounties(t) {
		b := c.mp.Bound()
		for k, f := range []float64{0.3, 0.5, 0.71} {
			// A box over part of the county, its edges crossing the
			// boundary at arbitrary points.
			mid := orb.Point{b.Min[0] + f*(b.Max[0]-b.Min[0]), b.Min[1] + (1-f)*(b.Max[1]-b.Min[1])}
			box := orb.MultiPolygon{rect(b.Min[0]-0.01, b.Min[1]-0.01, mid[0], mid[1])}
			in, err := geo.Intersection(c.mp, box)
			if err != nil {
				t.Fatalf("%s box %d: %v", c.name, k, err)
			}
			out, err := geo.Difference(c.mp, box)
			if err != nil {
				t.Fatalf("%s box %d: %v", c.name, k, err)
			}
			whole := geo.Area(c.mp)
			if sum := geo.Area(in) + geo.Area(out); !within(sum, whole, 1e-11) {
				t.Errorf("%s box %d: inside %.3f + outside %.3f = %.3f m², county %.3f m²", c.name, k, geo.Area(in), geo.Area(out), sum, whole)
			}
			if geo.Area(in) == 0 || geo.Area(out) == 0 {
				t.Errorf("%s box %d does not cut the county", c.name, k)
			}
		}
	}
}
