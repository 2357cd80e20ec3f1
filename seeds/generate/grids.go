package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// grid is one cell of grid management.
type grid struct {
	code, community string
	households      int64
	worker          string
	geom            orb.MultiPolygon
}

// Grid sizing and the deliberate imperfections of the grid layer, as shares
// of communities (drawn once per community, so they do not overlap).
const (
	householdsPerGrid = 400  // 300–500 in practice
	noGridShare       = 0.03 // communities not yet divided into grids
	gapShare          = 0.08 // one grid missing, leaving a hole
	overlapShare      = 0.05 // one grid drawn too large, overlapping
	overlapGrowth     = 1.10 // area factor of the overlapping grid
	noWorkerShare     = 0.05 // grids without an assigned worker
)

// gridFlaw is the imperfection a community's grids have.
type gridFlaw int

const (
	flawNone gridFlaw = iota
	flawNoGrids
	flawGap
	flawOverlap
)

// drawGrids divides each community into grids of about householdsPerGrid
// households: Voronoi cells of evenly spread points clipped to the
// community, coded by the community code and a sequence number running
// north to south, then west to east. Some communities have no grids, one
// missing, or one enlarged so that it overlaps its neighbours (and may
// stick out of the community).
func drawGrids(a *atlas) ([]grid, error) {
	var out []grid
	for _, c := range a.communities {
		gs, err := communityGrids(c)
		if err != nil {
			return nil, fmt.Errorf("grids of %s %s: %w", c.code, c.name, err)
		}
		out = append(out, gs...)
	}
	return out, nil
}

// flawOf draws the imperfection of a community's grids.
func flawOf(c *region) gridFlaw {
	u := rng("grid-flaw", c.code).Float64()
	switch {
	case u < noGridShare:
		return flawNoGrids
	case u < noGridShare+gapShare:
		return flawGap
	case u < noGridShare+gapShare+overlapShare:
		return flawOverlap
	}
	return flawNone
}

// communityGrids draws the grids of one community, with its flaw.
func communityGrids(c *region) ([]grid, error) {
	flaw := flawOf(c)
	if flaw == flawNoGrids {
		return nil, nil
	}
	r := rng("grids", c.code)
	n := max(1, int(math.Round(float64(c.hh)/householdsPerGrid)))
	if flaw == flawGap {
		n = max(n, 2) // a gap needs a grid to be missing from several
	}
	// Sites go in the community's largest polygon, which holds its label
	// point: a site in a small detached piece would make a grid of that
	// piece alone.
	ar := newArea(orb.MultiPolygon{c.geom[largestPolygon(c.geom)]})
	sites := make([]orb.Point, 0, n)
	sites = append(sites, c.seat)
	for len(sites) < n {
		sites = append(sites, ar.bestCandidate(r, sites, 10))
	}
	movable := make([]bool, n)
	for i := range movable {
		movable[i] = true
	}
	if n > 1 {
		ar.relax(r, sites, movable, 30, 3)
	}
	parts, err := partition(c.geom, sites)
	if err != nil {
		return nil, err
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	// Number north to south, then west to east, by the sites.
	sort.SliceStable(order, func(x, y int) bool {
		p, q := sites[order[x]], sites[order[y]]
		if p[1] != q[1] {
			return p[1] > q[1]
		}
		return p[0] < q[0]
	})
	hh := splitHouseholds(r, c.hh, n)
	gs := make([]grid, n)
	for k, i := range order {
		gs[k] = grid{
			code:       fmt.Sprintf("%s%03d", c.code, k+1),
			community:  c.code,
			households: hh[k],
			geom:       parts[i],
		}
		if r.Float64() >= noWorkerShare {
			gs[k].worker = personName(r)
		}
	}
	switch flaw {
	case flawGap:
		// Any grid but the largest goes missing: a hole, not an empty
		// community.
		drop := pick(r, gs, func(i int) bool { return i != largestGrid(gs) })
		gs = append(gs[:drop], gs[drop+1:]...)
	case flawOverlap:
		// Only a grid of one piece is enlarged: scaling the pieces of a
		// split grid about one centre would pull them apart.
		if k := pick(r, gs, func(i int) bool { return len(gs[i].geom) == 1 }); n > 1 && k >= 0 {
			g, err := grow(gs[k].geom, overlapGrowth)
			if err != nil {
				return nil, err
			}
			gs[k].geom = g
		}
	}
	return gs, nil
}

// pick draws one index of gs among those ok accepts, or -1 if none.
func pick(r *rand.Rand, gs []grid, ok func(int) bool) int {
	var idx []int
	for i := range gs {
		if ok(i) {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return -1
	}
	return idx[r.IntN(len(idx))]
}

// largestGrid is the index of the grid of largest area.
func largestGrid(gs []grid) int {
	best, bestA := 0, -1.0
	for i, g := range gs {
		if a := geo.Area(g.geom); a > bestA {
			best, bestA = i, a
		}
	}
	return best
}

// largestPolygon is the index of the polygon of mp of largest area.
func largestPolygon(mp orb.MultiPolygon) int {
	best, bestA := 0, -1.0
	for i, p := range mp {
		if a := geo.PolygonArea(p); a > bestA {
			best, bestA = i, a
		}
	}
	return best
}

// splitHouseholds divides total among n grids with some variation, in
// integers that add up to total (largest remainders).
func splitHouseholds(r *rand.Rand, total int64, n int) []int64 {
	w := make([]float64, n)
	var sum float64
	for i := range w {
		w[i] = 1 + 0.2*r.NormFloat64()
		w[i] = max(w[i], 0.5)
		sum += w[i]
	}
	out := make([]int64, n)
	type rem struct {
		i int
		f float64
	}
	rems := make([]rem, n)
	var given int64
	for i := range w {
		exact := float64(total) * w[i] / sum
		out[i] = int64(math.Floor(exact))
		given += out[i]
		rems[i] = rem{i, exact - math.Floor(exact)}
	}
	sort.SliceStable(rems, func(x, y int) bool { return rems[x].f > rems[y].f })
	for k := 0; given < total; k++ {
		out[rems[k%n].i]++
		given++
	}
	return out
}

// grow enlarges mp by scaling it about its centroid so that its area grows
// by factor, and keeps the original too: scaling alone would pull a concave
// grid's boundary away from the places where it bends inwards, opening gaps
// beside the overlaps. The result overlaps the neighbouring grids and may
// stick out of the community.
func grow(mp orb.MultiPolygon, factor float64) (orb.MultiPolygon, error) {
	c, _ := planar.CentroidArea(mp)
	s := math.Sqrt(factor)
	scaled := mp.Clone()
	for _, p := range scaled {
		for _, r := range p {
			for i, pt := range r {
				r[i] = orb.Point{c[0] + (pt[0]-c[0])*s, c[1] + (pt[1]-c[1])*s}
			}
		}
	}
	return geo.Union(mp, scaled)
}

// gridsGeoJSON writes the grids, by code.
func gridsGeoJSON(a *atlas) []byte {
	fs := make([][]byte, len(a.grids))
	for i, g := range a.grids {
		fs[i] = appendFeature(nil, []prop{
			{"code", jsonString(g.code)},
			{"community", jsonString(g.community)},
			{"households", itoa(g.households)},
			{"worker", jsonString(g.worker)},
		}, g.geom)
	}
	return featureCollection(fs)
}
