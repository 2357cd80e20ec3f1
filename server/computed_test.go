package server_test

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/seeds"
)

// TestComputedIndicatorsOneFigure checks, on the seeds, that the computed
// indicators are derived from the geometry — the expected values worked out
// here from the coverage and standards APIs' own answers — and that the
// map (choropleth), observations, scorecard (the dashboard's), exports and
// OGC all show the same figure for the same region, indicator and year.
func TestComputedIndicatorsOneFigure(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: loads the whole seed and computes its coverage")
	}
	s := newServer(t, nil)
	const period = 2014
	county := "320682" // 如皋市

	// Expected, from the analyses' APIs: per community a 0/1 verdict, rolled
	// up as the share of communities meeting it.
	var health struct {
		Items []struct {
			Code, Parent, Status string
		}
	}
	s.get(t, "/api/v1/coverage/health?level=community&parent="+county, 200, &health)
	var grid struct {
		Items []struct {
			Code         string
			FullCoverage bool `json:"full_coverage"`
		}
	}
	s.get(t, "/api/v1/coverage/grid?level=community&parent="+county, 200, &grid)
	var std struct {
		Items []struct {
			Code      string
			FloorArea struct {
				Centre struct {
					FloorAreaM2 float64 `json:"floor_area_m2"`
					RequiredM2  float64 `json:"required_m2"`
				}
			} `json:"floor_area"`
			Police struct{ Post string }
		}
	}
	s.get(t, "/api/v1/standards?level=community&parent="+county, 200, &std)

	share := func(yes, n int) float64 { return math.Round(1000*float64(yes)/float64(n)) / 10 }
	want := map[string]float64{}
	full, populated := 0, 0
	for _, it := range health.Items {
		if it.Status != "unpopulated" {
			populated++
		}
		if it.Status == "full" {
			full++
		}
	}
	want["health_circle_15min"] = share(full, populated)
	covered := 0
	for _, it := range grid.Items {
		if it.FullCoverage {
			covered++
		}
	}
	want["grid_management"] = share(covered, len(grid.Items))
	floor, police := 0, 0
	for _, it := range std.Items {
		c := it.FloorArea.Centre
		if math.Round(c.FloorAreaM2/c.RequiredM2*1000)/10 >= 100 {
			floor++
		}
		if it.Police.Post != "" {
			police++
		}
	}
	want["service_centre_floor_area"] = share(floor, len(std.Items))
	want["police_officers"] = share(police, len(std.Items))

	for id, w := range want {
		t.Run(id, func(t *testing.T) {
			figures := surfaces(t, s, id, county, period)
			for where, got := range figures {
				if math.Abs(got-w) > 0.05 {
					t.Errorf("%s: %s shows %v, the geometry gives %v", id, where, got, w)
				}
			}
			if len(figures) != 6 {
				t.Errorf("%s: %d surfaces answered, want 6: %v", id, len(figures), figures)
			}
		})
	}
}

// surfaces asks every surface for an indicator's value for a county in a
// period.
func surfaces(t *testing.T, s *testServer, id, county string, period int) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	q := fmt.Sprintf("indicator=%s&level=county&period=%d", id, period)
	var list struct {
		Items []struct {
			Code  string
			Value *float64
		}
	}
	s.get(t, "/api/v1/observations?"+q, 200, &list)
	for _, it := range list.Items {
		if it.Code == county && it.Value != nil {
			out["observations"] = *it.Value
		}
	}
	s.get(t, "/api/v1/choropleth?"+q, 200, &list)
	for _, it := range list.Items {
		if it.Code == county && it.Value != nil {
			out["choropleth (map)"] = *it.Value
		}
	}
	var card struct {
		Rows []struct {
			Code  string
			Cells []struct {
				Indicator string
				Value     *float64
			}
		}
	}
	s.get(t, fmt.Sprintf("/api/v1/compare?period=%d", period), 200, &card)
	for _, r := range card.Rows {
		for _, c := range r.Cells {
			if r.Code == county && c.Indicator == id && c.Value != nil {
				out["scorecard (dashboard)"] = *c.Value
			}
		}
	}
	var table struct {
		Items []map[string]any
	}
	s.get(t, "/api/v1/export/observations.json?"+q, 200, &table)
	for _, it := range table.Items {
		if fmt.Sprint(it["code"]) == county {
			out["export observations"] = number(t, it["value"])
		}
	}
	s.get(t, fmt.Sprintf("/api/v1/export/compare.json?period=%d", period), 200, &table)
	for _, it := range table.Items {
		if fmt.Sprint(it["code"]) == county && fmt.Sprint(it["indicator"]) == id {
			out["export scorecard"] = number(t, it["value"])
		}
	}
	var feature struct {
		Properties map[string]any
	}
	s.get(t, fmt.Sprintf("/ogc/collections/counties/items/%s?f=json&period=%d", county, period), 200, &feature)
	if v, ok := feature.Properties[id]; ok {
		out["OGC"] = number(t, v)
	}
	return out
}

func number(t *testing.T, v any) float64 {
	t.Helper()
	switch x := v.(type) {
	case float64:
		return x
	case string:
		f, err := strconv.ParseFloat(x, 64)
		if err == nil {
			return f
		}
	}
	t.Fatalf("%v (%T) is not a number", v, v)
	return 0
}

// TestComputedDisagreementFlagged finds, in the seed's observations file,
// communities whose reported 2014 grid management differs from the grid
// coverage the API computes, and checks that the observations API shows the
// computed value, keeps the reported one beside it and flags the pair.
func TestComputedDisagreementFlagged(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: loads the whole seed")
	}
	s := newServer(t, nil)
	data, err := seeds.Files.ReadFile(seeds.ObservationsFile)
	if err != nil {
		t.Fatal(err)
	}
	reported := map[string]float64{}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Split(strings.TrimSpace(line), ",")
		if len(f) == 4 && f[0] == "grid_management" && f[2] == "2014" {
			reported[f[1]], _ = strconv.ParseFloat(f[3], 64)
		}
	}
	var grid struct {
		Items []struct {
			Code         string
			FullCoverage bool `json:"full_coverage"`
		}
	}
	s.get(t, "/api/v1/coverage/grid?level=community", 200, &grid)
	var obs struct {
		Items []struct {
			Code     string
			Value    *float64
			Computed *struct {
				Method    string
				Reported  *float64
				Disagrees bool
			}
		}
	}
	s.get(t, "/api/v1/observations?indicator=grid_management&level=community&period=2014", 200, &obs)
	byCode := map[string]int{}
	for i, it := range obs.Items {
		byCode[it.Code] = i
	}
	flagged := 0
	for _, g := range grid.Items {
		computed := 0.0
		if g.FullCoverage {
			computed = 1
		}
		it := obs.Items[byCode[g.Code]]
		if it.Value == nil || *it.Value != computed || it.Computed == nil {
			t.Fatalf("%s: value %v, computed %+v; the grid coverage says %v", g.Code, it.Value, it.Computed, computed)
		}
		rep, ok := reported[g.Code]
		if !ok || it.Computed.Reported == nil || *it.Computed.Reported != rep {
			t.Fatalf("%s: reported %v in the API, %v in the seed", g.Code, it.Computed.Reported, rep)
		}
		if it.Computed.Disagrees != (rep != computed) {
			t.Errorf("%s: reported %v, computed %v, flagged %v", g.Code, rep, computed, it.Computed.Disagrees)
		}
		if it.Computed.Disagrees {
			flagged++
		}
	}
	if flagged == 0 {
		t.Error("no disagreement in the seed: the flag is not exercised")
	}
	t.Logf("%d of %d communities flagged", flagged, len(grid.Items))
}
