package main

import (
	"fmt"
	"hash/fnv"
	"io/fs"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo"
	"github.com/community-atlas/atlas/seeds"
	"github.com/paulmach/orb"
)

// seed is the fixed seed of every random stream: the date of the 2013
// notice, 27 Feb 2013.
const seed = 20130227

// rng returns the random stream for one purpose and region. Keying streams
// by purpose and code, rather than drawing everything from one stream,
// keeps each part of the output stable when another part changes how many
// numbers it draws.
func rng(parts ...string) *rand.Rand {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	k := h.Sum64()
	// Both halves of the PCG state are scrambled: states that differ only
	// in a few low bits (keys like 320612 and 320613) would otherwise start
	// correlated streams.
	return rand.New(rand.NewPCG(mix64(k^seed), mix64(k+0x9e3779b97f4a7c15)))
}

// mix64 is the SplitMix64 finaliser, a bijection that spreads every input
// bit over the whole output.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// region is a division being built.
type region struct {
	code, name, parent string
	level              analytics.Level
	kind               analytics.Kind // communities only
	class              townshipClass  // townships only
	pop, hh            int64
	geom               orb.MultiPolygon
	seat               orb.Point // the seat of a county or township, a community's label point
	generated          bool
	children           []*region
}

// atlas is everything the generator builds, each list sorted by code.
type atlas struct {
	city        *region
	counties    []*region
	townships   []*region
	communities []*region
	facilities  []facility
	grids       []grid
	indicators  []indicator
	catalogue   *analytics.Catalogue
	obs         []observation
	repaired    int // geometries snapping broke and MakeValid mended
}

// stats summarises a run for the command's output.
type stats struct {
	regions, facilities, grids, observations, repaired int
	population                                         int64
}

func (s stats) String() string {
	return fmt.Sprintf("%d regions (population %d), %d facilities, %d grids, %d observations; %d geometries repaired after rounding",
		s.regions, s.population, s.facilities, s.grids, s.observations, s.repaired)
}

// Generate builds the atlas from the embedded inputs and writes the four
// generated files into dir.
func Generate(dir string) (stats, error) {
	a, err := build(seeds.Files, seeds.IndicatorsJSON)
	if err != nil {
		return stats{}, err
	}
	files := []struct {
		name  string
		write func(*atlas) []byte
	}{
		{seeds.RegionsFile, regionsGeoJSON},
		{seeds.FacilitiesFile, facilitiesCSV},
		{seeds.GridsFile, gridsGeoJSON},
		{seeds.ObservationsFile, observationsCSV},
	}
	for _, f := range files {
		if err := writeFile(filepath.Join(dir, filepath.Base(f.name)), f.write(a)); err != nil {
			return stats{}, err
		}
	}
	return stats{
		regions:      1 + len(a.counties) + len(a.townships) + len(a.communities),
		facilities:   len(a.facilities),
		grids:        len(a.grids),
		observations: len(a.obs),
		repaired:     a.repaired,
		population:   a.city.pop,
	}, nil
}

// build reads the inputs and generates everything in memory.
func build(fsys fs.FS, indicatorsJSON []byte) (*atlas, error) {
	f, err := fsys.Open("nantong/divisions_2023.csv")
	if err != nil {
		return nil, err
	}
	divs, err := readDivisions(f)
	f.Close()
	if err != nil {
		return nil, err
	}
	shapes, err := readCounties(fsys)
	if err != nil {
		return nil, err
	}
	inds, err := readIndicators(indicatorsJSON)
	if err != nil {
		return nil, err
	}
	a, err := newAtlas(divs, shapes)
	if err != nil {
		return nil, err
	}
	a.indicators = inds
	if a.catalogue, err = analytics.ParseCatalogue(indicatorsJSON); err != nil {
		return nil, err
	}
	if err := a.partitionAll(); err != nil {
		return nil, err
	}
	a.populate()
	if a.grids, err = drawGrids(a); err != nil {
		return nil, err
	}
	if err := a.snapAll(); err != nil {
		return nil, err
	}
	a.facilities = placeFacilities(a)
	a.obs = observe(a)
	return a, nil
}

// newAtlas builds the region tree from the divisions and attaches the
// county shapes.
func newAtlas(divs []division, shapes []countyShape) (*atlas, error) {
	a := &atlas{}
	byCode := map[string]*region{}
	for _, d := range divs {
		r := &region{code: d.code, name: d.name, parent: d.parent, level: d.level}
		switch d.level {
		case analytics.City:
			r.parent = ""
			a.city = r
		case analytics.County:
			a.counties = append(a.counties, r)
		case analytics.Township:
			r.generated = true
			a.townships = append(a.townships, r)
		case analytics.Community:
			r.generated = true
			r.kind = communityKind(d.name)
			a.communities = append(a.communities, r)
		}
		byCode[d.code] = r
	}
	if a.city == nil {
		return nil, fmt.Errorf("divisions: no city")
	}
	for _, list := range [][]*region{a.counties, a.townships, a.communities} {
		sort.Slice(list, func(i, j int) bool { return list[i].code < list[j].code })
		for _, r := range list {
			p := byCode[r.parent]
			p.children = append(p.children, r)
		}
	}
	if len(shapes) != len(a.counties) {
		return nil, fmt.Errorf("counties: %d shapes for %d county-level divisions", len(shapes), len(a.counties))
	}
	for i, s := range shapes {
		c := a.counties[i]
		if s.code != c.code {
			return nil, fmt.Errorf("counties: shape %s where division %s %s was expected", s.code, c.code, c.name)
		}
		c.geom, c.seat, c.generated = s.geom, s.seat, s.generated
	}
	for _, t := range a.townships {
		t.class = classify(t)
	}
	return a, nil
}

// classify decides how a township is placed; see townshipClass. The town
// holding a county seat where the county has no streets is promoted to
// core later, in placeTownships.
func classify(t *region) townshipClass {
	switch {
	case len(t.children) <= smallUnit:
		return classSmall
	case strings.HasSuffix(t.name, "街道"):
		return classCore
	default:
		return classTown
	}
}

// partitionAll generates the township and community boundaries, top down,
// and the city boundary as the union of the counties. Nothing is rounded
// yet: children are cut from their parent's exact boundary.
func (a *atlas) partitionAll() error {
	for _, c := range a.counties {
		if err := placeTownships(c); err != nil {
			return fmt.Errorf("townships of %s %s: %w", c.code, c.name, err)
		}
		for _, t := range c.children {
			if err := placeCommunities(t); err != nil {
				return fmt.Errorf("communities of %s %s: %w", t.code, t.name, err)
			}
		}
	}
	geoms := make([]orb.MultiPolygon, len(a.counties))
	for i, c := range a.counties {
		geoms[i] = c.geom
	}
	u, err := geo.UnionAll(geoms)
	if err != nil {
		return fmt.Errorf("city: %w", err)
	}
	a.city.geom = u
	for _, c := range a.communities {
		c.seat = geo.LabelPoint(c.geom)
	}
	return nil
}

// snapAll rounds every region and grid to coordDecimals in one snap
// rounding (geo.SnapRound), so that every boundary shared before rounding —
// between neighbours, and between a region and the children cut from it —
// is shared exactly after. Rounding each polygon alone would leave slivers
// of some 1e-6 of a township's area wherever a cut met its outline. Seats
// and label points are then checked against the rounded shapes.
func (a *atlas) snapAll() error {
	regions := a.allRegions()
	geoms := make([]orb.MultiPolygon, 0, len(regions)+len(a.grids))
	for _, r := range regions {
		geoms = append(geoms, r.geom)
	}
	for _, g := range a.grids {
		geoms = append(geoms, g.geom)
	}
	snapped := geo.SnapRound(geoms, coordDecimals)
	for i, mp := range snapped {
		if err := geo.Validate(mp); err != nil {
			// A part squeezed thinner than a centimetre touches itself
			// after rounding; repair it (which may cost exactness there).
			fixed, ferr := geo.MakeValid(mp)
			if ferr == nil {
				fixed = geo.Round(fixed, coordDecimals)
				ferr = geo.Validate(fixed)
			}
			if ferr != nil {
				return fmt.Errorf("rounding geometry %d: %v; repair: %w", i, err, ferr)
			}
			a.repaired++
			snapped[i] = geo.Orient(fixed)
		}
		if len(snapped[i]) == 0 {
			return fmt.Errorf("geometry %d vanished in rounding", i)
		}
	}
	for i, r := range regions {
		r.geom = snapped[i]
	}
	for i := range a.grids {
		a.grids[i].geom = snapped[len(regions)+i]
	}
	for _, r := range regions {
		if r.level == analytics.Community || r.level == analytics.City || !geo.PointInMultiPolygon(r.geom, r.seat) {
			r.seat = geo.LabelPoint(r.geom)
		}
	}
	return nil
}
