package server_test

import (
	"math"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo"
	"github.com/community-atlas/atlas/server/store"
)

// coverageFixture is fixture() with grids drawn as north–south strips, so
// every share is a ratio of widths: 甲 (120.0–120.1, 1000 households) has
// G1 over its west half (400 households) and G2 over 120.04–120.1 (500, no
// worker), overlapping G1 by a tenth of 甲; 乙 (120.1–120.2, 333
// households) has G3 over its west half (600), leaving its east half a gap.
func coverageFixture() *store.Changeset {
	cs := fixture()
	cs.Grids = []analytics.Grid{
		{Code: "G1", Community: "320612001001", Households: 400, Worker: "张三", Geometry: box(120, 32, 120.05, 32.1)},
		{Code: "G2", Community: "320612001001", Households: 500, Geometry: box(120.04, 32, 120.1, 32.1)},
		{Code: "G3", Community: "320612001201", Households: 600, Worker: "李四", Geometry: box(120.1, 32, 120.15, 32.1)},
	}
	return cs
}

type coverage struct {
	Code, Name, Level, Parent          string
	FullCoverage                       bool    `json:"full_coverage"`
	CoveredShare                       float64 `json:"covered_share"`
	AreaM2                             float64 `json:"area_m2"`
	CoveredM2                          float64 `json:"covered_m2"`
	GapAreaM2                          float64 `json:"gap_area_m2"`
	OverlapAreaM2                      float64 `json:"overlap_area_m2"`
	OutsideAreaM2                      float64 `json:"outside_area_m2"`
	GapHouseholds                      float64 `json:"gap_households"`
	Gaps, Overlaps, Grids, Communities int
	Households                         int64
	HouseholdsCovered                  int64 `json:"households_covered"`
	UnassignedGrids                    int   `json:"unassigned_grids"`
	GridsBelowBand                     int   `json:"grids_below_band"`
	GridsAboveBand                     int   `json:"grids_above_band"`
	CommunitiesFull                    int   `json:"communities_full"`
	CommunitiesWithoutGrids            int   `json:"communities_without_grids"`
}

type coverageList struct {
	Items []coverage
	Band  struct {
		Min int64 `json:"min_households"`
		Max int64 `json:"max_households"`
	}
}

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

func TestGridCoverage(t *testing.T) {
	s := newServer(t, coverageFixture())
	a := geo.Area(box(120, 32, 120.1, 32.1)) // 甲 and 乙 alike
	var l coverageList
	s.get(t, "/api/v1/coverage/grid?level=community", 200, &l)
	if len(l.Items) != 2 || l.Band.Min != 300 || l.Band.Max != 500 {
		t.Fatalf("communities %+v, band %+v", l.Items, l.Band)
	}
	jia, yi := l.Items[0], l.Items[1]
	if !jia.FullCoverage || jia.CoveredShare != 1 || !near(jia.OverlapAreaM2, a/10, 0.2) || jia.GapAreaM2 != 0 ||
		jia.Overlaps != 1 || jia.HouseholdsCovered != 900 || jia.UnassignedGrids != 1 || jia.GridsBelowBand != 0 {
		t.Errorf("甲 %+v", jia)
	}
	if yi.FullCoverage || yi.CoveredShare != 0.5 || !near(yi.GapAreaM2, a/2, 0.2) || yi.Gaps != 1 ||
		!near(yi.GapHouseholds, 166.5, 0.05) || yi.HouseholdsCovered != 333 || yi.GridsAboveBand != 1 {
		t.Errorf("乙 %+v", yi)
	}

	s.get(t, "/api/v1/coverage/grid", 200, &l) // counties by default
	if len(l.Items) != 2 || l.Items[0].Code != "320612" || l.Items[1].Code != "320623" {
		t.Fatalf("counties %+v", l.Items)
	}
	c := l.Items[0]
	if c.FullCoverage || c.CoveredShare != 0.75 || c.Communities != 2 || c.CommunitiesFull != 1 || c.Grids != 3 ||
		c.Households != 1333 || c.HouseholdsCovered != 1233 || !near(c.AreaM2, 2*a, 0.2) {
		t.Errorf("county 320612 %+v", c)
	}
	if e := l.Items[1]; e.Communities != 0 || e.FullCoverage || e.CoveredShare != 0 {
		t.Errorf("county without communities %+v", e)
	}
	s.get(t, "/api/v1/coverage/grid?parent=320612001&min_households=450&max_households=550", 200, &l)
	if len(l.Items) != 2 || l.Items[0].GridsBelowBand != 1 || l.Items[1].GridsAboveBand != 1 || l.Band.Min != 450 {
		t.Errorf("children of 320612001 with band 450–550: %+v", l)
	}
	var p problem
	for query, param := range map[string]string{
		"min_households=abc":                   "min_households",
		"max_households=-1":                    "max_households",
		"min_households=1.5":                   "min_households",
		"min_households=600":                   "max_households",
		"min_households=10&max_households=9":   "max_households",
		"level=village":                        "level",
		"max_households=99999999999999999999":  "max_households",
		"min_households=%20300":                "min_households",
		"min_households=300&max_households=30": "max_households",
	} {
		s.get(t, "/api/v1/coverage/grid?"+query, 400, &p)
		if p.Param != param {
			t.Errorf("%s: problem %+v, want one about %s", query, p, param)
		}
	}
	s.get(t, "/api/v1/coverage/grid?parent=999", 404, &p)
}

type featureCollection struct {
	Features []feature
}

func TestGridGapsAndOverlaps(t *testing.T) {
	s := newServer(t, coverageFixture())
	a := geo.Area(box(120, 32, 120.1, 32.1))
	var fc featureCollection
	s.get(t, "/api/v1/coverage/grid/gaps?community=320612001201", 200, &fc)
	if len(fc.Features) != 1 {
		t.Fatalf("gaps of 乙: %+v", fc.Features)
	}
	f := fc.Features[0]
	ring := f.Geometry.Coordinates[0][0]
	minLon, maxLon := ring[0][0], ring[0][0]
	for _, pt := range ring {
		minLon, maxLon = min(minLon, pt[0]), max(maxLon, pt[0])
	}
	if f.ID != "320612001201-gap-1" || f.Properties["reason"] != "uncovered" || f.Properties["share"] != 0.5 ||
		!near(f.Properties["area_m2"].(float64), a/2, 0.2) || !near(f.Properties["estimated_households"].(float64), 166.5, 0.05) ||
		minLon != 120.15 || maxLon != 120.2 {
		t.Errorf("gap %+v spanning lon %v–%v", f, minLon, maxLon)
	}
	s.get(t, "/api/v1/coverage/grid/gaps?parent=320612", 200, &fc)
	if len(fc.Features) != 1 {
		t.Errorf("gaps in 320612: %d, want 1", len(fc.Features))
	}
	s.get(t, "/api/v1/coverage/grid/gaps?community=320612001001", 200, &fc)
	if len(fc.Features) != 0 {
		t.Errorf("gaps in 甲: %+v", fc.Features)
	}
	s.get(t, "/api/v1/coverage/grid/overlaps", 200, &fc)
	if len(fc.Features) != 1 || fc.Features[0].ID != "G1+G2" || !near(fc.Features[0].Properties["area_m2"].(float64), a/10, 0.2) {
		t.Errorf("overlaps %+v", fc.Features)
	}
	var p problem
	s.get(t, "/api/v1/coverage/grid/gaps?community=320612001", 400, &p)
	if p.Param != "community" || !strings.Contains(p.Detail, "not a community") {
		t.Errorf("problem %+v", p)
	}
	s.get(t, "/api/v1/coverage/grid/overlaps?parent=999", 404, &p)
}

func TestCoverageGrids(t *testing.T) {
	s := newServer(t, coverageFixture())
	var l struct {
		Items []struct {
			Code, Community, Worker, Band string
			Households                    int64
			OutsideM2                     float64  `json:"outside_m2"`
			OverlapsWith                  []string `json:"overlaps_with"`
		}
	}
	s.get(t, "/api/v1/coverage/grid/grids?parent=3206&max_households=550", 200, &l)
	if len(l.Items) != 3 {
		t.Fatalf("grids %+v", l.Items)
	}
	g1, g2, g3 := l.Items[0], l.Items[1], l.Items[2]
	if g1.Code != "G1" || g1.Band != "in" || strings.Join(g1.OverlapsWith, ",") != "G2" || g1.Worker != "张三" {
		t.Errorf("G1 %+v", g1)
	}
	if g2.Code != "G2" || g2.Band != "in" || strings.Join(g2.OverlapsWith, ",") != "G1" || g2.Worker != "" {
		t.Errorf("G2 %+v", g2)
	}
	if g3.Code != "G3" || g3.Band != "above" || len(g3.OverlapsWith) != 0 || g3.OutsideM2 != 0 {
		t.Errorf("G3 %+v", g3)
	}
}
