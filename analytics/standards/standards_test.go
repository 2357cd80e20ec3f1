package standards_test

import (
	"math"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/standards"
	"github.com/community-atlas/atlas/seeds"
	"github.com/paulmach/orb"
)

// cell is the lon/lat rectangle of columns x0 … x1, each 0.01° wide.
func cell(x0, x1 float64) orb.MultiPolygon {
	a, b := 120+x0*0.01, 120+x1*0.01
	return orb.MultiPolygon{{{{a, 32}, {b, 32}, {b, 32.01}, {a, 32.01}, {a, 32}}}}
}

// in is a point in column x.
func in(x float64) orb.Point { return orb.Point{120 + (x+0.5)*0.01, 32.005} }

// fixture: county 320612 (centre 3000 m²: meets) of township T1 = 320612001
// (centre 1499 m²: short; its health centre stands in C2) with communities
// C1 (3000 households: needs 600 m², has 500 and 650; police; station) and
// C2 (1000: needs 400, centre without a recorded area; no police; no
// station, but T1's health centre inside), and township T2 = 320612002 (no
// centre; its health centre serves and stands in C4) with C3 (2000: needs
// 400, has 400; police; no station, no centre) and C4 (2500: needs 500, has
// 450; police; a village clinic).
func fixture() *analytics.Snapshot {
	reg := func(code string, l analytics.Level, parent string, hh int64, g orb.MultiPolygon) analytics.Region {
		return analytics.Region{Code: code, Name: code, Level: l, Parent: parent, Households: hh, Geometry: g}
	}
	fac := func(id string, t analytics.FacilityType, x float64, m2 float64, region string) analytics.Facility {
		return analytics.Facility{ID: id, Type: t, Name: id, Point: in(x), FloorAreaM2: m2, Region: region}
	}
	const (
		county, t1, t2     = "320612", "320612001", "320612002"
		c1, c2, c3, c4     = "320612001001", "320612001002", "320612002001", "320612002002"
		sc, pp, hc, hs, vc = analytics.ServiceCentre, analytics.PolicePost, analytics.HealthCentre, analytics.HealthStation, analytics.VillageClinic
	)
	cat, err := analytics.ParseCatalogue(seeds.IndicatorsJSON)
	if err != nil {
		panic(err) // the embedded seed catalogue
	}
	return analytics.NewSnapshot(1, cat, &analytics.Dataset{
		Regions: []analytics.Region{
			reg("3206", analytics.City, "", 8500, cell(0, 4)),
			reg(county, analytics.County, "3206", 8500, cell(0, 4)),
			reg(t1, analytics.Township, county, 4000, cell(0, 2)),
			reg(t2, analytics.Township, county, 4500, cell(2, 4)),
			reg(c1, analytics.Community, t1, 3000, cell(0, 1)),
			reg(c2, analytics.Community, t1, 1000, cell(1, 2)),
			reg(c3, analytics.Community, t2, 2000, cell(2, 3)),
			reg(c4, analytics.Community, t2, 2500, cell(3, 4)),
		},
		Facilities: []analytics.Facility{
			fac("county-sc", sc, 0, 3000, county),
			fac("t1-sc", sc, 0, 1499, t1),
			fac("t1-hc", hc, 1, 4000, t1),
			fac("t2-hc", hc, 3, 4000, c4),
			fac("c1-sc-a", sc, 0, 500, c1),
			fac("c1-sc-b", sc, 0, 650, c1),
			fac("c1-pp", pp, 0, 0, c1),
			fac("c1-hs", hs, 0, 0, c1),
			fac("c2-sc", sc, 1, 0, c2),
			fac("c3-sc", sc, 2, 400, c3),
			fac("c3-pp", pp, 2, 0, c3),
			fac("c4-sc", sc, 3, 450, c4),
			fac("c4-pp", pp, 3, 0, c4),
			fac("c4-vc", vc, 3, 0, c4),
		},
	})
}

func TestRequiredFloorArea(t *testing.T) {
	cat, err := analytics.ParseCatalogue(seeds.IndicatorsJSON)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		level analytics.Level
		hh    int64
		want  float64
		ok    bool
	}{
		{analytics.Community, 0, 400, true},
		{analytics.Community, 2000, 400, true},
		{analytics.Community, 2001, 400.2, true},
		{analytics.Community, 5000, 1000, true},
		{analytics.Township, 90000, 1500, true},
		{analytics.County, 1, 3000, true},
		{analytics.City, 1, 0, false},
		{analytics.Province, 1, 0, false},
	} {
		got, ok := standards.RequiredFloorArea(cat, &analytics.Region{Level: c.level, Households: c.hh})
		if math.Abs(got-c.want) > 1e-9 || ok != c.ok {
			t.Errorf("%s of %d households: %v, %v; want %v, %v", c.level, c.hh, got, ok, c.want, c.ok)
		}
	}
	if r := standards.RulesOf(cat); r.Compliance != 0.95 {
		t.Errorf("compliance %v, want 0.95", r.Compliance)
	}
}

// Another city's catalogue sets other numbers: the standard follows them.
func TestRulesFromAnotherCatalogue(t *testing.T) {
	other := strings.NewReplacer(
		`"min_m2": 400, "m2_per_100_households": 20`, `"min_m2": 300, "m2_per_100_households": 30`,
		`"min_m2": 1500`, `"min_m2": 2000`,
		`"rollup": {"method": "share_meeting", "target": {"comparator": "ge", "urban": {"min": 95}, "rural": {"min": 95}}}`,
		`"rollup": {"method": "share_meeting", "target": {"comparator": "ge", "urban": {"min": 90}, "rural": {"min": 90}}}`,
	).Replace(string(seeds.IndicatorsJSON))
	if other == string(seeds.IndicatorsJSON) {
		t.Fatal("the seed catalogue no longer holds the numbers this test replaces")
	}
	cat, err := analytics.ParseCatalogue([]byte(other))
	if err != nil {
		t.Fatal(err)
	}
	r := standards.RulesOf(cat)
	for _, c := range []struct {
		reg  analytics.Region
		want float64
	}{
		{analytics.Region{Level: analytics.Community, Households: 500}, 300},
		{analytics.Region{Level: analytics.Community, Households: 2000}, 600},
		{analytics.Region{Level: analytics.Township}, 2000},
		{analytics.Region{Level: analytics.County}, 3000},
	} {
		if got, _ := r.Required(&c.reg); got != c.want {
			t.Errorf("%s of %d households: %v m², want %v", c.reg.Level, c.reg.Households, got, c.want)
		}
	}
	if r.Compliance != 0.9 {
		t.Errorf("compliance %v, want 0.9", r.Compliance)
	}
}

func TestFloorAreaByHand(t *testing.T) {
	st := standards.Compute(fixture())
	for code, want := range map[string]struct {
		facility   string
		area, need float64
		meets      bool
	}{
		"320612":       {"county-sc", 3000, 3000, true},
		"320612001":    {"t1-sc", 1499, 1500, false},
		"320612002":    {"", 0, 1500, false},
		"320612001001": {"c1-sc-b", 650, 600, true},
		"320612001002": {"c2-sc", 0, 400, false},
		"320612002001": {"c3-sc", 400, 400, true},
		"320612002002": {"c4-sc", 450, 500, false},
	} {
		r, _ := st.Region(code)
		c := r.FloorArea.Centre
		if c == nil || c.Facility != want.facility || c.FloorAreaM2 != want.area || c.RequiredM2 != want.need || c.Meets != want.meets {
			t.Errorf("%s: centre %+v, want %+v", code, c, want)
		}
	}
	city, _ := st.Region("3206")
	if city.FloorArea.Centre != nil {
		t.Errorf("the city has a centre to judge: %+v", city.FloorArea.Centre)
	}
	for code, want := range map[string][3]standards.Tier{
		"3206":      {{4, 2}, {2, 0}, {1, 1}},
		"320612":    {{4, 2}, {2, 0}, {1, 1}},
		"320612001": {{2, 1}, {1, 0}, {}},
		"320612002": {{2, 1}, {1, 0}, {}},
	} {
		r, _ := st.Region(code)
		got := [3]standards.Tier{r.FloorArea.Communities, r.FloorArea.Townships, r.FloorArea.Counties}
		if got != want {
			t.Errorf("%s: tiers %v, want %v", code, got, want)
		}
	}
	if r, _ := st.Region("3206"); r.FloorArea.Total() != (standards.Tier{Units: 7, Meeting: 3}) || r.FloorArea.Meets() {
		t.Errorf("city: total %v, meets %v; want 3 of 7, false", r.FloorArea.Total(), r.FloorArea.Meets())
	}
	if r, _ := st.Region("320612002001"); !r.FloorArea.Meets() || r.FloorArea.Total().Rate() != 1 {
		t.Errorf("C3 meets %v at rate %v; want true at 1", r.FloorArea.Meets(), r.FloorArea.Total().Rate())
	}
}

func TestPoliceAndHealthByHand(t *testing.T) {
	st := standards.Compute(fixture())
	for code, want := range map[string]struct {
		police            standards.Tier
		policeMeets       bool
		towns, comms      standards.Tier
		healthMeets       bool
		post, centre, stn string
	}{
		"3206":         {standards.Tier{4, 3}, false, standards.Tier{2, 2}, standards.Tier{4, 3}, false, "", "", ""},
		"320612001":    {standards.Tier{2, 1}, false, standards.Tier{1, 1}, standards.Tier{2, 2}, true, "", "", ""},
		"320612002":    {standards.Tier{2, 2}, true, standards.Tier{1, 1}, standards.Tier{2, 1}, false, "", "", ""},
		"320612001001": {standards.Tier{1, 1}, true, standards.Tier{}, standards.Tier{1, 1}, true, "c1-pp", "", "c1-hs"},
		"320612001002": {standards.Tier{1, 0}, false, standards.Tier{}, standards.Tier{1, 1}, true, "", "t1-hc", ""},
		"320612002001": {standards.Tier{1, 1}, true, standards.Tier{}, standards.Tier{1, 0}, false, "c3-pp", "", ""},
		"320612002002": {standards.Tier{1, 1}, true, standards.Tier{}, standards.Tier{1, 1}, true, "c4-pp", "t2-hc", "c4-vc"},
	} {
		r, _ := st.Region(code)
		p, h := r.Police, r.Health
		if p.Communities != want.police || p.Meets() != want.policeMeets || p.Post != want.post {
			t.Errorf("%s police: %+v meets %v; want %v %v %q", code, p, p.Meets(), want.police, want.policeMeets, want.post)
		}
		if h.Townships != want.towns || h.Communities != want.comms || h.Meets() != want.healthMeets || h.Centre != want.centre || h.Station != want.stn {
			t.Errorf("%s health: %+v meets %v; want %v %v %v %q %q", code, h, h.Meets(), want.towns, want.comms, want.healthMeets, want.centre, want.stn)
		}
	}
}

func TestOf(t *testing.T) {
	s := fixture()
	if standards.Of(s) != standards.Of(s) {
		t.Error("a second call for the same snapshot computed again")
	}
	if _, ok := standards.Of(s).Region("999"); ok {
		t.Error("an unknown region has standards")
	}
}
