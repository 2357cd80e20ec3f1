package healthcov

import (
	"errors"
	"math"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func covered(t *testing.T, c *Coverage, code string) float64 {
	t.Helper()
	s, ok := c.Community(code)
	if !ok {
		t.Fatalf("no community %s", code)
	}
	return s.Covered
}

func TestWhatIf(t *testing.T) {
	s := andorraTown(t)
	m, _ := Of(s)
	base, _ := m.Coverage(Options{})
	same, err := m.WhatIf(Options{}, Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range m.communities {
		if covered(t, same, r.Code) != covered(t, base, r.Code) {
			t.Errorf("%s: an empty scenario changed the coverage", r.Code)
		}
	}
	// A clinic in the mountain community: a 15-minute ride reaches 2.9 km
	// in a straight line, more than the community's 1.7 km diagonal.
	mountain, _ := s.Region("320612001202")
	added, err := m.WhatIf(Options{}, Scenario{Add: []Site{{Point: mountain.LabelPoint, Type: analytics.VillageClinic}}})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := added.Community(mountain.Code); got.Status() != Full || got.Method() != MethodStraightLine {
		t.Errorf("mountain with a clinic: %s by %s; want full, estimated", got.Status(), got.Method())
	}
	none, err := m.WhatIf(Options{}, Scenario{Remove: []string{"HS1", "VC1"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range m.communities {
		if c := covered(t, none, r.Code); c != 0 {
			t.Errorf("%s: %g covered with no health facility", r.Code, c)
		}
	}
	// Nothing was saved.
	if again, _ := m.Coverage(Options{}); again != base || len(s.Facilities()) != 3 {
		t.Error("a what-if changed the stored coverage or facilities")
	}
	var uf *UnknownFacilityError
	if _, err := m.WhatIf(Options{}, Scenario{Remove: []string{"nope"}}); !errors.As(err, &uf) || uf.ID != "nope" {
		t.Errorf("removing an unknown facility: %v", err)
	}
	var pe *ParamError
	if _, err := m.WhatIf(Options{}, Scenario{Add: []Site{{Point: orb.Point{1.5, 42.5}, Type: analytics.PolicePost}}}); !errors.As(err, &pe) || pe.Param != "add[0].type" {
		t.Errorf("adding a police post to health coverage: %v", err)
	}
	if _, err := m.WhatIf(Options{}, Scenario{Add: []Site{{Point: orb.Point{200, 0}, Type: analytics.HealthStation}}}); !errors.As(err, &pe) || pe.Param != "add[0]" {
		t.Errorf("adding a site off the earth: %v", err)
	}
}

// plainGreedy recomputes every candidate's gain each round: the reference
// for the lazy greedy.
func plainGreedy(m *Model, k int, covers [][]int32) []int {
	done := make([]bool, len(m.points))
	var out []int
	for len(out) < k {
		best, bestGain := -1, 0.0
		for j, cv := range covers {
			g := 0.0
			for _, i := range cv {
				if !done[i] {
					g += m.points[i].weight
				}
			}
			if g > bestGain {
				best, bestGain = j, g
			}
		}
		if best < 0 {
			break
		}
		for _, i := range covers[best] {
			done[i] = true
		}
		out = append(out, best)
	}
	return out
}

// checkSiting compares the lazy greedy with the plain one and checks the
// gains against a what-if with the chosen sites.
func checkSiting(t *testing.T, m *Model, o Options, k int, cands []orb.Point, scope *analytics.Region) *Siting {
	t.Helper()
	c, err := m.Coverage(o)
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Site(k, cands, scope)
	if err != nil {
		t.Fatal(err)
	}
	var uncovered []int
	for i := range m.points {
		if !c.ev.covered[i] && (scope == nil || m.s.Within(m.communities[m.points[i].community].Code, scope.Code)) {
			uncovered = append(uncovered, i)
		}
	}
	want := plainGreedy(m, k, c.covers(st.Candidates, uncovered))
	if len(want) != len(st.Suggestions) {
		t.Fatalf("%d sites chosen, plain greedy %d", len(st.Suggestions), len(want))
	}
	var sc Scenario
	for i, sg := range st.Suggestions {
		if sg.Candidate != want[i] {
			t.Fatalf("site %d: candidate %d, plain greedy %d", i, sg.Candidate, want[i])
		}
		if i > 0 && sg.Gain > st.Suggestions[i-1].Gain {
			t.Errorf("gains grow: %g after %g", sg.Gain, st.Suggestions[i-1].Gain)
		}
		sc.Add = append(sc.Add, Site{Point: sg.Point, Type: sg.Type})
	}
	after, err := m.WhatIf(o, sc)
	if err != nil {
		t.Fatal(err)
	}
	total := 0.0
	for k, r := range m.communities {
		if scope == nil || m.s.Within(r.Code, scope.Code) {
			total += after.comm[k].Covered
		}
	}
	if n := len(st.Suggestions); n > 0 && math.Abs(total-st.Suggestions[n-1].Covered) > 1e-6*total {
		t.Errorf("with the chosen sites %g residents are covered, siting said %g", total, st.Suggestions[n-1].Covered)
	}
	return st
}

func TestSitingNetwork(t *testing.T) {
	m, _ := Of(andorraTown(t))
	st := checkSiting(t, m, Options{}, 3, nil, nil)
	if len(st.Suggestions) == 0 {
		t.Fatal("no site suggested")
	}
	// Given candidates: the one in the mountain community reaches it.
	c, _ := m.Coverage(Options{})
	mountain, _ := m.s.Region("320612001202")
	got, err := c.Site(1, []orb.Point{{1.53, 42.51}, mountain.LabelPoint}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Suggestions) != 1 || got.Suggestions[0].Candidate != 1 || got.Suggestions[0].Gain < 299.999 {
		t.Errorf("given candidates: %+v", got.Suggestions)
	}
}

func TestIsochrones(t *testing.T) {
	s := andorraTown(t)
	m, _ := Of(s)
	mountain, _ := s.Region("320612001202")
	iso, err := m.IsochroneAt(Options{}, mountain.LabelPoint)
	if err != nil {
		t.Fatal(err)
	}
	r := 900 * 15 / 3.6 / Detour
	if want := math.Pi * r * r / 1e6; iso.Mode != Bicycle || !iso.Estimate() || math.Abs(iso.AreaKM2-want) > 0.005*want {
		t.Errorf("mountain: %s, estimate %v, %g km², want a %g km² disk", iso.Mode, iso.Estimate(), iso.AreaKM2, want)
	}
	hs, _ := s.Facility("HS1")
	iso, err = m.IsochroneAt(Options{}, hs.Point)
	if err != nil {
		t.Fatal(err)
	}
	if iso.Mode != Walk || iso.Estimate() || iso.ReachedNodes == 0 || iso.LengthKM <= 0 || len(iso.Networks) != 1 {
		t.Fatalf("HS1: %+v", iso)
	}
	if err := geo.Validate(iso.Geometry); err != nil || !planar.MultiPolygonContains(iso.Geometry, hs.Point) {
		t.Fatalf("HS1 isochrone: %v, holds the station %v", err, planar.MultiPolygonContains(iso.Geometry, hs.Point))
	}
	merged, err := m.Merged(Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(merged) != 2 || merged[0].Mode != Walk || merged[0].Sites != 1 || merged[1].Mode != Bicycle {
		t.Fatalf("merged: %d isochrones", len(merged))
	}
	if a, b := merged[0].AreaKM2, iso.AreaKM2; math.Abs(a-b) > 0.02*b {
		t.Errorf("merged walking isochrone of one station: %g km², its own %g", a, b)
	}
}
