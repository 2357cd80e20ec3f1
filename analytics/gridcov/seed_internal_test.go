package gridcov

import (
	"math"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/paulmach/orb"
)

// On the Nantong seeds, the exact tiling test and the residual gaps agree
// with the overlays for every community, and they do spare most of them.
func TestSeedExactPathsAgreeWithOverlays(t *testing.T) {
	if testing.Short() {
		t.Skip("overlays every community of the seeds")
	}
	s := seedSnapshot(t)
	grids := groupGrids(s)
	scratch := edgeSum{}
	var spared int
	for _, r := range s.Select(analytics.Community, "") {
		fast, err := measure(r, grids[r.Code], scratch)
		if err != nil {
			t.Fatal(err)
		}
		slow, err := measure(r, grids[r.Code], nil)
		if err != nil {
			t.Fatal(err)
		}
		if exact(r, grids[r.Code], scratch) {
			spared++
		}
		tol := 1e-9 * fast.AreaM2
		if math.Abs(fast.CoveredM2-slow.CoveredM2) > tol || math.Abs(fast.GapM2-slow.GapM2) > tol ||
			math.Abs(fast.OverlapM2-slow.OverlapM2) > tol || math.Abs(sumOutside(fast)-sumOutside(slow)) > tol ||
			len(fast.Gaps) != len(slow.Gaps) || len(fast.Overlaps) != len(slow.Overlaps) {
			t.Errorf("%s: exact paths %+v\noverlays %+v", r.Code, summary(fast), summary(slow))
		}
	}
	if spared < 1800 {
		t.Errorf("the exact paths took %d communities; want at least 1,800 of the 2,005", spared)
	}
}

// exact reports whether the exact tiling test or the residual gaps
// measure community r.
func exact(r *analytics.Region, grids []*analytics.Grid, scratch edgeSum) bool {
	if len(grids) == 0 {
		return false
	}
	geoms := make([]orb.MultiPolygon, len(grids))
	for i, g := range grids {
		geoms[i] = g.Geometry
	}
	if tiles(r.Geometry, geoms, scratch) {
		return true
	}
	_, ok := residualGaps(scratch)
	return ok
}

func sumOutside(c Community) float64 {
	var sum float64
	for _, g := range c.Grids {
		sum += g.OutsideM2
	}
	return sum
}

func summary(c Community) []float64 {
	return []float64{c.CoveredM2, c.GapM2, c.OverlapM2, sumOutside(c), float64(len(c.Gaps)), float64(len(c.Overlaps))}
}
