package importer

import (
	"fmt"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo"
	"github.com/community-atlas/atlas/server/store"
	"github.com/paulmach/orb/geojson"
)

// minGridInside is the share of a grid's area that must lie in its
// community: grids may stick out a little (that is reported as a defect by
// the grid-coverage analysis), but a grid mostly elsewhere is a wrong code.
const minGridInside = 0.5

// ReadGrids reads a GeoJSON FeatureCollection of management grids.
// Properties: code, community (a known community code), households, worker
// (empty or absent where none is assigned).
func ReadGrids(file string, data []byte, idx Index) (*store.Changeset, error) {
	fc, err := readFeatures(data)
	if err != nil {
		return nil, &Error{File: file, Problems: []Problem{{Message: err.Error()}}}
	}
	var c collector
	cs := &store.Changeset{Kind: Grids, Source: file}
	seen := make(map[string]int, len(fc.Features))
	for i, f := range fc.Features {
		g, p, ok := parseGrid(f, idx)
		if ok {
			if first, dup := seen[g.Code]; dup {
				p, ok = Problem{Code: g.Code, Field: "code", Message: fmt.Sprintf("duplicate of feature %d", first)}, false
			}
		}
		if !ok {
			p.Feature = i + 1
			if c.add(p); c.full() {
				break
			}
			continue
		}
		seen[g.Code] = i + 1
		cs.Grids = append(cs.Grids, g)
	}
	if err := c.result(file); err != nil {
		return nil, err
	}
	return cs, nil
}

func parseGrid(f *geojson.Feature, idx Index) (analytics.Grid, Problem, bool) {
	p := props(f.Properties)
	var g analytics.Grid
	fail := func(field string, err error) (analytics.Grid, Problem, bool) {
		return g, Problem{Code: g.Code, Field: field, Message: err.Error()}, false
	}
	var err error
	if g.Code, err = p.str("code"); err != nil || g.Code == "" {
		return fail("code", fmt.Errorf("code is missing"))
	}
	if g.Community, err = p.str("community"); err != nil {
		return fail("community", err)
	}
	comm, ok := idx.Region(g.Community)
	if !ok || comm.Level != analytics.Community {
		return fail("community", fmt.Errorf("%q is not a known community code", g.Community))
	}
	if g.Households, err = p.count("households"); err != nil {
		return fail("households", err)
	}
	if g.Worker, err = p.str("worker"); err != nil {
		return fail("worker", err)
	}
	if g.Geometry, err = normalise(f.Geometry); err != nil {
		return fail("geometry", err)
	}
	inter, err := geo.Intersection(g.Geometry, comm.Geometry)
	if err != nil {
		return fail("geometry", fmt.Errorf("cannot intersect with community %s: %w", comm.Code, err))
	}
	if share := geo.Area(inter) / geo.Area(g.Geometry); share < minGridInside {
		return fail("geometry", fmt.Errorf("only %.0f%% of the grid lies in its community %s %s; at least %.0f%% must",
			100*share, comm.Code, comm.Name, 100*minGridInside))
	}
	return g, Problem{}, true
}
