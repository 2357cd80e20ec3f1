package importer

import (
	"context"
	"fmt"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo"
	"github.com/community-atlas/atlas/server/store"
)

// minGridInside is the share of a grid's area that must lie in its
// community: grids may stick out a little (that is reported as a defect by
// the grid-coverage analysis), but a grid mostly elsewhere is a wrong code.
const minGridInside = 0.5

// ReadGrids reads a grid file with the default options (see ReadGridsWith).
func ReadGrids(file string, data []byte, idx Index) (*store.Changeset, error) {
	cs, _, err := ReadGridsWith(context.Background(), file, data, idx, Options{})
	return cs, err
}

// gridHeaders are the headers of a grid file's columns, normalised (see
// normHeader); the community column is also found by its values.
var gridHeaders = map[role][]string{
	roleID:         {"code", "网格编码", "网格编号", "网格代码", "编码", "编号"},
	roleCode:       {"community", "所属社区", "社区代码", "社区编码", "所属社区代码"},
	roleHouseholds: {"households", "户数", "总户数", "住户数"},
	roleWorker:     {"worker", "网格员", "网格长", "专职网格员"},
}

// ReadGridsWith reads management grids in any geometry format and
// coordinate system, as boundaries are read (see openLayer): one feature a
// grid with its code, its community (a known community code, found by
// header or by its values), households and the worker (empty where none is
// assigned). At least half of a grid must lie in its community.
func ReadGridsWith(ctx context.Context, file string, data []byte, idx Index, opts Options) (*store.Changeset, *Report, error) {
	l, rep, err := openLayer(ctx, file, data, idx, opts)
	if err != nil {
		return nil, rep, err
	}
	m, err := findRoles(l, gridHeaders, opts.Map, func(code string) bool { _, ok := idx.Region(code); return ok }, nil)
	if err != nil {
		return nil, rep, fileError(file, err)
	}
	rep.Columns, rep.Rows = m.describe(l.Fields), len(l.Features)
	var c collector
	skip := addPre(&c, rep.placeProblems)
	cs := &store.Changeset{Kind: Grids, Source: file}
	rr := regionRow{l: l, m: m, idx: idx}
	seen := make(map[string]int, len(l.Features))
	for i := range l.Features {
		if skip[i+1] {
			continue
		}
		g, p := parseGrid(rr, i)
		if p == nil {
			if first, dup := seen[g.Code]; dup {
				p = &Problem{Code: g.Code, Field: rr.header(roleID), Message: "duplicate of " + featureName(l, first-1)}
			}
		}
		if p != nil {
			p.Feature = i + 1
			if c.add(*p); c.full() {
				break
			}
			continue
		}
		seen[g.Code] = i + 1
		cs.Grids = append(cs.Grids, g)
	}
	if err := c.result(file); err != nil {
		return nil, rep, tableRows(l, err)
	}
	return cs, rep, nil
}

func parseGrid(rr regionRow, i int) (analytics.Grid, *Problem) {
	f := rr.l.Features[i]
	g := analytics.Grid{Code: rr.text(f, roleID), Community: rr.text(f, roleCode), Worker: rr.text(f, roleWorker)}
	fail := func(r role, format string, args ...any) (analytics.Grid, *Problem) {
		return g, &Problem{Code: g.Code, Field: rr.header(r), Message: fmt.Sprintf(format, args...)}
	}
	if g.Code == "" {
		return fail(roleID, "code is missing")
	}
	comm, ok := rr.idx.Region(g.Community)
	if !ok || comm.Level != analytics.Community {
		return fail(roleCode, "%q is not a known community code", g.Community)
	}
	var err error
	if g.Households, err = rr.count(f, roleHouseholds, 0); err != nil {
		return fail(roleHouseholds, "%v", err)
	}
	if g.Geometry, err = normalise(f.Geometry); err != nil {
		return g, &Problem{Code: g.Code, Field: geometryField(rr.l), Message: err.Error()}
	}
	inter, err := geo.Intersection(g.Geometry, comm.Geometry)
	if err != nil {
		return g, &Problem{Code: g.Code, Field: geometryField(rr.l), Message: fmt.Sprintf("cannot intersect with community %s: %v", comm.Code, err)}
	}
	if share := geo.Area(inter) / geo.Area(g.Geometry); share < minGridInside {
		return g, &Problem{Code: g.Code, Field: geometryField(rr.l), Message: fmt.Sprintf("only %.0f%% of the grid lies in its community %s %s; at least %.0f%% must",
			100*share, comm.Code, comm.Name, 100*minGridInside)}
	}
	return g, nil
}
