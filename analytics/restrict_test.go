package analytics_test

import (
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/seeds"
)

func TestRestrict(t *testing.T) {
	cat, _ := analytics.ParseCatalogue(seeds.IndicatorsJSON)
	d := tinyDataset()
	d.Facilities = []analytics.Facility{{ID: "a", Region: "320612001001"}, {ID: "b", Region: "320612002201"}}
	d.Grids = []analytics.Grid{{Code: "g", Community: "320612002201"}}
	s := analytics.NewSnapshot(3, cat, d)
	r, err := s.Restrict("320612002")
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, reg := range r.Regions() {
		codes = append(codes, reg.Code)
	}
	if len(codes) != 2 || codes[0] != "320612002" || codes[1] != "320612002201" {
		t.Errorf("regions %v, want the township and its one community", codes)
	}
	if len(r.Facilities()) != 1 || r.Facilities()[0].ID != "b" || len(r.Grids()) != 1 {
		t.Errorf("facilities %v grids %v", r.Facilities(), r.Grids())
	}
	ind, _ := cat.Indicator("registered_volunteers")
	if v, ok := r.Rollup(ind, 2013).Get("320612002"); !ok || v.Value != 6 {
		t.Errorf("township value %v %v, want 6", v, ok)
	}
	if _, ok := r.Rollup(ind, 2013).Get("320612001001"); ok {
		t.Error("a community outside the scope has a value")
	}
	if r.Key() != "3@320612002" || s.Key() != "3" {
		t.Errorf("keys %q %q", r.Key(), s.Key())
	}
	if _, err := s.Restrict("999"); err == nil {
		t.Error("unknown region accepted")
	}
}
