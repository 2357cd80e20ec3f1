package compare_test

import (
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics/compare"
)

func TestByTask(t *testing.T) {
	s := fixture(t)
	sc := compare.NewScorecard(s, counties(s), 2013)
	got := map[string]compare.Attainment{}
	for _, a := range compare.ByTask(sc, nil) {
		got[a.Key] = a
	}
	// Task 1 one-stop: A ✗, B ✓. Task 2 elderly records: A 94.25 ✓, B 93 ✓.
	// Task 4 incidents: A ✓, B ✗, C ✓. Task 6 volunteers: A ✗ (its rural
	// community, 4 < 5, fails its own bound), B ✓.
	want := map[string][3]float64{"1": {2, 1, 50}, "2": {2, 2, 100}, "4": {3, 2, 200.0 / 3}, "6": {2, 1, 50}}
	for task, w := range want {
		a := got[task]
		if float64(a.Judged) != w[0] || float64(a.Met) != w[1] || a.Share == nil || !near(*a.Share, w[2]) {
			t.Errorf("task %s: %d judged, %d met, share %v; want %v", task, a.Judged, a.Met, deref(a.Share), w)
		}
	}
	if a := got["3"]; a.Share != nil || a.Judged != 0 {
		t.Errorf("task 3 has no data but share %v", deref(a.Share))
	}
	if r := got["1"].Regions[0]; r.Code != "320612" || strings.Join(r.Unmet, ",") != "one_stop_service" {
		t.Errorf("task 1 region A: %+v", r)
	}
}

func TestByDepartment(t *testing.T) {
	s := fixture(t)
	sc := compare.NewScorecard(s, counties(s), 2013)
	deps := compare.ByDepartment(sc, s.Catalogue, nil)
	var order []string
	shares := map[string]float64{}
	for _, d := range deps {
		if d.Share != nil {
			order = append(order, d.Key)
			shares[d.Key] = *d.Share
		}
	}
	// Task 4's four departments (order, police, health, justice) answer
	// for incidents (2 of 3); county_gov for one-stop and volunteers (2 of
	// 4); health also for elderly records (4 of 5); the other volunteers'
	// departments 1 of 2 (A's rural communities miss their 5%).
	wantOrder := "civil,civilisation,county_gov,hr,organisation,youth,justice,order,police,health"
	if strings.Join(order, ",") != wantOrder {
		t.Errorf("lagging order %s, want %s", strings.Join(order, ","), wantOrder)
	}
	for k, v := range map[string]float64{"justice": 200.0 / 3, "county_gov": 50, "health": 80, "youth": 50} {
		if !near(shares[k], v) {
			t.Errorf("%s share %v, want %v", k, shares[k], v)
		}
	}
	if deps[len(deps)-1].Share != nil {
		t.Errorf("departments with nothing judged should come last, got %s", deps[len(deps)-1].Key)
	}
	if deps[0].Name.ZH != "市民政局" {
		t.Errorf("department name %+v", deps[0].Name)
	}
}
