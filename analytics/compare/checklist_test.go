package compare_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/compare"
)

// checklistFixture: in 2013 county A has set up its coordinating body
// (task 20, a county item) and both its communities have a service station
// (task 1, a community item), but its township has not started on a health
// centre (task 2, a township item); county B is still working on its body
// and only one of its five villages has a station; county C reported its
// body done in 2012 only.
func checklistFixture(t *testing.T) *analytics.Snapshot {
	e := func(item, region string, period int, st analytics.ChecklistStatus) analytics.ChecklistEntry {
		return analytics.ChecklistEntry{Item: item, Region: region, Period: period, Status: st, Review: analytics.ReviewPending}
	}
	return fixtureWith(t, []analytics.ChecklistEntry{
		e("t20_coordination_body", "320612", 2013, analytics.Done),
		e("t20_coordination_body", "320623", 2013, analytics.InProgress),
		e("t20_coordination_body", "320681", 2012, analytics.Done),
		e("t01_service_station", "320612001001", 2013, analytics.Done),
		e("t01_service_station", "320612001201", 2013, analytics.Done),
		e("t01_service_station", "320623001201", 2013, analytics.Done),
		e("t02_health_centre", "320612001", 2013, analytics.NotStarted),
	})
}

func TestByTaskCountsChecklist(t *testing.T) {
	s := checklistFixture(t)
	regions := counties(s)
	got := map[string]compare.Attainment{}
	var order []string
	for _, a := range compare.ByTask(compare.NewScorecard(s, regions, 2013), compare.NewChecklistCard(s, regions, 2013)) {
		got[a.Key] = a
		order = append(order, a.Key)
	}
	for _, task := range []string{"12", "20", "21", "22"} {
		if a, ok := got[task]; !ok || len(a.Items) == 0 || len(a.Indicators) != 0 {
			t.Errorf("task %s: present %v with items %v and indicators %v; want its checklist items and no indicator", task, ok, a.Items, a.Indicators)
		}
	}
	var all []string
	for task := 1; task <= 22; task++ {
		all = append(all, strconv.Itoa(task))
	}
	if !slices.Equal(order, all) {
		t.Errorf("tasks %v: want all 22 in order", order)
	}
	// Task 20: A done, B in progress, C only in 2012: 2 judged, 1 met.
	// Task 1: the one-stop indicator (A ✗, B ✓) plus the station (A's two
	// communities done ✓, B one of five ✗). Task 2: the elderly records
	// (A ✓, B ✓) plus A's township not started ✗.
	want := map[string][5]int{"20": {2, 1, 2, 1, 50}, "1": {4, 2, 2, 1, 50}, "2": {3, 2, 1, 0, 0}}
	for task, w := range want {
		a := got[task]
		if a.Judged != w[0] || a.Met != w[1] || a.Checklist.Judged != w[2] || a.Checklist.Met != w[3] {
			t.Errorf("task %s: judged %d met %d checklist %+v; want %v", task, a.Judged, a.Met, a.Checklist, w)
		}
	}
	if a := got["2"]; a.Share == nil || !near(*a.Share, 200.0/3) {
		t.Errorf("task 2 share %v, want 66.67", deref(a.Share))
	}
	if a := got["12"]; a.Share != nil || a.Judged != 0 {
		t.Errorf("task 12 with nothing entered: share %v, judged %d; want not judged", deref(a.Share), a.Judged)
	}
	a, b, c := got["20"].Regions[0], got["20"].Regions[1], got["20"].Regions[2]
	if a.Code != "320612" || a.Met != 1 || len(a.UnmetItems) != 0 || b.Checklist != (compare.ChecklistCount{Judged: 1}) ||
		strings.Join(b.UnmetItems, ",") != "t20_coordination_body" || c.Share != nil {
		t.Errorf("task 20 regions: %+v, %+v, %+v", a, b, c)
	}
	if r := got["1"].Regions[1]; strings.Join(r.UnmetItems, ",") != "t01_service_station" || strings.Join(r.Unmet, ",") != "" {
		t.Errorf("task 1 county B: %+v", r)
	}
}

func TestChecklistTallyBelowTheLevel(t *testing.T) {
	s := checklistFixture(t)
	b, _ := s.Region("320623")
	units := compare.UnitsAt(s, b, analytics.Community)
	got := compare.Tally(s, "t01_service_station", units, 2013)
	if got.Units != 5 || got.Entered != 1 || got.Done != 1 || got.Meets == nil || *got.Meets {
		t.Errorf("county B's stations: %+v; want 1 of 5 done, not met", got)
	}
	// Townships compared: county items do not apply; A's township meets the
	// station (both communities) and misses the health centre.
	ck := compare.NewChecklistCard(s, s.Select(analytics.Township, ""), 2013)
	for _, it := range ck.Items {
		if it.Level == analytics.County {
			t.Fatalf("county item %s tallied for townships", it.ID)
		}
	}
	for i, it := range ck.Items {
		tally := ck.Rows[0][i]
		switch it.ID {
		case "t01_service_station":
			if tally.Units != 2 || tally.Done != 2 || !*tally.Meets {
				t.Errorf("A's township stations: %+v", tally)
			}
		case "t02_health_centre":
			if tally.Units != 1 || tally.Entered != 1 || *tally.Meets {
				t.Errorf("A's township health centre: %+v", tally)
			}
		}
	}
}

func TestByDepartmentCountsChecklist(t *testing.T) {
	s := checklistFixture(t)
	regions := counties(s)
	got := map[string]compare.Attainment{}
	for _, a := range compare.ByDepartment(compare.NewScorecard(s, regions, 2013), s.Catalogue, compare.NewChecklistCard(s, regions, 2013)) {
		got[a.Key] = a
	}
	for _, d := range []string{"agriculture", "development", "supervision"} {
		if a, ok := got[d]; !ok || len(a.Items) == 0 || a.Share != nil {
			t.Errorf("department %s: present %v, items %v, share %v; want its items, nothing judged", d, ok, a.Items, deref(a.Share))
		}
	}
	// county_gov: one-stop (A ✗, B ✓) and volunteers (A ✗ on its rural
	// communities, B ✓) as before, plus task 20 (A ✓, B ✗) and the station
	// (A ✓, B ✗): 8 judged, 4 met.
	if a := got["county_gov"]; a.Judged != 8 || a.Met != 4 || a.Checklist != (compare.ChecklistCount{Judged: 4, Met: 2}) {
		t.Errorf("county_gov: judged %d met %d checklist %+v; want 8, 4, {4 2}", a.Judged, a.Met, a.Checklist)
	}
	// health: elderly records 2/2, incidents 2/3, the health centre 0/1.
	if a := got["health"]; a.Judged != 6 || a.Met != 4 {
		t.Errorf("health: judged %d met %d; want 6, 4", a.Judged, a.Met)
	}
}
