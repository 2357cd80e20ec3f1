package main

import (
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
)

// obsKey identifies one observation.
type obsKey struct {
	indicator, region string
	period            int
}

func observationIndex(t *testing.T, a *atlas) map[obsKey]float64 {
	t.Helper()
	m := map[obsKey]float64{}
	for _, o := range a.obs {
		k := obsKey{o.indicator, o.region, o.period}
		if _, dup := m[k]; dup {
			t.Fatalf("observation %v twice", k)
		}
		m[k] = o.value
	}
	return m
}

func regionsAt(a *atlas, level string) []*region {
	switch analytics.Level(level) {
	case analytics.Community:
		return a.communities
	case analytics.Township:
		return a.townships
	}
	return a.counties
}

// meets reports whether v meets the indicator's target for kind.
func meets(ind indicator, kind analytics.Kind, v float64) bool {
	b := targetOf(ind, kind)
	switch ind.Target.Comparator {
	case "le":
		return v <= *b.Max
	case "range":
		return *b.Min <= v && v <= *b.Max
	}
	return v >= *b.Min
}

func TestObservationsComplete(t *testing.T) {
	a := testAtlas(t)
	if len(a.indicators) != 31 {
		t.Fatalf("%d indicators, want the 31 of the catalogue", len(a.indicators))
	}
	obs := observationIndex(t, a)
	want := 0
	for _, ind := range a.indicators {
		for _, r := range regionsAt(a, ind.DataLevel) {
			for _, p := range periods {
				want++
				v, ok := obs[obsKey{ind.ID, r.code, p}]
				if !ok {
					t.Fatalf("%s: no value for %s in %d", ind.ID, r.code, p)
				}
				if v < ind.ValidRange[0] || v > ind.ValidRange[1] {
					t.Errorf("%s %s %d: %v outside %v", ind.ID, r.code, p, v, ind.ValidRange)
				}
				switch ind.Unit {
				case "yes/no":
					if v != 0 && v != 1 {
						t.Errorf("%s %s %d: %v is not 0 or 1", ind.ID, r.code, p, v)
					}
				case "count", "persons":
					if v != math.Trunc(v) {
						t.Errorf("%s %s %d: %v is not a whole number", ind.ID, r.code, p, v)
					}
				}
			}
		}
	}
	if len(obs) != want {
		t.Errorf("%d observations, want %d", len(obs), want)
	}
}

// Some regions meet each target and some do not; more meet it in 2014
// than in 2012; counties differ; urban communities do better.
func TestObservationsSpread(t *testing.T) {
	a := testAtlas(t)
	obs := observationIndex(t, a)
	countyOf := map[string]string{}
	for _, c := range a.counties {
		for _, tw := range c.children {
			for _, m := range tw.children {
				countyOf[m.code] = c.code
			}
		}
	}
	for _, ind := range a.indicators {
		if ind.ID == "interaction_pilot" {
			continue // a county-level target; see TestPilots
		}
		regions := regionsAt(a, ind.DataLevel)
		share := func(p int, keep func(*region) bool) float64 {
			var n, m float64
			for _, r := range regions {
				if keep(r) {
					n++
					if meets(ind, r.kind, obs[obsKey{ind.ID, r.code, p}]) {
						m++
					}
				}
			}
			return m / n
		}
		all := func(*region) bool { return true }
		s12, s13, s14 := share(2012, all), share(2013, all), share(2014, all)
		if s13 <= 0.2 || s13 >= 0.99 {
			t.Errorf("%s: %.2f meet the target in 2013", ind.ID, s13)
		}
		if s14 <= s12 {
			t.Errorf("%s: %.2f meet it in 2012, %.2f in 2014: no progress", ind.ID, s12, s14)
		}
		if ind.DataLevel != string(analytics.Community) || ind.Computed != nil {
			continue // a computed indicator's spread is the geometry's
		}
		lo, hi := 1.0, 0.0
		for _, c := range a.counties {
			s := share(2013, func(r *region) bool { return countyOf[r.code] == c.code })
			lo, hi = min(lo, s), max(hi, s)
		}
		if hi-lo < 0.05 {
			t.Errorf("%s: counties meet it between %.2f and %.2f in 2013: too alike", ind.ID, lo, hi)
		}
	}
	// Where urban and rural targets are equal, urban communities do better.
	for _, id := range []string{"elderly_health_records", "resident_satisfaction", "harmonious_community"} {
		var ind indicator
		for _, x := range a.indicators {
			if x.ID == id {
				ind = x
			}
		}
		var n, m [2]float64
		for _, c := range a.communities {
			k := 0
			if c.kind == analytics.Urban {
				k = 1
			}
			n[k]++
			if meets(ind, c.kind, obs[obsKey{id, c.code, 2013}]) {
				m[k]++
			}
		}
		if m[1]/n[1] <= m[0]/n[0] {
			t.Errorf("%s: urban %.2f, rural %.2f meet it", id, m[1]/n[1], m[0]/n[0])
		}
	}
}

// The 2014 floor areas are those of the generated service centres.
func TestObservationsMatchFacilities(t *testing.T) {
	a := testAtlas(t)
	obs := observationIndex(t, a)
	centre := map[string]float64{}
	for _, f := range a.facilities {
		if f.typ == analytics.ServiceCentre {
			centre[f.region] = f.area
		}
	}
	for _, c := range a.communities {
		area := centre[c.code] // 0 without a centre
		// The notice's standard: 20 m² per 100 households, never under 400 m².
		want := math.Round(area/math.Max(400, 0.2*float64(c.hh))*1000) / 10
		if got := obs[obsKey{"service_centre_floor_area", c.code, 2014}]; got != want {
			t.Errorf("%s: service_centre_floor_area %v%%, centre has %v m² for %d households: want %v%%", c.code, got, area, c.hh, want)
		}
	}
	for _, tw := range a.townships {
		if got := obs[obsKey{"township_centre_area", tw.code, 2014}]; got != centre[tw.code] {
			t.Errorf("%s: township_centre_area %v, centre has %v m²", tw.code, got, centre[tw.code])
		}
	}
	for _, c := range a.counties {
		if got := obs[obsKey{"county_centre_area", c.code, 2014}]; got != centre[c.code] {
			t.Errorf("%s: county_centre_area %v, centre has %v m²", c.code, got, centre[c.code])
		}
	}
}

// Every county has a pilot township by 2014, and a pilot stays one.
func TestPilots(t *testing.T) {
	a := testAtlas(t)
	obs := observationIndex(t, a)
	for _, c := range a.counties {
		n := 0
		for _, tw := range c.children {
			v12, v13, v14 := obs[obsKey{"interaction_pilot", tw.code, 2012}], obs[obsKey{"interaction_pilot", tw.code, 2013}], obs[obsKey{"interaction_pilot", tw.code, 2014}]
			if v12 > v13 || v13 > v14 {
				t.Errorf("%s: pilot %v, %v, %v", tw.code, v12, v13, v14)
			}
			n += int(v14)
		}
		if n < 1 {
			t.Errorf("county %s has no pilot township in 2014", c.code)
		}
	}
}

func TestObservationsCSV(t *testing.T) {
	a := testAtlas(t)
	rows, err := csv.NewReader(strings.NewReader(string(observationsCSV(a)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "indicator,region,period,value" || len(rows) != len(a.obs)+1 {
		t.Fatalf("header %v, %d rows", rows[0], len(rows))
	}
	units := map[string]string{}
	for _, ind := range a.indicators {
		units[ind.ID] = ind.Unit
	}
	for _, row := range rows[1:] {
		decimals := 0
		if i := strings.IndexByte(row[3], '.'); i >= 0 {
			decimals = len(row[3]) - i - 1
		}
		maxDec := map[string]int{"%": 1, "m²/100 households": 1, "ratio": 2, "yuan/person": 2}[units[row[0]]]
		if decimals > maxDec {
			t.Fatalf("%v: %d decimals for unit %s", row, decimals, units[row[0]])
		}
		if _, err := strconv.ParseFloat(row[3], 64); err != nil {
			t.Fatalf("%v: %v", row, err)
		}
	}
}
