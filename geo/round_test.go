package geo_test

import (
	"math"
	"testing"

	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func TestRound(t *testing.T) {
	in := orb.MultiPolygon{
		// Rounds to the unit square; the two points near (1,0) merge.
		{{{0.00000001, 0}, {0.99999996, 0.00000001}, {1.00000004, 0}, {1, 1}, {0, 1}, {0.00000001, 0}}},
		// Thinner than the rounding step: vanishes.
		{{{5, 5}, {6, 5}, {6, 5.00000001}, {5, 5}}},
	}
	got := geo.Round(in, 7)
	want := orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}}
	if !orb.Equal(got, want) {
		t.Errorf("Round = %v, want %v", got, want)
	}
	if p := geo.RoundPoint(orb.Point{120.123456789, -31.00000005}, 1e7); p != (orb.Point{120.1234568, -31.0000001}) {
		t.Errorf("RoundPoint = %v", p)
	}
}

func TestOrient(t *testing.T) {
	mp := orb.MultiPolygon{{reversed(rect(0, 0, 3, 3)[0]), rect(1, 1, 2, 2)[0]}}
	geo.Orient(mp)
	if !orb.Equal(mp[0][0], rect(0, 0, 3, 3)[0]) || !orb.Equal(mp[0][1], reversed(rect(1, 1, 2, 2)[0])) {
		t.Errorf("Orient = %v", mp)
	}
}

// Two polygons share the slanted edge P(1,0)–Q(1.3,1); the right one also
// has the vertex M = (1.1, 1/3) on it (a T-junction). Rounded to one
// decimal, M becomes (1.1, 0.3), 0.01 to the right of the line x = 1+0.3y:
// rounded alone, the right polygon loses the triangle P-M-Q of area
// ½·|0.3·0.3 − 1·0.1| = 0.005 and a gap opens. SnapRound routes the left
// polygon's edge through M's pixel too, so the two still fill the 2×1
// rectangle exactly.
func TestSnapRoundKeepsSharedEdges(t *testing.T) {
	left := orb.MultiPolygon{{{{0, 0}, {1, 0}, {1.3, 1}, {0, 1}, {0, 0}}}}
	m := orb.Point{1.1, 1.0 / 3}
	right := orb.MultiPolygon{{{{1, 0}, {2, 0}, {2, 1}, {1.3, 1}, m, {1, 0}}}}

	alone := planar.Area(geo.Round(left, 1)) + planar.Area(geo.Round(right, 1))
	if math.Abs(alone-(2-0.005)) > 1e-12 {
		t.Errorf("rounded alone: areas add up to %v, want 1.995", alone)
	}
	snapped := geo.SnapRound([]orb.MultiPolygon{left, right}, 1)
	if got := planar.Area(snapped[0]) + planar.Area(snapped[1]); math.Abs(got-2) > 1e-12 {
		t.Errorf("snap rounded: areas add up to %v, want 2", got)
	}
	want := orb.Ring{{0, 0}, {1, 0}, {1.1, 0.3}, {1.3, 1}, {0, 1}, {0, 0}}
	if !orb.Equal(snapped[0][0][0], want) {
		t.Errorf("left ring %v, want %v", snapped[0][0][0], want)
	}
	for i, mp := range snapped {
		if err := geo.Validate(mp); err != nil {
			t.Errorf("polygon %d: %v", i, err)
		}
	}
	u, err := geo.UnionAll(snapped)
	if err != nil {
		t.Fatal(err)
	}
	if len(u) != 1 || len(u[0]) != 1 || planar.Area(u) != 2 {
		t.Errorf("union %v, want the 2×1 rectangle", u)
	}
}
