package gridcov

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
)

func (l layout) measure(t *testing.T, scratch edgeSum) Community {
	t.Helper()
	r := &analytics.Region{Code: "c", Households: 1000, Geometry: l.community()}
	grids := make([]*analytics.Grid, len(l.grids))
	for i, g := range l.grids {
		grids[i] = &analytics.Grid{Code: fmt.Sprintf("g%02d", i), Geometry: orb.MultiPolygon{{g.ring()}}}
	}
	c, err := measure(r, grids, scratch)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMeasureAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 2013))
	for n := range 400 {
		l := randomLayout(rng)
		w := l.bruteForce()
		for _, path := range []struct {
			name    string
			scratch edgeSum
		}{{"exact", edgeSum{}}, {"overlay", nil}} {
			c := l.measure(t, path.scratch)
			fail := func(what string, got, want any) {
				t.Errorf("layout %d (%s path) %+v: %s %v, want %v", n, path.name, l, what, got, want)
			}
			if !near(c.CoveredM2, w.covered) || !near(c.GapM2, w.gap) || !near(c.OverlapM2, w.overlap) {
				fail("covered, gap, overlap", []float64{c.CoveredM2, c.GapM2, c.OverlapM2}, []float64{w.covered, w.gap, w.overlap})
			}
			if len(c.Gaps) != w.gaps {
				fail("gap polygons", len(c.Gaps), w.gaps)
			}
			var gapHH float64
			for _, g := range c.Gaps {
				gapHH += g.Households
				if !near(g.AreaM2, geo.PolygonArea(g.Geometry)) || g.AreaM2 <= 0 {
					fail("gap area", g.AreaM2, geo.PolygonArea(g.Geometry))
				}
			}
			if !near(gapHH, 1000*w.gap/geo.Area(l.community())) {
				fail("gap households", gapHH, 1000*w.gap/geo.Area(l.community()))
			}
			pairs := map[[2]int]bool{}
			for _, o := range c.Overlaps {
				var i, j int
				fmt.Sscanf(o.A+" "+o.B, "g%d g%d", &i, &j)
				pairs[[2]int{i, j}] = true
			}
			if !mapsEqual(pairs, w.pairs) {
				fail("overlapping pairs", pairs, w.pairs)
			}
			for i, g := range c.Grids {
				if !near(g.OutsideM2, w.outside[i]) {
					fail("outside of "+g.Code, g.OutsideM2, w.outside[i])
				}
			}
		}
	}
}

// near compares areas in m² to a millionth of a square metre or 1e-9.
func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-6+1e-9*math.Max(math.Abs(a), math.Abs(b))
}

func mapsEqual(a, b map[[2]int]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// The lattice rings are what the exact test needs: a sanity check that the
// random layouts do take the fast paths often.
func TestRandomLayoutsTakeTheExactPaths(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 2013))
	var tiled, gapped int
	for range 400 {
		l := randomLayout(rng)
		geoms := make([]orb.MultiPolygon, len(l.grids))
		for i, g := range l.grids {
			geoms[i] = orb.MultiPolygon{{g.ring()}}
		}
		s := edgeSum{}
		if tiles(l.community(), geoms, s) {
			tiled++
		} else if _, ok := residualGaps(s); ok {
			gapped++
		}
	}
	if tiled < 40 || gapped < 40 {
		t.Errorf("of 400 layouts %d tiled exactly and %d had clean gaps; want at least 40 each", tiled, gapped)
	}
}
