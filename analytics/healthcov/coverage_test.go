package healthcov

import (
	"errors"
	"math"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/network"
	"github.com/paulmach/orb"
)

// TestStraightLineAgainstBruteForce checks coverage without a network
// against a scan of every point and facility: a point is covered when the
// nearest facility lies within budget × speed / Detour.
func TestStraightLineAgainstBruteForce(t *testing.T) {
	s := snapshot(t, []analytics.Region{
		region("320612001001", "甲", analytics.Community, "320612001", analytics.Urban, 12800, box(120.80, 32.00, 120.82, 32.02)),
		region("320612001201", "乙", analytics.Community, "320612001", analytics.Rural, 3000, box(120.82, 32.00, 120.87, 32.03)),
		region("320612001202", "丙", analytics.Community, "320612001", analytics.Rural, 0, box(120.87, 32.00, 120.88, 32.01)),
		{Code: "320612001203", Name: "丁", Level: analytics.Community, Parent: "320612001", Kind: analytics.Rural, Population: 500},
	}, []analytics.Facility{
		{ID: "A", Type: analytics.HealthStation, Point: orb.Point{120.81, 32.01}},
		{ID: "B", Type: analytics.VillageClinic, Point: orb.Point{120.84, 32.02}},
		{ID: "C", Type: analytics.PolicePost, Point: orb.Point{120.86, 32.005}},
	})
	m, err := Of(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []Options{{}, {Minutes: 5}, {Mode: Car}, {RuralMode: Walk, Minutes: 30}, {Types: []analytics.FacilityType{analytics.PolicePost}}} {
		c, err := m.Coverage(o)
		if err != nil {
			t.Fatal(err)
		}
		o, _ = o.normal()
		for k, r := range m.communities {
			reach := o.budget() * o.Speeds.Of(o.modeOf(r)) / 3.6 / Detour
			want := 0.0
			for i := m.start[k]; i < m.start[k+1]; i++ {
				for _, f := range s.Facilities() {
					if o.counts(f.Type) && network.Haversine(m.points[i].p, f.Point) <= reach {
						want += m.points[i].weight
						break
					}
				}
			}
			got, _ := c.Community(r.Code)
			if math.Abs(got.Covered-want) > 1e-6 {
				t.Errorf("%+v: %s covered %g, want %g", o, r.Code, got.Covered, want)
			}
			if got.Points > 0 && (got.Method() != MethodStraightLine || got.Estimated != got.Points) {
				t.Errorf("%s: method %q, %d of %d points estimated; want every point a straight-line estimate", r.Code, got.Method(), got.Estimated, got.Points)
			}
		}
	}
	// The urban community: a 15-minute walk reaches 769 m around A, about
	// π·769² of its 2.22 × 1.89 km.
	c, _ := m.Coverage(Options{})
	u, _ := c.Community("320612001001")
	share, _ := u.Share()
	if want := math.Pi * math.Pow(900*4/3.6/Detour, 2) / (2226.4 * 1887.0); math.Abs(share-want) > 0.03 {
		t.Errorf("urban share %g, want about %g", share, want)
	}
	if empty, _ := c.Community("320612001202"); empty.Status() != Unpopulated || !empty.Meets() {
		t.Errorf("a community without residents: %s, meets %v", empty.Status(), empty.Meets())
	}
	// 丁 has residents but no boundary to place them in: they count in the
	// township's population, not in its shares.
	if unmapped, _ := c.Community("320612001203"); unmapped.Status() != Unpopulated || unmapped.Population != 500 || unmapped.Placed != 0 {
		t.Errorf("a community without a boundary: %+v", unmapped)
	}
	town, _ := s.Region("320612001")
	sum := c.Region(town)
	if share, _ := sum.Share(); sum.Population != 16300 || sum.Placed != 15800 || math.Abs(share-sum.Covered/15800) > 1e-12 {
		t.Errorf("township: %+v, share %g", sum, share)
	}
}

// TestNetworkIsLeastOverFacilities checks the multi-source coverage over
// the Andorra network against one search per facility: a point is covered
// when some facility's own search reaches it.
func TestNetworkIsLeastOverFacilities(t *testing.T) {
	s := andorraTown(t)
	m, _ := Of(s)
	for _, o := range []Options{{}, {Mode: Car, Minutes: 3}, {Mode: Walk, Minutes: 10}, {RuralMode: EBike}} {
		c, err := m.Coverage(o)
		if err != nil {
			t.Fatal(err)
		}
		o, _ = o.normal()
		estimated := 0
		for k, r := range m.communities {
			md := o.modeOf(r)
			var single []*reacher
			for _, f := range s.Facilities() {
				if o.counts(f.Type) {
					single = append(single, m.reacher(o, md, []orb.Point{f.Point}))
				}
			}
			for i := m.start[k]; i < m.start[k+1]; i++ {
				want, est := false, true
				for _, r := range single {
					t, e := r.time(i, m.points[i].p)
					if t <= o.budget() {
						want = true
					}
					est = est && e
				}
				if c.ev.covered[i] != want {
					t.Fatalf("%+v: point %d of %s covered %v, by one facility at a time %v", o, i, r.Code, c.ev.covered[i], want)
				}
				if est {
					estimated++
				}
			}
		}
		total := 0
		for _, cm := range c.comm {
			total += cm.Estimated
		}
		if total != estimated {
			t.Errorf("%+v: %d points estimated, want %d", o, total, estimated)
		}
	}
	c, _ := m.Coverage(Options{})
	town, _ := c.Community("320612001001")
	mountain, _ := c.Community("320612001202")
	if town.Method() != MethodNetwork || town.Status() != Partly && town.Status() != Full {
		t.Errorf("town: %s by %s", town.Status(), town.Method())
	}
	if mountain.Method() != MethodStraightLine || mountain.Status() != None {
		t.Errorf("mountain: %s by %s; want none, estimated", mountain.Status(), mountain.Method())
	}
}

func TestRegionsSumCommunities(t *testing.T) {
	s := andorraTown(t)
	m, _ := Of(s)
	c, _ := m.Coverage(Options{})
	rs := s.Select("", "")
	sums := c.Regions(rs)
	for i, r := range rs {
		want := c.Region(r)
		got := sums[i]
		if got.Population != want.Population || math.Abs(got.Covered-want.Covered) > 1e-9 || got.Communities != want.Communities ||
			got.Full != want.Full || got.Partly != want.Partly || got.None != want.None || got.Points != want.Points {
			t.Errorf("%s: %+v, want %+v", r.Code, got, want)
		}
	}
	city := sums[0]
	if city.Communities != 3 || city.Population != 5800 || city.Meets() || len(city.Modes()) != 2 {
		t.Errorf("city: %+v, modes %v", city, city.Modes())
	}
}

func TestSummaryVerdicts(t *testing.T) {
	for _, c := range []struct {
		s      Summary
		status Status
		meets  bool
	}{
		{Summary{Population: 100, Placed: 100, Covered: 100, Points: 4, Communities: 1, Full: 1}, Full, true},
		{Summary{Population: 100, Placed: 100, Covered: 40, Points: 4, Communities: 1, Partly: 1}, Partly, false},
		{Summary{Population: 100, Placed: 100, Points: 4, Communities: 1, None: 1}, None, false},
		{Summary{Communities: 1, Unpopulated: 1}, Unpopulated, true},
		{Summary{Population: 300, Placed: 300, Covered: 200, Points: 8, Communities: 3, Full: 2, None: 1}, Partly, false},
		{Summary{Population: 300, Placed: 300, Covered: 300, Points: 8, Communities: 3, Full: 2, Unpopulated: 1}, Full, true},
	} {
		if c.s.Status() != c.status || c.s.Meets() != c.meets {
			t.Errorf("%+v: %s, meets %v; want %s, %v", c.s, c.s.Status(), c.s.Meets(), c.status, c.meets)
		}
	}
	one := Summary{Population: 100, Placed: 100, Covered: 100 * (1 - 1e-12), Points: 3}
	if one.status() != Full {
		t.Errorf("rounding left a fully covered community %s", one.status())
	}
}

func TestOptionErrors(t *testing.T) {
	m, _ := Of(andorraTown(t))
	for _, c := range []struct {
		o     Options
		param string
	}{
		{Options{Minutes: -1}, "minutes"},
		{Options{Minutes: 121}, "minutes"},
		{Options{Mode: "boat"}, "mode"},
		{Options{RuralMode: "horse"}, "rural_mode"},
		{Options{Types: []analytics.FacilityType{"school"}}, "facility_types"},
		{Options{Speeds: Speeds{Walk: 0.5, Bicycle: 15, EBike: 20, Car: 30}}, "speed"},
	} {
		_, err := m.Coverage(c.o)
		var pe *ParamError
		if !errors.As(err, &pe) || pe.Param != c.param {
			t.Errorf("%+v: err %v, want a problem with %s", c.o, err, c.param)
		}
	}
}
