package atlas

import (
	"context"
	"errors"
	"slices"

	"github.com/community-atlas/atlas/server/importer"
	"github.com/community-atlas/atlas/server/store"
	"github.com/paulmach/orb/geojson"
)

// Staged is what a file would do, for the import wizard: the dry run's
// report with the file's problems (listed, not failed on), the rows a
// region-limited user may not write, the changes with their values before
// and after, and the new geometries to draw over the current ones.
type Staged struct {
	Kind      string                     `json:"kind"`
	Source    string                     `json:"source"`
	Counts    map[string]int             `json:"counts,omitempty"`
	Report    *importer.Report           `json:"report,omitempty"`
	Problems  []importer.Problem         `json:"problems"`
	Truncated bool                       `json:"problems_truncated,omitempty"`
	Outside   []Outside                  `json:"outside"`
	Changes   *Changes                   `json:"changes,omitempty"`
	Preview   *geojson.FeatureCollection `json:"preview,omitempty"`
}

// Stage reads a file as ImportWith's dry run does, against the whole atlas,
// but answers its problems and its rows outside region as part of the
// result instead of refusing: the wizard shows them before a commit.
// Errors are only what no report can be made of (an unknown kind, a scope
// that can import nothing of this kind).
func (a *Atlas) Stage(ctx context.Context, kind, file string, data []byte, region string, opts importer.Options) (*Staged, error) {
	whole := a.Snapshot()
	if err := scopeUsable(whole, kind, region); err != nil {
		return nil, err
	}
	opts.DryRun = true
	cs, rep, err := a.read(ctx, kind, file, data, whole, opts)
	if err == nil {
		err = planReplace(whole, opts, cs, rep)
	}
	st := &Staged{Kind: kind, Source: file, Report: rep, Problems: []importer.Problem{}, Outside: []Outside{}}
	var ie *importer.Error
	if errors.As(err, &ie) {
		st.Problems, st.Truncated = ie.Problems, ie.Truncated
		return st, nil
	}
	if err != nil {
		return nil, err
	}
	st.Source, st.Counts = cs.Source, counts(cs)
	if out := outsideRows(whole, region, cs); out != nil {
		st.Outside = out
	}
	st.Changes = changesOf(whole, cs, rep)
	st.Preview = previewOf(whole, cs, st.Changes, st.Outside)
	return st, nil
}

// ImportInScope writes a file as ImportWith does, except that the rows a
// user limited to region may not write are left out rather than refusing
// the whole file: the wizard has shown them as such before the commit. A
// file with nothing inside the region is refused (403) with its rows named.
// The rows left out are in the result's Skipped.
func (a *Atlas) ImportInScope(ctx context.Context, kind, file string, data []byte, w Writer, opts importer.Options) (*ImportResult, error) {
	a.writes.Lock()
	defer a.writes.Unlock()
	whole := a.Snapshot()
	if err := scopeUsable(whole, kind, w.Region); err != nil {
		return nil, err
	}
	opts.DryRun = false
	cs, rep, err := a.read(ctx, kind, file, data, whole, opts)
	if err == nil {
		err = planReplace(whole, opts, cs, rep)
	}
	if err != nil {
		return nil, err
	}
	out := outsideRows(whole, w.Region, cs)
	if len(out) > 0 {
		refusal := checkScope(whole, w.Region, cs)
		if dropOutside(cs, out); cs.Rows() == 0 {
			return nil, refusal
		}
	}
	res, err := a.write(ctx, cs, rep, w, opts)
	if err != nil {
		return nil, err
	}
	res.Skipped = out
	return res, nil
}

// dropOutside removes the rows outsideRows found from cs, keeping the
// order of the rest.
func dropOutside(cs *store.Changeset, out []Outside) {
	drop := map[string]map[int]bool{}
	for _, o := range out {
		if drop[o.Kind] == nil {
			drop[o.Kind] = map[int]bool{}
		}
		drop[o.Kind][o.Index] = true
	}
	cs.Regions = keep(cs.Regions, drop["region"])
	cs.Observations = keep(cs.Observations, drop["observation"])
	cs.Facilities = keep(cs.Facilities, drop["facility"])
	cs.Grids = keep(cs.Grids, drop["grid"])
	cs.RemoveRegions = keep(cs.RemoveRegions, drop["removal"])
	cs.Checklist = keep(cs.Checklist, drop["checklist"])
	if drop["network"] != nil {
		cs.Networks = nil
	}
}

func keep[T any](rows []T, drop map[int]bool) []T {
	if len(drop) == 0 {
		return rows
	}
	out := make([]T, 0, len(rows)-len(drop))
	for i, r := range rows {
		if !drop[i] {
			out = append(out, r)
		}
	}
	return slices.Clip(out)
}
