package server_test

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// unitsCounty is 海门区, whose township level lists 16 units that are not
// townships (farms, fisheries, a research institute, zones) beside its
// towns and subdistricts.
const unitsCounty = "320614"

// TestNonTownshipUnits: the regions say which township-level units are not
// townships, and the comparisons of townships (scorecard, ranking chart)
// leave them out and rank the townships among themselves, unless
// units=all. The expected ranks are worked out here from the choropleth's
// values, which cover every unit, by the names' rule (a township's name
// ends in 街道, 镇 or 乡).
func TestNonTownshipUnits(t *testing.T) {
	s := newServer(t, nil)
	var regions struct {
		Items []struct {
			Code, Name string
			UnitType   string `json:"unit_type"`
		}
	}
	s.get(t, "/api/v1/regions?level=township&parent="+unitsCounty, 200, &regions)
	township := map[string]bool{}
	for _, r := range regions.Items {
		byName := strings.HasSuffix(r.Name, "街道") || strings.HasSuffix(r.Name, "镇") || strings.HasSuffix(r.Name, "乡")
		township[r.Code] = byName
		if want := map[bool]string{true: "township", false: "other"}[byName]; r.UnitType != want {
			t.Errorf("%s %s: unit_type %q, want %q", r.Code, r.Name, r.UnitType, want)
		}
	}
	var counted struct {
		Items []struct {
			UnitType string `json:"unit_type"`
		}
	}
	s.get(t, "/api/v1/regions?level=county", 200, &counted)
	if counted.Items[0].UnitType != "" {
		t.Errorf("a county has unit_type %q", counted.Items[0].UnitType)
	}

	ind, period, values := rankedIndicator(t, s, township)
	for _, units := range []string{"", "townships", "all"} {
		t.Run("units="+units, func(t *testing.T) {
			all := units == "all"
			want := map[string]int{} // code → expected rank; 0 for no value
			var codes []string
			for code, isTownship := range township {
				if isTownship || all {
					codes = append(codes, code)
				}
			}
			slices.Sort(codes)
			for code, rank := range competitionRanks(codes, values) {
				want[code] = rank
			}
			q := fmt.Sprintf("level=township&parent=%s&period=%d", unitsCounty, period)
			if units != "" {
				q += "&units=" + units
			}
			var sc scorecard
			s.get(t, "/api/v1/compare?"+q, 200, &sc)
			col := slices.IndexFunc(sc.Columns, func(c struct{ Indicator, Unit, Comparator string }) bool { return c.Indicator == ind })
			got := map[string]int{}
			for _, row := range sc.Rows {
				got[row.Code] = 0
				if r := row.Cells[col].Rank; r != nil {
					got[row.Code] = *r
				}
			}
			checkRanks(t, "scorecard", got, want)
			checkRanks(t, "ranking chart", rankingChartRanks(t, s, ind, q), want)
		})
	}
	var p problem
	s.get(t, "/api/v1/compare?units=some", 400, &p)
	if p.Param != "units" {
		t.Errorf("units=some: %+v", p)
	}
}

// rankedIndicator finds an indicator ranked higher-is-better whose
// choropleth of the county's townships has values for several townships
// and several other units, and returns it with its period and the values.
func rankedIndicator(t *testing.T, s *testServer, township map[string]bool) (string, int, map[string]float64) {
	t.Helper()
	var sc scorecard
	s.get(t, "/api/v1/compare?level=township&parent="+unitsCounty, 200, &sc)
	for _, c := range sc.Columns {
		if c.Comparator != "ge" { // higher is better
			continue
		}
		var ch choroplethAnswer
		s.get(t, fmt.Sprintf("/api/v1/choropleth?indicator=%s&level=township&parent=%s&period=%d", c.Indicator, unitsCounty, sc.Period), 200, &ch)
		values := map[string]float64{}
		towns, others := 0, 0
		for _, it := range ch.Items {
			if it.Value == nil {
				continue
			}
			values[it.Code] = *it.Value
			if township[it.Code] {
				towns++
			} else {
				others++
			}
		}
		if towns >= 3 && others >= 2 {
			return c.Indicator, sc.Period, values
		}
	}
	t.Fatal("no indicator with values for townships and other units")
	return "", 0, nil
}

// competitionRanks ranks codes by value, highest first; equal values share
// a rank and the next skips ("1, 2, 2, 4"); codes without a value get 0.
func competitionRanks(codes []string, values map[string]float64) map[string]int {
	var valued []string
	ranks := map[string]int{}
	for _, c := range codes {
		ranks[c] = 0
		if _, ok := values[c]; ok {
			valued = append(valued, c)
		}
	}
	slices.SortFunc(valued, func(a, b string) int { return cmp.Compare(values[b], values[a]) })
	for i, c := range valued {
		ranks[c] = i + 1
		if i > 0 && values[c] == values[valued[i-1]] {
			ranks[c] = ranks[valued[i-1]]
		}
	}
	return ranks
}

// rankingChartRanks reads the ranks from the ranking chart's data (CSV).
func rankingChartRanks(t *testing.T, s *testServer, ind, q string) map[string]int {
	t.Helper()
	resp := s.get(t, fmt.Sprintf("/api/v1/charts/ranking?indicator=%s&%s&format=csv", ind, q), 200, nil)
	rows, err := csv.NewReader(resp.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, r := range rows[1:] { // rank, code, name, value, …
		got[r[1]], _ = strconv.Atoi(r[0])
	}
	return got
}

func checkRanks(t *testing.T, what string, got, want map[string]int) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d regions, want %d", what, len(got), len(want))
	}
	for code, w := range want {
		if g, ok := got[code]; !ok || g != w {
			t.Errorf("%s: %s ranked %d (listed %v), want %d", what, code, g, ok, w)
		}
	}
}
