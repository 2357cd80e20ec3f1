package server_test

import (
	"math"
	"strings"
	"testing"
)

type scorecard struct {
	Level, Parent    string
	Period, Previous int
	Columns          []struct{ Indicator, Unit, Comparator string }
	Rows             []struct {
		Code        string
		Judged, Met int
		Cells       []struct {
			Indicator                    string
			Value, Gap, Previous, Change *float64
			Meets                        *bool
			Rank                         *int
			Target                       *struct{ Min, Max *float64 }
			Verdict                      string
			NotJudged                    string `json:"not_judged"`
			Urban, Rural                 *part
		}
	}
}

func TestScorecardEndpoint(t *testing.T) {
	s := newServer(t, fixture())
	var sc scorecard
	s.get(t, "/api/v1/compare?period=2014", 200, &sc)
	if sc.Level != "county" || sc.Period != 2014 || sc.Previous != 2013 || len(sc.Rows) != 2 || len(sc.Columns) < 30 {
		t.Fatalf("scorecard %s %d/%d, %d rows %d columns", sc.Level, sc.Period, sc.Previous, len(sc.Rows), len(sc.Columns))
	}
	col := -1
	for i, c := range sc.Columns {
		if c.Indicator == "registered_volunteers" {
			col = i
		}
	}
	// 2014: only the urban community (11%) has a value; the notice sets no
	// target for 2014, so it is shown, ranked and compared with 2013's
	// (10·3000 + 4·1000)/4000 = 8.5, but not judged.
	c := sc.Rows[0].Cells[col]
	if sc.Rows[0].Code != "320612" || *c.Value != 11 || c.Target != nil || c.Gap != nil || c.Meets != nil ||
		c.Verdict != "not_judged" || c.NotJudged != "period" || *c.Rank != 1 || *c.Previous != 8.5 || *c.Change != 2.5 ||
		c.Urban == nil || *c.Urban.Value != 11 || c.Urban.Verdict != "not_judged" || c.Rural != nil {
		t.Errorf("通州区 volunteers 2014: %+v", c)
	}
	if c := sc.Rows[1].Cells[col]; c.Value != nil || c.Rank != nil {
		t.Errorf("如东县 has no data: %+v", c)
	}
	if r := sc.Rows[0]; r.Judged != 0 || r.Met != 0 {
		t.Errorf("2014 judged %d met %d, want nothing judged", r.Judged, r.Met)
	}
	// 2013: urban 10 ≥ 8 but rural 4 < 5 — unmet, whatever the blend.
	s.get(t, "/api/v1/compare?period=2013", 200, &sc)
	c = sc.Rows[0].Cells[col]
	if *c.Meets || c.Verdict != "unmet" || !*c.Urban.Meets || *c.Rural.Meets || *c.Rural.Gap != -1 {
		t.Errorf("通州区 volunteers 2013: %+v urban %+v rural %+v", c, c.Urban, c.Rural)
	}
	// With a parent: its children.
	s.get(t, "/api/v1/compare?parent=320612&period=2013", 200, &sc)
	if sc.Level != "township" || sc.Parent != "320612" || len(sc.Rows) != 1 || sc.Rows[0].Code != "320612001" || sc.Previous != 0 {
		t.Errorf("townships of 320612: %+v", sc)
	}
	var p problem
	for path, param := range map[string]string{
		"/api/v1/compare?parent=320612001001":            "parent",
		"/api/v1/compare?parent=320612001&level=county":  "level",
		"/api/v1/compare?period=1999":                    "period",
		"/api/v1/compare?level=village":                  "level",
		"/api/v1/compare/distribution":                   "indicator",
		"/api/v1/compare/distribution?indicator=nothing": "indicator",
		"/api/v1/compare/index?weights=2:x":              "weights",
	} {
		s.get(t, path, 400, &p)
		if p.Param != param {
			t.Errorf("%s: problem %+v", path, p)
		}
	}
	s.get(t, "/api/v1/compare?parent=999", 404, &p)
}

func TestAttainmentEndpoints(t *testing.T) {
	s := newServer(t, fixture())
	var a struct {
		Period int
		Items  []struct {
			Key         string
			Judged, Met int
			Share       *float64
			Regions     []struct {
				Code  string
				Unmet []string
			}
		}
	}
	// 2013 by township: 金沙街道's rural community (4%) misses the rural 5%,
	// so the township misses, though 8.5 meets the blend 7.25.
	s.get(t, "/api/v1/compare/tasks?level=township&period=2013", 200, &a)
	for _, it := range a.Items {
		if it.Key == "6" && (it.Judged != 1 || it.Met != 0 || *it.Share != 0 || it.Regions[0].Unmet[0] != "registered_volunteers") {
			t.Errorf("task 6: %+v", it)
		}
		if it.Key != "6" && it.Judged != 0 {
			t.Errorf("task %s has no data but %d judged", it.Key, it.Judged)
		}
	}
	s.get(t, "/api/v1/compare/departments?level=township&period=2013", 200, &a)
	judged := map[string]bool{}
	for _, it := range a.Items {
		if it.Share != nil {
			judged[it.Key] = true
		}
	}
	// registered_volunteers answers to six departments.
	if len(judged) != 6 || !judged["youth"] || !judged["county_gov"] {
		t.Errorf("departments with a judged cell: %v", judged)
	}
	if a.Items[len(a.Items)-1].Share != nil {
		t.Error("departments with nothing judged should come last")
	}
}

func TestDistributionAndIndexEndpoints(t *testing.T) {
	s := newServer(t, fixture())
	var d struct {
		Indicator string
		DataLevel string `json:"data_level"`
		Items     []struct {
			Code                string
			N                   int
			Q1, Median, Q3, Max *float64
		}
	}
	s.get(t, "/api/v1/compare/distribution?indicator=registered_volunteers&period=2013", 200, &d)
	// 4 and 10: Q1 5.5, median 7, Q3 8.5.
	if it := d.Items[0]; it.Code != "320612" || it.N != 2 || *it.Q1 != 5.5 || *it.Median != 7 || *it.Q3 != 8.5 {
		t.Errorf("spread %+v", it)
	}
	if it := d.Items[1]; it.N != 0 || it.Median != nil {
		t.Errorf("empty county %+v", it)
	}
	var idx struct {
		Weights map[string]float64
		Items   []struct {
			Code  string
			Index *float64
			Rank  *int
		}
	}
	s.get(t, "/api/v1/compare/index?period=2013&weights=6:2", 200, &idx)
	if idx.Weights["6"] != 2 || idx.Weights["*"] != 1 {
		t.Errorf("weights echoed %v", idx.Weights)
	}
	// Only volunteers is judged, urban and rural apart: urban 10 ≥ 8 scores
	// 1, rural 4 against 5 scores 0.8; the lower counts.
	if it := idx.Items[0]; math.Abs(*it.Index-80) > 1e-9 || *it.Rank != 1 || idx.Items[1].Index != nil {
		t.Errorf("index %+v", idx.Items)
	}
	var p problem
	s.get(t, "/api/v1/compare/index?weights=99:1", 400, &p)
	if !strings.Contains(p.Detail, `task "99" is not one of the notice's tasks`) {
		t.Errorf("detail %q", p.Detail)
	}
}
