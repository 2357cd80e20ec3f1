package compare_test

import (
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/compare"
)

func cellOf(t *testing.T, sc *compare.Scorecard, code, ind string) compare.Cell {
	t.Helper()
	for _, row := range sc.Rows {
		if row.Code != code {
			continue
		}
		for _, c := range row.Cells {
			if c.Indicator == ind {
				return c
			}
		}
	}
	t.Fatalf("no cell %s × %s", code, ind)
	return compare.Cell{}
}

func TestScorecard(t *testing.T) {
	s := fixture(t)
	sc := compare.NewScorecard(s, counties(s), 2013)
	if sc.Period != 2013 || sc.Previous != 2012 || len(sc.Rows) != 3 || len(sc.Columns) != len(s.Catalogue.Indicators) {
		t.Fatalf("scorecard %d/%d with %d rows, %d columns", sc.Period, sc.Previous, len(sc.Rows), len(sc.Columns))
	}
	type want struct {
		value, min, gap float64
		meets           bool
		rank            int
	}
	cases := map[[2]string]want{
		// A: (10·3000 + 4·1000)/4000 = 8.5, shown against the blend
		// (8·3000 + 5·1000)/4000 = 7.25, but judged apart: urban 10 ≥ 8,
		// rural 4 < 5, so it misses by 1.
		{"320612", "registered_volunteers"}: {8.5, 7.25, -1, false, 1},
		// B: (6+3+5+4+20)/5 = 7.6 against the rural 5.
		{"320623", "registered_volunteers"}: {7.6, 5, 2.6, true, 2},
		// A: 1 of 2 communities = 50% (blend (85+80)/2 = 82.5); urban 1 of
		// 1 = 100% ≥ 85, rural 0 of 1 = 0% < 80: misses by 80.
		{"320612", "one_stop_service"}: {50, 82.5, -80, false, 2},
		{"320623", "one_stop_service"}: {100, 80, 20, true, 1},
		// ≤ 0 incidents: lower ranks first; A and C tie.
		{"320612", "mass_incidents"}: {0, 0, 0, true, 1},
		{"320681", "mass_incidents"}: {0, 0, 0, true, 1},
		{"320623", "mass_incidents"}: {2, 0, -2, false, 3},
	}
	for k, w := range cases {
		c := cellOf(t, sc, k[0], k[1])
		bound := c.Target.Min
		if c.Target.Comparator == "le" {
			bound = c.Target.Max
		}
		if c.Value == nil || !near(*c.Value, w.value) || !near(*bound, w.min) || !near(*c.Gap, w.gap) ||
			*c.Meets != w.meets || *c.Rank != w.rank {
			t.Errorf("%v: value %v bound %v gap %v meets %v rank %v, want %+v", k, deref(c.Value), deref(bound), deref(c.Gap), *c.Meets, *c.Rank, w)
		}
	}
	// A's volunteers in 2012: (9·3000 + 3·1000)/4000 = 7.5, so +1.
	c := cellOf(t, sc, "320612", "registered_volunteers")
	if c.Previous == nil || !near(*c.Previous, 7.5) || !near(*c.Change, 1) {
		t.Errorf("change %v from %v", deref(c.Change), deref(c.Previous))
	}
	if c := cellOf(t, sc, "320623", "registered_volunteers"); c.Previous != nil || c.Change != nil {
		t.Errorf("B had no 2012 value, got change %v", deref(c.Change))
	}
	if c := cellOf(t, sc, "320681", "registered_volunteers"); c.Value != nil || c.Rank != nil || c.Meets != nil {
		t.Errorf("C has no volunteers data: %+v", c)
	}
	// Judged cells: A volunteers ✗, one-stop ✗, elderly ✓, incidents ✓.
	if r := sc.Rows[0]; r.Code != "320612" || r.Judged != 4 || r.Met != 2 {
		t.Errorf("row A judged %d met %d", r.Judged, r.Met)
	}
}

func TestScorecardColumnOf(t *testing.T) {
	s := fixture(t)
	sc := compare.NewScorecard(s, counties(s), 2013)
	for i, ind := range s.Catalogue.Indicators {
		if got := sc.ColumnOf(ind.ID); got != i {
			t.Errorf("ColumnOf(%s) = %d, want %d", ind.ID, got, i)
		}
	}
	if got := sc.ColumnOf("no_such_indicator"); got != -1 {
		t.Errorf("ColumnOf an unknown indicator = %d, want -1", got)
	}
}

func TestScorecardFirstPeriodHasNoChange(t *testing.T) {
	s := fixture(t)
	sc := compare.NewScorecard(s, counties(s), 2012)
	if sc.Previous != 0 {
		t.Errorf("previous of the first period = %d", sc.Previous)
	}
	if c := cellOf(t, sc, "320612", "registered_volunteers"); c.Change != nil || !near(*c.Value, 7.5) {
		t.Errorf("2012 cell %+v", c)
	}
}

func TestScorecardRangeRanksByGap(t *testing.T) {
	// committee_members is a range at community level (B's rural ones 5–7):
	// 6 lies 1 inside, 5 and 7 on the bounds, 9 is 2 outside.
	o := func(code string, v float64) analytics.Observation {
		return analytics.Observation{Indicator: "committee_members", Region: code, Period: 2013, Value: v}
	}
	s := fixture(t, o("320623001201", 5), o("320623001202", 6), o("320623001203", 9), o("320623001204", 7))
	sc := compare.NewScorecard(s, s.Select(analytics.Community, "320623"), 2013)
	want := map[string]int{"320623001202": 1, "320623001201": 2, "320623001204": 2, "320623001203": 4}
	for code, rank := range want {
		if c := cellOf(t, sc, code, "committee_members"); c.Rank == nil || *c.Rank != rank {
			t.Errorf("%s rank %v, want %d", code, c.Rank, rank)
		}
	}
	if c := cellOf(t, sc, "320623001205", "committee_members"); c.Rank != nil {
		t.Errorf("a community without a value is ranked %d", *c.Rank)
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
