package server_test

import (
	"math"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/server/store"
)

type healthItem struct {
	Code                    string
	Level                   string
	Population              int64
	CoveredPopulation       int64 `json:"covered_population"`
	UncoveredPopulation     int64 `json:"uncovered_population"`
	Households              int64
	CoveredHouseholds       int64    `json:"estimated_covered_households"`
	CoveredShare            *float64 `json:"covered_share"`
	Class                   int
	Colour                  string
	Status                  string
	Meets                   bool
	Communities             int
	CommunitiesFull         int `json:"communities_full"`
	Estimate                bool
	Method                  string
	PointSource             string `json:"point_source"`
	BaselineCoveredPop      *int64 `json:"baseline_covered_population"`
	CoveredPopulationChange *int64 `json:"covered_population_change"`
}

type healthList struct {
	Items         []healthItem
	Minutes       float64
	RuralMode     string   `json:"rural_mode"`
	FacilityTypes []string `json:"facility_types"`
	Estimate      bool
	Method        string
	DetourFactor  float64 `json:"detour_factor"`
}

// healthFixture is fixture() with the health station F1 in the middle of
// the urban community 甲 (120–120.1, 32–32.1; 3000 residents) and no health
// facility in the rural 乙 (1000 residents).
func healthFixture() *store.Changeset { return fixture() }

// byCode indexes a coverage answer.
func byCode(items []healthItem) map[string]healthItem {
	out := map[string]healthItem{}
	for _, it := range items {
		out[it.Code] = it
	}
	return out
}

func TestHealthCoverage(t *testing.T) {
	s := newServer(t, healthFixture())
	// By car for 10.4 minutes the straight-line reach is 10.4 × 60 s ×
	// 30 km/h / 1.3 = 4 km: a disk of 4 km round F1 inside 甲's 9.4 × 11.1
	// km, about π·4² / 104.9 = 48% of it.
	var l healthList
	s.get(t, "/api/v1/coverage/health?level=community&mode=car&minutes=10.4", 200, &l)
	items := byCode(l.Items)
	urban, rural := items["320612001001"], items["320612001201"]
	wantShare := math.Pi * 16 / (9.4405 * 11.1195)
	if urban.CoveredShare == nil || math.Abs(*urban.CoveredShare-wantShare) > 0.04 || urban.Status != "partly" || urban.Meets {
		t.Errorf("甲: %+v, want about %.3f covered, partly", urban, wantShare)
	}
	if rural.CoveredPopulation != 0 || rural.Status != "none" || rural.Class != 0 {
		t.Errorf("乙: %+v, want none covered", rural)
	}
	if !l.Estimate || l.Method != "straight_line" || !urban.Estimate || urban.Method != "straight_line" || urban.PointSource != "lattice" {
		t.Errorf("no network: estimate %v by %s; 甲 %v by %s from %s", l.Estimate, l.Method, urban.Estimate, urban.Method, urban.PointSource)
	}
	if urban.CoveredPopulation+urban.UncoveredPopulation != 3000 {
		t.Errorf("甲: %d + %d residents, want 3000", urban.CoveredPopulation, urban.UncoveredPopulation)
	}
	// Households covered at 甲's own household size.
	var jia struct{ Population, Households float64 }
	s.get(t, "/api/v1/regions/320612001001", 200, &jia)
	if want := math.Round(float64(urban.CoveredPopulation) * jia.Households / jia.Population); jia.Households == 0 ||
		urban.Households != int64(jia.Households) || float64(urban.CoveredHouseholds) != want {
		t.Errorf("甲: %d of %d households covered, want %g of %g", urban.CoveredHouseholds, urban.Households, want, jia.Households)
	}
	// The county sums its communities; without parent the default level is
	// county.
	s.get(t, "/api/v1/coverage/health?mode=car&minutes=10.4", 200, &l)
	county := byCode(l.Items)["320612"]
	if county.Population != 4000 || county.CoveredPopulation != urban.CoveredPopulation || county.Communities != 2 || county.Meets {
		t.Errorf("county: %+v", county)
	}
	if empty := byCode(l.Items)["320623"]; empty.Status != "unpopulated" || empty.CoveredShare != nil || empty.Colour != "#cccccc" {
		t.Errorf("county without communities: %+v", empty)
	}
	// Defaults: 15 minutes, rural by bicycle, the health types.
	s.get(t, "/api/v1/coverage/health?parent=320612001", 200, &l)
	if l.Minutes != 15 || l.RuralMode != "bicycle" || len(l.FacilityTypes) != 3 || len(l.Items) != 2 || l.DetourFactor != 1.3 {
		t.Errorf("defaults: %+v", l)
	}
}

func TestHealthCoverageErrors(t *testing.T) {
	s := newServer(t, healthFixture())
	for _, c := range []struct {
		query  string
		status int
		param  string
	}{
		{"minutes=abc", 400, "minutes"},
		{"minutes=0", 400, "minutes"},
		{"minutes=500", 400, "minutes"},
		{"mode=boat", 400, "mode"},
		{"rural_mode=horse", 400, "rural_mode"},
		{"facility_types=school", 400, "facility_types"},
		{"level=district", 400, "level"},
		{"parent=999999", 404, ""},
	} {
		var p problem
		s.get(t, "/api/v1/coverage/health?"+c.query, c.status, &p)
		if p.Param != c.param {
			t.Errorf("%s: param %q, want %q (%s)", c.query, p.Param, c.param, p.Detail)
		}
	}
}

func TestHealthWhatIf(t *testing.T) {
	s := newServer(t, healthFixture())
	post := func(body string, status int, v any) {
		t.Helper()
		s.do(t, "POST", "/api/v1/coverage/health/whatif", s.token, "application/json", strings.NewReader(body), status, v)
	}
	// A village clinic in the middle of 乙: by bicycle, 2.9 km round it.
	var l healthList
	post(`{"level":"community","add":[{"lon":120.15,"lat":32.05,"type":"village_clinic"}]}`, 200, &l)
	rural := byCode(l.Items)["320612001201"]
	if rural.CoveredPopulation <= 0 || rural.BaselineCoveredPop == nil || *rural.BaselineCoveredPop != 0 ||
		rural.CoveredPopulationChange == nil || *rural.CoveredPopulationChange != rural.CoveredPopulation {
		t.Errorf("乙 with a clinic: %+v", rural)
	}
	post(`{"level":"community","remove":["F1"]}`, 200, &l)
	if urban := byCode(l.Items)["320612001001"]; urban.CoveredPopulation != 0 || *urban.CoveredPopulationChange >= 0 {
		t.Errorf("甲 without its station: %+v", urban)
	}
	// Nothing was saved.
	var after healthList
	s.get(t, "/api/v1/coverage/health?level=community", 200, &after)
	if byCode(after.Items)["320612001201"].CoveredPopulation != 0 || byCode(after.Items)["320612001001"].CoveredPopulation == 0 {
		t.Error("a what-if changed the coverage")
	}
	for _, c := range []struct {
		body   string
		status int
		param  string
	}{
		{`{"remove":["nope"]}`, 404, ""},
		{`{"add":[{"lon":120.1,"lat":32,"type":"police_post"}]}`, 400, "add[0].type"},
		{`{"add":[{"lat":32,"type":"health_station"}]}`, 400, "add[0]"},
		{`{"add":[{"lon":500,"lat":32,"type":"health_station"}]}`, 400, "add[0]"},
		{`{"minuets":15}`, 400, "body"},
		{`not json`, 400, "body"},
		{``, 400, "body"},
		{`{"parent":"999"}`, 404, ""},
		{`{"minutes":-5}`, 400, "minutes"},
	} {
		var p problem
		post(c.body, c.status, &p)
		if p.Param != c.param {
			t.Errorf("%s: param %q, want %q (%s)", c.body, p.Param, c.param, p.Detail)
		}
	}
}

func TestHealthSiting(t *testing.T) {
	s := newServer(t, healthFixture())
	var fc struct {
		Features []struct {
			Geometry struct {
				Type        string
				Coordinates []float64
			}
			Properties struct {
				Rank      int
				Gain      float64
				Community string
				Type      string
			}
		}
		Population        int64
		CoveredPopulation float64 `json:"covered_population"`
		Candidates        int
		Estimate          bool
	}
	body := `{"k":2,"candidates":[{"lon":120.15,"lat":32.05},{"lon":120.05,"lat":32.05},{"lon":120.25,"lat":32.05}]}`
	s.do(t, "POST", "/api/v1/coverage/health/siting", s.token, "application/json", strings.NewReader(body), 200, &fc)
	// The middle of 乙 gains a quarter of it (π·2.9² of 105 km²); the
	// second candidate is F1's own place and the third lies outside every
	// community: neither gains anyone, so siting stops after one.
	if len(fc.Features) != 1 || fc.Features[0].Properties.Rank != 1 || fc.Features[0].Geometry.Coordinates[0] != 120.15 ||
		fc.Features[0].Properties.Community != "320612001201" || fc.Features[0].Properties.Type != "village_clinic" {
		t.Fatalf("siting: %+v", fc.Features)
	}
	if g := fc.Features[0].Properties.Gain; math.Abs(g-1000*math.Pi*2.885*2.885/105) > 40 || fc.Population != 4000 || fc.Candidates != 3 || !fc.Estimate {
		t.Errorf("siting: %+v", fc)
	}
	var p problem
	s.do(t, "POST", "/api/v1/coverage/health/siting", s.token, "application/json", strings.NewReader(`{"k":0}`), 400, &p)
	if p.Param != "k" {
		t.Errorf("k = 0: %+v", p)
	}
}

func TestHealthUncovered(t *testing.T) {
	s := newServer(t, healthFixture())
	var fc struct {
		Features []struct {
			Geometry   struct{ Type string }
			Properties struct {
				Rank        int
				Population  float64
				Communities []string
				Estimate    bool
				Households  float64 `json:"estimated_households"`
			}
		}
		UncoveredPopulation float64 `json:"uncovered_population"`
	}
	s.get(t, "/api/v1/coverage/health/uncovered?parent=320612001201", 200, &fc)
	// 乙 has no health facility within reach: all of it is one cluster.
	if len(fc.Features) != 1 || math.Abs(fc.Features[0].Properties.Population-1000) > 0.5 || fc.UncoveredPopulation != 1000 ||
		fc.Features[0].Geometry.Type != "Polygon" || !fc.Features[0].Properties.Estimate {
		t.Fatalf("uncovered in 乙: %+v", fc)
	}
	// Its households at 乙's own household size.
	var yi struct{ Population, Households float64 }
	s.get(t, "/api/v1/regions/320612001201", 200, &yi)
	if want := 1000 * yi.Households / yi.Population; yi.Households == 0 || math.Abs(fc.Features[0].Properties.Households-want) > 0.05 {
		t.Errorf("households of the cluster in 乙: %g, want %g", fc.Features[0].Properties.Households, want)
	}
	s.get(t, "/api/v1/coverage/health/uncovered?min_population=1e9", 200, &fc)
	if len(fc.Features) != 0 || fc.UncoveredPopulation < 1000 {
		t.Errorf("min_population: %d clusters, %g uncovered", len(fc.Features), fc.UncoveredPopulation)
	}
	var p problem
	s.get(t, "/api/v1/coverage/health/uncovered?min_population=-1", 400, &p)
}

// TestHealthSeeds checks the endpoints on the Nantong seeds, which have no
// road network: every answer is an estimate.
func TestHealthSeeds(t *testing.T) {
	s := newServer(t, nil)
	var l healthList
	s.get(t, "/api/v1/coverage/health", 200, &l)
	if len(l.Items) != 8 || !l.Estimate || l.Method != "straight_line" {
		t.Fatalf("counties: %d items, estimate %v by %s", len(l.Items), l.Estimate, l.Method)
	}
	for _, it := range l.Items {
		if it.CoveredShare == nil || *it.CoveredShare <= 0 || *it.CoveredShare > 1 || it.Communities == 0 {
			t.Errorf("%s: %+v", it.Code, it)
		}
	}
	var f isochroneFeature
	s.get(t, "/api/v1/isochrones?lon=120.86&lat=32.01&minutes=10", 200, &f)
	if !f.Properties.Estimate || f.Properties.Minutes != 10 {
		t.Errorf("isochrone in Nantong: %+v", f.Properties)
	}
}
