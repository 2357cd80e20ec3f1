package realdata

import (
	"errors"
	"math"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/healthcov"
	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
)

// inScope returns the communities of s in scope (all when scope is nil).
func inScope(s *analytics.Snapshot, scope *analytics.Region) []*analytics.Region {
	if scope == nil {
		return s.Select(analytics.Community, "")
	}
	return s.Select(analytics.Community, scope.Code)
}

// plainGreedy chooses up to k of the candidates the plain way, recomputing
// every candidate's gain each round: a what-if with the sites chosen so far,
// then the best single candidate given them (a siting of one site weighs
// every candidate afresh). It is the reference for the lazy greedy, and
// returns the chosen candidates' indices.
func plainGreedy(t *testing.T, m *healthcov.Model, o healthcov.Options, k int, cands []orb.Point, scope *analytics.Region) []int {
	t.Helper()
	var (
		sc  healthcov.Scenario
		out []int
	)
	for len(out) < k {
		c, err := m.WhatIf(o, sc)
		if err != nil {
			t.Fatal(err)
		}
		one, err := c.Site(1, cands, scope)
		if err != nil {
			t.Fatal(err)
		}
		if len(one.Suggestions) == 0 {
			break
		}
		best := one.Suggestions[0]
		out = append(out, best.Candidate)
		sc.Add = append(sc.Add, healthcov.Site{Point: best.Point, Type: best.Type})
	}
	return out
}

// checkSiting compares the lazy greedy with the plain one and checks the
// gains against a what-if with the chosen sites.
func checkSiting(t *testing.T, m *healthcov.Model, o healthcov.Options, k int, cands []orb.Point, scope *analytics.Region) *healthcov.Siting {
	t.Helper()
	c, err := m.Coverage(o)
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Site(k, cands, scope)
	if err != nil {
		t.Fatal(err)
	}
	want := plainGreedy(t, m, o, k, st.Candidates, scope)
	if len(want) != len(st.Suggestions) {
		t.Fatalf("%d sites chosen, plain greedy %d", len(st.Suggestions), len(want))
	}
	var sc healthcov.Scenario
	for i, sg := range st.Suggestions {
		if sg.Candidate != want[i] {
			t.Fatalf("site %d: candidate %d, plain greedy %d", i, sg.Candidate, want[i])
		}
		if i > 0 && sg.Gain > st.Suggestions[i-1].Gain {
			t.Errorf("gains grow: %g after %g", sg.Gain, st.Suggestions[i-1].Gain)
		}
		sc.Add = append(sc.Add, healthcov.Site{Point: sg.Point, Type: sg.Type})
	}
	after, err := m.WhatIf(o, sc)
	if err != nil {
		t.Fatal(err)
	}
	total := 0.0
	for _, r := range inScope(m.Snapshot(), scope) {
		s, _ := after.Community(r.Code)
		total += s.Covered
	}
	if n := len(st.Suggestions); n > 0 && math.Abs(total-st.Suggestions[n-1].Covered) > 1e-6*total {
		t.Errorf("with the chosen sites %g residents are covered, siting said %g", total, st.Suggestions[n-1].Covered)
	}
	return st
}

func TestSitingSeeds(t *testing.T) {
	s := seedSnapshot(t)
	m, _ := healthcov.Of(s)
	st := checkSiting(t, m, healthcov.Options{}, 8, nil, nil)
	if len(st.Suggestions) != 8 || st.Suggestions[0].Gain <= 0 {
		t.Fatalf("suggestions %+v", st.Suggestions)
	}
	county, _ := s.Region("320682")
	st = checkSiting(t, m, healthcov.Options{Mode: healthcov.Walk}, 5, nil, county)
	for _, sg := range st.Suggestions {
		if !s.Within(sg.Community, county.Code) {
			t.Errorf("a site for %s lies in %s", county.Code, sg.Community)
		}
	}
	// A dense lattice of candidates over a district, whose reaches overlap
	// so that gains fall as sites are chosen.
	zone, _ := s.Region("320671")
	b := zone.Geometry.Bound()
	var lattice []orb.Point
	for i := range 20 {
		for j := range 20 {
			lattice = append(lattice, orb.Point{b.Min.X() + (float64(i)+0.5)*(b.Max.X()-b.Min.X())/20, b.Min.Y() + (float64(j)+0.5)*(b.Max.Y()-b.Min.Y())/20})
		}
	}
	st = checkSiting(t, m, healthcov.Options{Mode: healthcov.Walk}, 25, lattice, zone)
	if len(st.Suggestions) != 25 {
		t.Fatalf("%d sites on the lattice", len(st.Suggestions))
	}
	c, _ := m.Coverage(healthcov.Options{})
	var pe *healthcov.ParamError
	for _, k := range []int{0, healthcov.MaxSites + 1} {
		if _, err := c.Site(k, nil, nil); !errors.As(err, &pe) || pe.Param != "k" {
			t.Errorf("k = %d: %v", k, err)
		}
	}
}

func TestUncoveredClusters(t *testing.T) {
	s := seedSnapshot(t)
	m, _ := healthcov.Of(s)
	c, _ := m.Coverage(healthcov.Options{})
	county, _ := s.Region("320671")
	for _, scope := range []*analytics.Region{nil, county} {
		cls := c.Uncovered(scope)
		want := 0.0
		for _, r := range inScope(s, scope) {
			sm, _ := c.Community(r.Code)
			want += float64(sm.Population) - sm.Covered
		}
		got := 0.0
		for i, cl := range cls {
			got += cl.Population
			if err := geo.Validate(orb.MultiPolygon{cl.Geometry}); err != nil {
				t.Fatalf("cluster %d: %v", i, err)
			}
			if i > 0 && cl.Population > cls[i-1].Population {
				t.Fatalf("clusters not by population")
			}
			for _, code := range cl.Communities {
				if scope != nil && !s.Within(code, scope.Code) {
					t.Fatalf("cluster of %s holds community %s", scope.Code, code)
				}
			}
		}
		if math.Abs(got-want) > 1e-6*want || len(cls) == 0 {
			t.Errorf("scope %v: clusters hold %g residents, %d clusters; uncovered %g", scope, got, len(cls), want)
		}
	}
}
