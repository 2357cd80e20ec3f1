package main

import (
	"encoding/json"
	"math"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
)

// The divisions file has one city, 8 county-level units (the 7 districts,
// cities and counties plus 南通经济技术开发区), 136 townships and 2005
// communities; every one gets a region.
func TestRegionCounts(t *testing.T) {
	a := testAtlas(t)
	if got := len(a.counties); got != 8 {
		t.Errorf("%d county-level regions, want 8", got)
	}
	if len(a.townships) != 136 || len(a.communities) != 2005 {
		t.Errorf("%d townships and %d communities, want 136 and 2005", len(a.townships), len(a.communities))
	}
	var codes []string
	for _, c := range a.counties {
		codes = append(codes, c.code)
	}
	want := []string{"320612", "320613", "320614", "320623", "320671", "320681", "320682", "320685"}
	if !reflect.DeepEqual(codes, want) {
		t.Errorf("county codes %v, want %v", codes, want)
	}
}

func TestRegionsValid(t *testing.T) {
	for _, r := range testAtlas(t).allRegions() {
		if err := geo.Validate(r.geom); err != nil {
			t.Errorf("%s %s: %v", r.code, r.name, err)
			continue
		}
		checkRFC7946(t, r.code, r.geom)
	}
}

// checkRFC7946 checks the winding (shells counter-clockwise, holes
// clockwise) and that every coordinate has at most coordDecimals decimals.
func checkRFC7946(t *testing.T, code string, mp orb.MultiPolygon) {
	t.Helper()
	scale := math.Pow(10, coordDecimals)
	for _, p := range mp {
		for i, r := range p {
			if ccw := r.Orientation() == orb.CCW; ccw != (i == 0) {
				t.Errorf("%s: ring %d has the wrong winding", code, i)
			}
			for _, pt := range r {
				if geo.RoundPoint(pt, scale) != pt {
					t.Errorf("%s: coordinate %v not rounded to %d decimals", code, pt, coordDecimals)
					return
				}
			}
		}
	}
}

// Seats are inside their regions and the generated flags say which
// boundaries are made up.
func TestSeatsAndFlags(t *testing.T) {
	a := testAtlas(t)
	for _, r := range a.allRegions() {
		if !geo.PointInMultiPolygon(r.geom, r.seat) {
			t.Errorf("%s %s: seat %v outside", r.code, r.name, r.seat)
		}
		wantGenerated := r.level == analytics.Township || r.level == analytics.Community || r.code == devZone
		if r.generated != wantGenerated {
			t.Errorf("%s %s: generated = %v", r.code, r.name, r.generated)
		}
	}
}

func TestPopulation(t *testing.T) {
	a := testAtlas(t)
	if p := a.city.pop; p < 7_000_000 || p > 7_600_000 {
		t.Errorf("city population %d, want 7.0–7.6 million", p)
	}
	if r := float64(a.city.pop) / float64(a.city.hh); math.Abs(r-householdSize) > 0.05 {
		t.Errorf("%.3f residents per household, want about %.1f", r, householdSize)
	}
	for _, list := range [][]*region{{a.city}, a.counties, a.townships} {
		for _, r := range list {
			pop, hh := sumPop(r.children)
			if pop != r.pop || hh != r.hh {
				t.Errorf("%s: population %d/%d households, children sum to %d/%d", r.code, r.pop, r.hh, pop, hh)
			}
		}
	}
	// Urban communities are denser: compare median densities.
	dens := map[analytics.Kind][]float64{}
	for _, c := range a.communities {
		if c.pop <= 0 || c.hh <= 0 {
			t.Errorf("%s: population %d, households %d", c.code, c.pop, c.hh)
		}
		dens[c.kind] = append(dens[c.kind], float64(c.pop)/areaKM2(c.geom))
	}
	u, r := median(dens[analytics.Urban]), median(dens[analytics.Rural])
	if u < 2*r {
		t.Errorf("median density urban %.0f/km², rural %.0f/km²: urban should be denser", u, r)
	}
	t.Logf("median density urban %.0f/km², rural %.0f/km²", u, r)
}

func median(x []float64) float64 {
	s := append([]float64(nil), x...)
	sort.Float64s(s)
	return s[len(s)/2]
}

// Urban communities cluster around the township seat: on average they lie
// nearer to it than the villages of the same township.
func TestUrbanNearSeat(t *testing.T) {
	a := testAtlas(t)
	var nearer, mixed int
	for _, tw := range a.townships {
		var du, dr []float64
		pl := planeFor(tw.geom.Bound())
		for _, c := range tw.children {
			d := math.Sqrt(pl.dist2(c.seat, tw.seat))
			if c.kind == analytics.Urban {
				du = append(du, d)
			} else {
				dr = append(dr, d)
			}
		}
		if len(du) == 0 || len(dr) == 0 {
			continue
		}
		mixed++
		if median(du) < median(dr) {
			nearer++
		}
	}
	if nearer < mixed*9/10 {
		t.Errorf("urban communities nearer the seat than villages in %d of %d mixed townships", nearer, mixed)
	}
}

// regions.geojson has exactly the documented properties, in order, and the
// regions ordered by level, then code.
func TestRegionsFile(t *testing.T) {
	a := testAtlas(t)
	b := regionsGeoJSON(a)
	var fc struct {
		Type     string
		Features []struct {
			Type       string
			Properties json.RawMessage
			Geometry   struct{ Type string }
		}
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 2150 {
		t.Fatalf("%s with %d features", fc.Type, len(fc.Features))
	}
	prevLevel, prevCode := -1, ""
	for _, f := range fc.Features {
		keys, props := orderedKeys(t, f.Properties)
		level := analytics.Level(props["level"].(string))
		want := "code,name,level,parent,population,households,generated"
		if level == analytics.Community {
			want = "code,name,level,parent,kind,population,households,generated"
		}
		if strings.Join(keys, ",") != want {
			t.Fatalf("properties %v, want %s", keys, want)
		}
		code := props["code"].(string)
		if d := level.Depth(); d < prevLevel || (d == prevLevel && code <= prevCode) {
			t.Fatalf("%s out of order", code)
		}
		prevLevel, prevCode = level.Depth(), code
		if f.Geometry.Type != "MultiPolygon" {
			t.Fatalf("%s: geometry %s", code, f.Geometry.Type)
		}
		if level == analytics.City && props["parent"] != "" {
			t.Errorf("city parent %q", props["parent"])
		}
	}
}

// orderedKeys decodes a JSON object keeping its key order.
func orderedKeys(t *testing.T, raw json.RawMessage) ([]string, map[string]any) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	var keys []string
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k.(string))
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return keys, m
}
