package geo_test

import (
	"math"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
)

func TestValidate(t *testing.T) {
	for _, c := range []struct {
		name string
		mp   orb.MultiPolygon
		want string // substring of the error, "" for valid
	}{
		{"square", orb.MultiPolygon{rect(0, 0, 1, 1)}, ""},
		{"repeated points are allowed", orb.MultiPolygon{{{{0, 0}, {0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}}, ""},
		{"hole touching shell once", orb.MultiPolygon{{rect(0, 0, 4, 4)[0], {{0, 2}, {1, 1}, {1, 3}, {0, 2}}}}, ""},
		{"polygons touching at a corner", orb.MultiPolygon{rect(0, 0, 1, 1), rect(1, 1, 2, 2)}, ""},
		{"bow-tie", orb.MultiPolygon{{{{0, 0}, {2, 2}, {2, 0}, {0, 2}, {0, 0}}}}, "ring 0 touches or crosses itself near [1 1]"},
		{"self-touching ring", orb.MultiPolygon{{{{0, 0}, {4, 0}, {4, 4}, {2, 4}, {3, 2}, {1, 2}, {2, 4}, {0, 4}, {0, 0}}}}, "near [2 4]"},
		{"spike", orb.MultiPolygon{{{{0, 0}, {2, 0}, {2, 1}, {3, 1}, {2, 1}, {2, 2}, {0, 2}, {0, 0}}}}, "near [2 1]"},
		{"fold back along an edge", orb.MultiPolygon{{{{0, 0}, {3, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}}, "near [1 0]"},
		{"open ring", orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}}}}, "not closed"},
		{"NaN", orb.MultiPolygon{{{{0, 0}, {1, 0}, {math.NaN(), 1}, {0, 0}}}}, "not finite"},
		{"two points", orb.MultiPolygon{{{{0, 0}, {1, 0}, {0, 0}, {0, 0}}}}, "fewer than 3 distinct points"},
		{"hole outside", orb.MultiPolygon{{rect(0, 0, 1, 1)[0], reversed(rect(2, 2, 3, 3)[0])}}, "interior ring outside of exterior ring"},
		{"overlapping polygons", orb.MultiPolygon{rect(0, 0, 2, 2), rect(1, 1, 3, 3)}, "(at or near {2 1.5})"},
		{"polygons sharing an edge", orb.MultiPolygon{rect(0, 0, 1, 1), rect(1, 0, 2, 1)}, "touch at multiple points"},
	} {
		err := geo.Validate(c.mp)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: unexpected error %v", c.name, err)
		case c.want != "" && err == nil:
			t.Errorf("%s: no error, want one containing %q", c.name, c.want)
		case c.want != "" && !strings.Contains(err.Error(), c.want):
			t.Errorf("%s: error %q does not contain %q", c.name, err, c.want)
		}
	}
}

func TestValidateCounties(t *testing.T) {
	// The data README: 7 of the 8 are invalid, 港闸区 being the valid one.
	for _, c := range loadCounties(t) {
		err := geo.Validate(c.mp)
		if (c.name == "港闸区") != (err == nil) {
			t.Errorf("%s: Validate = %v", c.name, err)
		}
	}
}
