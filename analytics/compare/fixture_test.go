package compare_test

import (
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/seeds"
	"github.com/paulmach/orb"
)

// fixture: city 3206 → county A 320612 (township 320612001: urban U1 pop
// 3000, rural R1 pop 1000), county B 320623 (township 320623001: rural
// R2…R6, pop 1000 each), county C 320681 (township 320681001: urban U7).
// Every value in the tests below is worked by hand from these numbers.
func fixture(t *testing.T, extra ...analytics.Observation) *analytics.Snapshot {
	t.Helper()
	return fixtureWith(t, nil, extra...)
}

// fixtureWith is the fixture with checklist entries and the checklist
// catalogue.
func fixtureWith(t *testing.T, entries []analytics.ChecklistEntry, extra ...analytics.Observation) *analytics.Snapshot {
	t.Helper()
	cat, err := analytics.ParseCatalogue(seeds.IndicatorsJSON)
	if err != nil {
		t.Fatal(err)
	}
	if cat.Checklist, err = analytics.ParseChecklist(seeds.ChecklistJSON, cat); err != nil {
		t.Fatal(err)
	}
	sq := func(x float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x, 0}, {x + 1, 0}, {x + 1, 1}, {x, 1}, {x, 0}}}}
	}
	reg := func(code, name string, l analytics.Level, parent string, k analytics.Kind, pop int64) analytics.Region {
		return analytics.Region{Code: code, Name: name, Level: l, Parent: parent, Kind: k, Population: pop, Geometry: sq(0)}
	}
	d := &analytics.Dataset{
		Regions: []analytics.Region{
			reg("3206", "南通市", analytics.City, "", "", 0),
			reg("320612", "A区", analytics.County, "3206", "", 0),
			reg("320623", "B县", analytics.County, "3206", "", 0),
			reg("320681", "C市", analytics.County, "3206", "", 0),
			reg("320612001", "A街道", analytics.Township, "320612", "", 0),
			reg("320623001", "B镇", analytics.Township, "320623", "", 0),
			reg("320681001", "C街道", analytics.Township, "320681", "", 0),
			reg("320612001001", "U1社区", analytics.Community, "320612001", analytics.Urban, 3000),
			reg("320612001201", "R1村", analytics.Community, "320612001", analytics.Rural, 1000),
			reg("320623001201", "R2村", analytics.Community, "320623001", analytics.Rural, 1000),
			reg("320623001202", "R3村", analytics.Community, "320623001", analytics.Rural, 1000),
			reg("320623001203", "R4村", analytics.Community, "320623001", analytics.Rural, 1000),
			reg("320623001204", "R5村", analytics.Community, "320623001", analytics.Rural, 1000),
			reg("320623001205", "R6村", analytics.Community, "320623001", analytics.Rural, 1000),
			reg("320681001001", "U7社区", analytics.Community, "320681001", analytics.Urban, 500),
		},
	}
	obs := func(ind string, period int, values map[string]float64) {
		for code, v := range values {
			d.Observations = append(d.Observations, analytics.Observation{Indicator: ind, Region: code, Period: period, Value: v})
		}
	}
	obs("registered_volunteers", 2013, map[string]float64{"320612001001": 10, "320612001201": 4,
		"320623001201": 6, "320623001202": 3, "320623001203": 5, "320623001204": 4, "320623001205": 20})
	obs("registered_volunteers", 2012, map[string]float64{"320612001001": 9, "320612001201": 3})
	obs("one_stop_service", 2013, map[string]float64{"320612001001": 1, "320612001201": 0, "320623001201": 1, "320623001202": 1})
	obs("elderly_health_records", 2013, map[string]float64{"320612001001": 95, "320612001201": 92, "320623001201": 91, "320623001202": 95})
	obs("mass_incidents", 2013, map[string]float64{"320612001001": 0, "320623001201": 2, "320681001001": 0})
	d.Observations = append(d.Observations, extra...)
	d.Checklist = entries
	return analytics.NewSnapshot(1, cat, d)
}

// counties returns the three counties of the fixture.
func counties(s *analytics.Snapshot) []*analytics.Region { return s.Select(analytics.County, "") }

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
