package main

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
)

func TestGrids(t *testing.T) {
	a := testAtlas(t)
	byCommunity := map[string][]grid{}
	seen := map[string]bool{}
	var noWorker int
	var sizes []float64
	for _, g := range a.grids {
		if !strings.HasPrefix(g.code, g.community) || len(g.code) != len(g.community)+3 || seen[g.code] {
			t.Errorf("grid code %s (community %s)", g.code, g.community)
		}
		seen[g.code] = true
		if err := geo.Validate(g.geom); err != nil {
			t.Errorf("grid %s: %v", g.code, err)
		}
		checkRFC7946(t, g.code, g.geom)
		if g.worker == "" {
			noWorker++
		} else if n := len([]rune(g.worker)); n < 2 || n > 3 {
			t.Errorf("grid %s: worker %q", g.code, g.worker)
		}
		byCommunity[g.community] = append(byCommunity[g.community], g)
		sizes = append(sizes, float64(g.households))
	}
	sort.Float64s(sizes)
	if p50 := sizes[len(sizes)/2]; p50 < 300 || p50 > 500 {
		t.Errorf("median grid has %.0f households, want 300–500", p50)
	}
	if s := float64(noWorker) / float64(len(a.grids)); s < 0.03 || s > 0.07 {
		t.Errorf("%.3f of grids without a worker, want about 0.05", s)
	}

	flaws := map[gridFlaw]int{}
	for _, c := range a.communities {
		flaw := flawOf(c)
		flaws[flaw]++
		gs := byCommunity[c.code]
		if (flaw == flawNoGrids) != (len(gs) == 0) {
			t.Errorf("%s: flaw %v but %d grids", c.code, flaw, len(gs))
			continue
		}
		if len(gs) == 0 {
			continue
		}
		var hh int64
		geoms := make([]orb.MultiPolygon, len(gs))
		for i, g := range gs {
			hh += g.households
			geoms[i] = g.geom
		}
		if hh > c.hh || (flaw != flawGap && hh != c.hh) {
			t.Errorf("%s: grids hold %d households of %d (flaw %v)", c.code, hh, c.hh, flaw)
		}
		checkGridCover(t, c, geoms, flaw)
	}
	n := float64(len(a.communities))
	for _, s := range []struct {
		flaw   gridFlaw
		lo, hi float64
	}{
		{flawNoGrids, 0.015, 0.045}, {flawGap, 0.06, 0.10}, {flawOverlap, 0.035, 0.065},
	} {
		if got := float64(flaws[s.flaw]) / n; got < s.lo || got > s.hi {
			t.Errorf("flaw %v in %.3f of communities, want %.3f–%.3f", s.flaw, got, s.lo, s.hi)
		}
	}
}

// checkGridCover checks how a community's grids cover it: exactly for
// flawless ones, with one grid's worth of hole for a gap, and with overlap
// for an enlarged grid.
func checkGridCover(t *testing.T, c *region, geoms []orb.MultiPolygon, flaw gridFlaw) {
	t.Helper()
	ca := geo.Area(c.geom)
	var sum float64
	for _, g := range geoms {
		sum += geo.Area(g)
	}
	u, err := geo.UnionAll(geoms)
	if err != nil {
		t.Fatalf("%s: %v", c.code, err)
	}
	covered, err := geo.Intersection(u, c.geom)
	if err != nil {
		t.Fatalf("%s: %v", c.code, err)
	}
	cov := geo.Area(covered) / ca
	overlap := (sum - geo.Area(u)) / ca
	desc := fmt.Sprintf("%s (flaw %v): covers %.6f, overlap %.6f", c.code, flaw, cov, overlap)
	switch flaw {
	case flawNone:
		if math.Abs(cov-1) > 1e-6 || math.Abs(overlap) > 1e-6 {
			t.Error(desc)
		}
	case flawGap:
		if cov > 1-1e-3 || cov < 0.2 || overlap > 1e-6 {
			t.Error(desc)
		}
	case flawOverlap:
		if len(geoms) > 1 && (overlap < 1e-3 || cov < 1-1e-6) {
			t.Error(desc)
		}
	}
}

func TestSplitHouseholds(t *testing.T) {
	r := rng("test")
	for _, c := range []struct {
		total int64
		n     int
	}{{1, 1}, {7, 3}, {1234, 4}, {401, 1}} {
		parts := splitHouseholds(r, c.total, c.n)
		var sum int64
		for _, p := range parts {
			sum += p
			if p < 0 {
				t.Errorf("negative part %d", p)
			}
		}
		if len(parts) != c.n || sum != c.total {
			t.Errorf("split %d into %v", c.total, parts)
		}
	}
}
