package gridcov_test

import (
	"math"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/gridcov"
	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
)

// strip is the lon/lat rectangle 120+x0 … 120+x1 × 32 … 32.01. Strips share
// their latitudes, so their ellipsoidal areas are in proportion to their
// widths exactly, and every share below is worked by hand from widths.
func strip(x0, x1 float64) orb.MultiPolygon {
	a, b := 120+x0, 120+x1
	return orb.MultiPolygon{{{{a, 32}, {b, 32}, {b, 32.01}, {a, 32.01}, {a, 32}}}}
}

// fixture: township 320612001 of three communities 0.04, 0.02 and 0.02
// wide:
//
//	C1 0.00–0.04, 1000 households: G1 0.000–0.010 (300, worker), G2
//	   0.010–0.020 (250, no worker), G3 0.015–0.025 (600, overlapping G2 by
//	   0.005), G4 0.035–0.045 (400, 0.005 outside); gap 0.025–0.035.
//	C2 0.04–0.06, 800 households: G5, G6 tile it (400 each).
//	C3 0.06–0.08, 500 households: no grids.
func fixture() *analytics.Snapshot {
	reg := func(code string, l analytics.Level, parent string, hh int64, g orb.MultiPolygon) analytics.Region {
		return analytics.Region{Code: code, Name: code, Level: l, Parent: parent, Households: hh, Geometry: g}
	}
	grid := func(code, comm string, hh int64, worker string, g orb.MultiPolygon) analytics.Grid {
		return analytics.Grid{Code: code, Community: comm, Households: hh, Worker: worker, Geometry: g}
	}
	return analytics.NewSnapshot(7, nil, &analytics.Dataset{
		Regions: []analytics.Region{
			reg("3206", analytics.City, "", 2300, strip(0, 0.08)),
			reg("320612", analytics.County, "3206", 2300, strip(0, 0.08)),
			reg("320612001", analytics.Township, "320612", 2300, strip(0, 0.08)),
			reg("320612001001", analytics.Community, "320612001", 1000, strip(0, 0.04)),
			reg("320612001002", analytics.Community, "320612001", 800, strip(0.04, 0.06)),
			reg("320612001003", analytics.Community, "320612001", 500, strip(0.06, 0.08)),
		},
		Grids: []analytics.Grid{
			grid("G1", "320612001001", 300, "甲", strip(0, 0.01)),
			grid("G2", "320612001001", 250, "", strip(0.01, 0.02)),
			grid("G3", "320612001001", 600, "乙", strip(0.015, 0.025)),
			grid("G4", "320612001001", 400, "丙", strip(0.035, 0.045)),
			grid("G5", "320612001002", 400, "丁", strip(0.04, 0.05)),
			grid("G6", "320612001002", 400, "戊", strip(0.05, 0.06)),
		},
	})
}

// unit is the area of a strip 0.01 wide.
var unit = geo.Area(strip(0, 0.01))

func approx(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %.12g, want %.12g", what, got, want)
	}
}

func TestCommunityByHand(t *testing.T) {
	cov, err := gridcov.Compute(fixture())
	if err != nil {
		t.Fatal(err)
	}
	c1, ok := cov.Community("320612001001")
	if !ok {
		t.Fatal("community 320612001001 missing")
	}
	approx(t, "C1 area", c1.AreaM2, 4*unit)
	approx(t, "C1 covered share", c1.CoveredShare(), 0.75)
	approx(t, "C1 gap", c1.GapM2, unit)
	approx(t, "C1 overlap", c1.OverlapM2, unit/2)
	if len(c1.Gaps) != 1 {
		t.Fatalf("C1 gaps %d, want 1", len(c1.Gaps))
	}
	approx(t, "C1 gap households", c1.Gaps[0].Households, 250)
	if b := c1.Gaps[0].Geometry.Bound(); math.Abs(b.Min[0]-120.025) > 1e-12 || math.Abs(b.Max[0]-120.035) > 1e-12 {
		t.Errorf("C1 gap spans %v, want lon 120.025–120.035", b)
	}
	if len(c1.Overlaps) != 1 || c1.Overlaps[0].A != "G2" || c1.Overlaps[0].B != "G3" {
		t.Fatalf("C1 overlaps %+v, want G2–G3", c1.Overlaps)
	}
	approx(t, "G2–G3 overlap", c1.Overlaps[0].AreaM2, unit/2)
	outside := map[string]float64{"G1": 0, "G2": 0, "G3": 0, "G4": unit / 2}
	for _, g := range c1.Grids {
		approx(t, g.Code+" outside", g.OutsideM2, outside[g.Code])
	}
	if c1.FullCoverage() || c1.HouseholdsInGrids() != 1550 || c1.HouseholdsCovered() != 1000 {
		t.Errorf("C1 verdict %v, households in grids %d, covered %d; want false, 1550, 1000",
			c1.FullCoverage(), c1.HouseholdsInGrids(), c1.HouseholdsCovered())
	}

	c2, _ := cov.Community("320612001002")
	approx(t, "C2 covered share", c2.CoveredShare(), 1)
	if !c2.FullCoverage() || len(c2.Gaps) != 0 || len(c2.Overlaps) != 0 {
		t.Errorf("C2: verdict %v, %d gaps, %d overlaps; want full, none, none", c2.FullCoverage(), len(c2.Gaps), len(c2.Overlaps))
	}

	c3, _ := cov.Community("320612001003")
	if c3.FullCoverage() || c3.CoveredM2 != 0 || len(c3.Gaps) != 1 {
		t.Errorf("C3 without grids: verdict %v, covered %v, %d gaps; want false, 0, 1", c3.FullCoverage(), c3.CoveredM2, len(c3.Gaps))
	}
	approx(t, "C3 gap households", c3.GapHouseholds(), 500)
}

func TestSummariseByHand(t *testing.T) {
	cov, err := gridcov.Compute(fixture())
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"320612001", "320612", "3206"} {
		s := gridcov.Summarise(cov.Communities(code), gridcov.DefaultBand)
		approx(t, code+" covered share", s.CoveredShare(), 5.0/8)
		approx(t, code+" gap", s.GapM2, 3*unit)
		approx(t, code+" overlap", s.OverlapM2, unit/2)
		approx(t, code+" outside share", s.OutsideShare(), 1.0/12)
		approx(t, code+" gap households", s.GapHouseholds, 750)
		approx(t, code+" full share", s.FullShare(), 1.0/3)
		got := []int64{int64(s.Communities), int64(s.CommunitiesFull), int64(s.CommunitiesNoGrids), int64(s.Grids),
			int64(s.UnassignedGrids), s.HouseholdsUnassigned, int64(s.GridsBelowBand), int64(s.GridsAboveBand),
			s.Households, s.HouseholdsCovered, int64(s.Gaps), int64(s.Overlaps)}
		want := []int64{3, 1, 1, 6, 1, 250, 1, 1, 2300, 1800, 2, 1}
		if !equal(got, want) {
			t.Errorf("%s counts %v, want %v", code, got, want)
		}
		if s.FullCoverage() {
			t.Errorf("%s is fully covered; want not", code)
		}
	}
	s := gridcov.Summarise(cov.Communities("320612001"), gridcov.Band{Min: 350, Max: 1000})
	if s.GridsBelowBand != 2 || s.GridsAboveBand != 0 {
		t.Errorf("band 350–1000: %d below, %d above; want 2, 0", s.GridsBelowBand, s.GridsAboveBand)
	}
	if n := len(cov.Communities("999")); n != 0 {
		t.Errorf("unknown region has %d communities", n)
	}
	if s := gridcov.Summarise(nil, gridcov.DefaultBand); s.FullCoverage() || s.CoveredShare() != 0 {
		t.Errorf("no communities: verdict %v, share %v; want false, 0", s.FullCoverage(), s.CoveredShare())
	}
}

func equal(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestBand(t *testing.T) {
	b := gridcov.DefaultBand
	for n, want := range map[int64]gridcov.Place{0: gridcov.Below, 299: gridcov.Below, 300: gridcov.In, 500: gridcov.In, 501: gridcov.Above} {
		if got := b.Place(n); got != want {
			t.Errorf("Place(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestOfComputesOncePerSnapshot(t *testing.T) {
	s := fixture()
	a, err := gridcov.Of(s)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := gridcov.Of(s); a != b {
		t.Error("a second call for the same snapshot computed again")
	}
	if b, _ := gridcov.Of(fixture()); a == b {
		t.Error("another snapshot got the first one's coverage")
	}
}
