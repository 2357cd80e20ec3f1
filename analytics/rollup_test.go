package analytics_test

import (
	"math"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/seeds"
	"github.com/paulmach/orb"
)

// A small hierarchy: city 3206 → county 320612 → townships 320612001 (two
// communities, one urban one rural) and 320612002 (one rural community).
func tinyDataset() *analytics.Dataset {
	sq := func(x, y float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x, y}, {x + 1, y}, {x + 1, y + 1}, {x, y + 1}, {x, y}}}}
	}
	return &analytics.Dataset{
		Regions: []analytics.Region{
			{Code: "320612001001", Name: "甲社区居委会", Level: analytics.Community, Parent: "320612001", Kind: analytics.Urban, Population: 3000, Geometry: sq(0, 0)},
			{Code: "320612001201", Name: "乙村委会", Level: analytics.Community, Parent: "320612001", Kind: analytics.Rural, Population: 1000, Geometry: sq(1, 0)},
			{Code: "320612002201", Name: "丙村委会", Level: analytics.Community, Parent: "320612002", Kind: analytics.Rural, Population: 2000, Geometry: sq(2, 0)},
			{Code: "320612001", Name: "甲街道", Level: analytics.Township, Parent: "320612", Geometry: orb.MultiPolygon{{{{0, 0}, {2, 0}, {2, 1}, {0, 1}, {0, 0}}}}},
			{Code: "320612002", Name: "丙镇", Level: analytics.Township, Parent: "320612", Geometry: sq(2, 0)},
			{Code: "320612", Name: "通州区", Level: analytics.County, Parent: "3206", Geometry: orb.MultiPolygon{{{{0, 0}, {3, 0}, {3, 1}, {0, 1}, {0, 0}}}}},
			{Code: "3206", Name: "南通市", Level: analytics.City, Geometry: orb.MultiPolygon{{{{0, 0}, {3, 0}, {3, 1}, {0, 1}, {0, 0}}}}},
		},
		Observations: []analytics.Observation{
			// volunteers: urban ≥8, rural ≥5, population-weighted mean.
			{Indicator: "registered_volunteers", Region: "320612001001", Period: 2013, Value: 10},
			{Indicator: "registered_volunteers", Region: "320612001201", Period: 2013, Value: 4},
			{Indicator: "registered_volunteers", Region: "320612002201", Period: 2013, Value: 6},
			// one-stop service: yes/no, share of communities; urban ≥85%, rural ≥80%.
			{Indicator: "one_stop_service", Region: "320612001001", Period: 2013, Value: 1},
			{Indicator: "one_stop_service", Region: "320612001201", Period: 2013, Value: 0},
			{Indicator: "one_stop_service", Region: "320612002201", Period: 2013, Value: 1},
			// mass incidents: sum, ≤ 0.
			{Indicator: "mass_incidents", Region: "320612001001", Period: 2013, Value: 0},
			{Indicator: "mass_incidents", Region: "320612002201", Period: 2013, Value: 2},
		},
	}
}

func TestRollup(t *testing.T) {
	cat, err := analytics.ParseCatalogue(seeds.IndicatorsJSON)
	if err != nil {
		t.Fatal(err)
	}
	s := analytics.NewSnapshot(1, cat, tinyDataset())
	ind := func(id string) *analytics.Indicator { i, _ := cat.Indicator(id); return i }
	type want struct {
		value, target, gap float64
		meets              bool
		units              int
	}
	cases := []struct {
		indicator, region string
		want              want
	}{
		// Community level: own kind's bound.
		{"registered_volunteers", "320612001201", want{4, 5, -1, false, 1}},
		// Township: (10·3000 + 4·1000)/4000 = 8.5 against the blend
		// (8·3000+5·1000)/4000 = 7.25, but the urban and rural bounds differ,
		// so each kind is judged apart: urban 10 ≥ 8 (gap 2), rural 4 < 5
		// (gap −1). It misses, by the rural shortfall.
		{"registered_volunteers", "320612001", want{8.5, 7.25, -1, false, 2}},
		// County: (30000+4000+12000)/6000 = 7.6667 (blend 6.5); urban 10
		// (gap 2), rural (4000+12000)/3000 = 5.3333 (gap 0.3333): meets.
		{"registered_volunteers", "320612", want{46000.0 / 6000, 6.5, 16000.0/3000 - 5, true, 3}},
		// Township 001: 1 of 2 communities → 50% (blend (85+80)/2 = 82.5);
		// urban 1 of 1 = 100% ≥ 85, rural 0 of 1 = 0% < 80 (gap −80).
		{"one_stop_service", "320612001", want{50, 82.5, -80, false, 2}},
		// City: 2 of 3 → 66.67% (blend 81.67); urban 100% (gap 15), rural
		// 1 of 2 = 50% < 80 (gap −30).
		{"one_stop_service", "3206", want{200.0 / 3, 245.0 / 3, -30, false, 3}},
		{"mass_incidents", "320612", want{2, 0, -2, false, 2}},
		{"mass_incidents", "320612001", want{0, 0, 0, true, 1}},
	}
	for _, c := range cases {
		v, ok := s.Rollup(ind(c.indicator), 2013).Get(c.region)
		if !ok {
			t.Errorf("%s %s: no value", c.indicator, c.region)
			continue
		}
		target := v.Target.Min
		if target == nil {
			target = v.Target.Max
		}
		got := want{v.Value, *target, v.Gap, v.Meets, v.Units}
		if math.Abs(got.value-c.want.value) > 1e-9 || math.Abs(got.target-c.want.target) > 1e-9 ||
			math.Abs(got.gap-c.want.gap) > 1e-9 || got.meets != c.want.meets || got.units != c.want.units {
			t.Errorf("%s %s = %+v, want %+v", c.indicator, c.region, got, c.want)
		}
	}
	if _, ok := s.Rollup(ind("registered_volunteers"), 2012).Get("320612"); ok {
		t.Error("value for a period without observations")
	}
}

func TestSnapshotQueries(t *testing.T) {
	cat, _ := analytics.ParseCatalogue(seeds.IndicatorsJSON)
	s := analytics.NewSnapshot(1, cat, tinyDataset())
	if got := len(s.Select(analytics.Community, "320612001")); got != 2 {
		t.Errorf("communities of 320612001 = %d, want 2", got)
	}
	if got := len(s.Select("", "320612")); got != 2 {
		t.Errorf("children of 320612 = %d, want 2", got)
	}
	if got := len(s.Select(analytics.Community, "")); got != 3 {
		t.Errorf("communities = %d, want 3", got)
	}
	r, ok := s.Locate(analytics.Community, orb.Point{2.5, 0.5})
	if !ok || r.Code != "320612002201" {
		t.Errorf("Locate(2.5, 0.5) = %v, %v; want 320612002201", r, ok)
	}
	if _, ok := s.Locate(analytics.Community, orb.Point{5, 5}); ok {
		t.Error("Locate outside every region found one")
	}
	if s.LatestPeriod() != 2013 || !s.HasPeriod(2013) || s.HasPeriod(2014) {
		t.Errorf("periods = %v", s.Periods())
	}
}
