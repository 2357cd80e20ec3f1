package geo_test

import (
	"math"
	"testing"

	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func TestMakeValidSmallCases(t *testing.T) {
	for _, c := range []struct {
		name  string
		mp    orb.MultiPolygon
		area  float64 // planar area worked out by hand
		parts int
	}{
		// Two triangles meeting at (1,1), each of base 2 and height 1.
		{"bow-tie", orb.MultiPolygon{{{{0, 0}, {2, 2}, {2, 0}, {0, 2}, {0, 0}}}}, 2, 2},
		// Two unit squares touching at (1,1), traced as one ring.
		{"figure of eight at a vertex", orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {2, 1}, {2, 2}, {1, 2}, {1, 1}, {0, 1}, {0, 0}}}}, 2, 2},
		// A 4×4 square whose ring dips in to enclose the triangle
		// (2,4)-(3,2)-(1,2) of area 2: that triangle becomes a hole.
		{"inverted hole", orb.MultiPolygon{{{{0, 0}, {4, 0}, {4, 4}, {2, 4}, {3, 2}, {1, 2}, {2, 4}, {0, 4}, {0, 0}}}}, 14, 1},
		// The spike (2,1)-(3,1)-(2,1) has no area: the 2×2 square remains.
		{"spike", orb.MultiPolygon{{{{0, 0}, {2, 0}, {2, 1}, {3, 1}, {2, 1}, {2, 2}, {0, 2}, {0, 0}}}}, 4, 1},
		// The edge out to (3,0) folds back to (1,0): the unit square remains.
		{"fold back", orb.MultiPolygon{{{{0, 0}, {3, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}}, 1, 1},
		// Repeated points (valid already) change nothing.
		{"repeated points", orb.MultiPolygon{{{{0, 0}, {0, 0}, {2, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}}}}, 4, 1},
		// A 10×10 square with a bow-tie hole of two unit triangles.
		{"bow-tie hole", orb.MultiPolygon{{rect(0, 0, 10, 10)[0], {{2, 2}, {4, 4}, {4, 2}, {2, 4}, {2, 2}}}}, 98, 1},
		// Overlapping polygons merge: 4 + 4 − 1.
		{"overlapping polygons", orb.MultiPolygon{rect(0, 0, 2, 2), rect(1, 1, 3, 3)}, 7, 1},
		// A square traced twice over: the loops cancel pairwise by the
		// even-odd rule, leaving nothing.
		{"doubled ring", orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}}, 0, 0},
	} {
		got, err := geo.MakeValid(c.mp)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if err := geo.Validate(got); err != nil {
			t.Errorf("%s: result invalid: %v", c.name, err)
		}
		if a := planar.Area(got); math.Abs(a-c.area) > 1e-12 {
			t.Errorf("%s: area %v, want %v", c.name, a, c.area)
		}
		if len(got) != c.parts {
			t.Errorf("%s: %d polygons, want %d: %v", c.name, len(got), c.parts, got)
		}
	}
}

// Every county of the Nantong file repairs to a valid multipolygon whose
// area is within 0.1 km² of its original (signed shoelace) area, the bound
// the data README gives for PostGIS ST_MakeValid.
func TestMakeValidCounties(t *testing.T) {
	for _, c := range loadCounties(t) {
		got, err := geo.MakeValid(c.mp)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if err := geo.Validate(got); err != nil {
			t.Errorf("%s: repaired but invalid: %v", c.name, err)
		}
		before, after := geo.Area(c.mp), geo.Area(got)
		if d := math.Abs(after-before) / 1e6; d >= 0.1 {
			t.Errorf("%s: area %.4f km² → %.4f km²", c.name, before/1e6, after/1e6)
		}
		// The repair must not wander: every vertex it keeps or makes lies
		// within the original's bounds.
		if b := c.mp.Bound(); !b.Contains(got.Bound().Min) || !b.Contains(got.Bound().Max) {
			t.Errorf("%s: repaired bound %v outside %v", c.name, got.Bound(), b)
		}
	}
}

func TestMakeValidKeepsValidInput(t *testing.T) {
	in := orb.MultiPolygon{{{{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}}}} // clockwise
	got, err := geo.MakeValid(in)
	if err != nil {
		t.Fatal(err)
	}
	want := orb.Ring{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}
	if !orb.Equal(got[0][0], want) {
		t.Errorf("got %v, want the same square counter-clockwise %v", got[0][0], want)
	}
	if !orb.Equal(in[0][0], orb.Ring{{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}}) {
		t.Error("input was modified")
	}
}
