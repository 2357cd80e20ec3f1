package analytics_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/seeds"
)

func TestDatedTargetsAndOverrides(t *testing.T) {
	cat, err := analytics.ParseCatalogue(seeds.IndicatorsJSON)
	if err != nil {
		t.Fatal(err)
	}
	d := tinyDataset()
	f := func(v float64) *float64 { return &v }
	// 2014: the same one-stop figures, a year the notice sets no target for.
	for _, o := range slices.Clone(d.Observations) {
		o.Period = 2014
		d.Observations = append(d.Observations, o)
	}
	d.Targets = []analytics.TargetOverride{
		// County 320612's own quota for 2013: urban ≥ 90%, rural ≥ 50%.
		{Indicator: "one_stop_service", Region: "320612", Period: 2013, Urban: analytics.Bound{Min: f(90)}, Rural: analytics.Bound{Min: f(50)}},
		// …and one for 2014, which makes that year judged for it alone.
		{Indicator: "one_stop_service", Region: "320612", Period: 2014, Urban: analytics.Bound{Min: f(60)}, Rural: analytics.Bound{Min: f(60)}},
	}
	s := analytics.NewSnapshot(1, cat, d)
	ind, _ := cat.Indicator("one_stop_service")

	// 2013, county: urban 1 of 1 = 100% ≥ 90; rural 1 of 2 = 50% ≥ 50.
	v, _ := s.Rollup(ind, 2013).Get("320612")
	if !v.Judged || !v.Override || !v.Split || !v.Meets || v.Gap != 0 || *v.Urban.Target.Min != 90 || v.Rural.Value != 50 {
		t.Errorf("2013 county with its quota: %+v", v)
	}
	// The township has no quota: the catalogue's 85/80; rural 0 of 1 misses.
	v, _ = s.Rollup(ind, 2013).Get("320612001")
	if v.Override || v.Meets || *v.Rural.Target.Min != 80 || v.Rural.Gap != -80 {
		t.Errorf("2013 township on the catalogue target: %+v", v)
	}
	// 2014: the township is not judged — its value is there, no target is.
	v, _ = s.Rollup(ind, 2014).Get("320612001")
	if v.Judged || v.NotJudged != analytics.NoTarget || v.Target.Min != nil || v.Value != 50 || v.Urban.Target.Min != nil {
		t.Errorf("2014 township: %+v, want its value and no target", v)
	}
	// 2014, county: one bound for both kinds (60), so the pooled 2 of 3
	// = 66.7% is the verdict.
	v, _ = s.Rollup(ind, 2014).Get("320612")
	if !v.Judged || v.Split || !v.Meets || *v.Target.Min != 60 {
		t.Errorf("2014 county with its single-bound quota: %+v", v)
	}
	// One target in the notice (health records ≥ 90% for both kinds): the
	// pooled value is judged, the kinds are shown beside it.
	rec, _ := cat.Indicator("elderly_health_records")
	d2 := tinyDataset()
	d2.Observations = []analytics.Observation{
		{Indicator: rec.ID, Region: "320612001001", Period: 2013, Value: 92},
		{Indicator: rec.ID, Region: "320612001201", Period: 2013, Value: 86},
	}
	// (92·3000 + 86·1000)/4000 = 90.5 ≥ 90 though the rural 86 is not.
	v, _ = analytics.NewSnapshot(1, cat, d2).Rollup(rec, 2013).Get("320612001")
	if v.Split || !v.Meets || v.Value != 90.5 || v.Rural == nil || v.Rural.Meets {
		t.Errorf("one target: %+v", v)
	}
}

func TestCatalogueDating(t *testing.T) {
	cat, _ := analytics.ParseCatalogue(seeds.IndicatorsJSON)
	cases := map[string]struct {
		holds2012, holds2013, holds2020 bool
		due                             string
		wording                         string
	}{
		"one_stop_service":     {false, true, false, "2013-12-31", "年内"},
		"worker_training":      {false, true, true, "2020-12-31", "每年"},
		"interaction_pilot":    {false, true, false, "2013-06-30", "今年上半年"},
		"one_committee_model":  {false, true, false, "2013-12-31", "年底"},
		"information_platform": {false, true, false, "2013-12-31", "2013年"},
	}
	for id, c := range cases {
		ind, _ := cat.Indicator(id)
		a := ind.Applies
		year := 2013
		if c.holds2020 {
			year = 2020
		}
		if a.Holds(2012) != c.holds2012 || a.Holds(2013) != c.holds2013 || a.Holds(2020) != c.holds2020 ||
			a.Due(year) != c.due || !strings.Contains(a.Wording, c.wording) || a.Inferred {
			t.Errorf("%s applies %+v", id, a)
		}
	}
}
