package atlas

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/network"
	"github.com/community-atlas/atlas/server/importer"
	"github.com/community-atlas/atlas/server/msg"
	"github.com/community-atlas/atlas/server/store"
)

// ImportResult reports a written batch.
type ImportResult struct {
	Batch  analytics.Batch `json:"batch"`
	Kind   string          `json:"kind"`
	Source string          `json:"source"`
	Counts map[string]int  `json:"counts"`
	// Networks describes the road networks written (OSM imports).
	Networks []network.Summary `json:"networks,omitempty"`
	// DryRun is set when nothing was written: the answer says what would be.
	DryRun bool `json:"dry_run,omitempty"`
	// Report is what the import understood of the file (format, CRS,
	// columns) and what it changes, where the kind's reader reports it.
	Report *importer.Report `json:"report,omitempty"`
	// Skipped are the rows left out as outside the writer's region (see
	// ImportInScope).
	Skipped []Outside `json:"skipped,omitempty"`
	// Published says that the observations written are published at once:
	// an import goes round no yearly round's review, so every reader —
	// leaders included — sees its values from now on.
	Published bool `json:"published,omitempty"`
}

// published marks a written batch with observations as published.
func (r *ImportResult) published() *ImportResult {
	r.Published = !r.DryRun && r.Counts["observations"] > 0
	return r
}

// Writer is who writes an import: the user recorded with the batch (empty
// for the command line) and the region their account is limited to
// (empty for an unlimited writer).
type Writer struct {
	User, Region string
}

// ImportWith validates a file of the given kind against the current
// snapshot and, only if it is entirely valid and every row it writes or
// removes lies inside the writer's region (see checkScope), writes it as
// one batch, with the writer's name and the import's report, and reloads —
// or, for a dry run, answers what it would write. The file is read against
// the whole atlas, not the writer's view of it, so that a row aimed outside
// the region is refused as such (403 naming it) rather than as an unknown
// code.
func (a *Atlas) ImportWith(ctx context.Context, kind, file string, data []byte, w Writer, opts importer.Options) (*ImportResult, error) {
	a.writes.Lock()
	defer a.writes.Unlock()
	whole := a.Snapshot()
	if err := scopeUsable(whole, kind, w.Region); err != nil {
		return nil, err
	}
	if kind == importer.OSM {
		return a.importOSM(ctx, file, bytes.NewReader(data), int64(len(data)), whole, w, opts)
	}
	if !opts.DryRun {
		// Observation files, CSV or workbook, stream into the store row by
		// row (see streamObservations).
		read := func(put func(analytics.Observation) error) (*importer.Report, error) {
			return importer.StreamObservationsWith(file, data, a.catalogue, whole, opts, put)
		}
		if res, ok, err := a.streamObservations(ctx, kind, file, read, whole, w); ok {
			return res, err
		}
	}
	return a.importRead(ctx, whole, w, opts, func() (*store.Changeset, *importer.Report, error) {
		return a.read(ctx, kind, file, data, whole, opts)
	})
}

// planReplace adds to a replacing boundary import the regions the file
// drops (see importer.PlanReplace).
func planReplace(whole *analytics.Snapshot, opts importer.Options, cs *store.Changeset, rep *importer.Report) error {
	if !opts.Replace {
		return nil
	}
	return importer.PlanReplace(cs, rep, whole)
}

// importRead writes what read reads, as ImportWith describes; the caller
// holds a.writes.
func (a *Atlas) importRead(ctx context.Context, whole *analytics.Snapshot, w Writer, opts importer.Options,
	read func() (*store.Changeset, *importer.Report, error)) (*ImportResult, error) {
	cs, rep, err := read()
	if err != nil {
		return nil, err
	}
	if err := planReplace(whole, opts, cs, rep); err != nil {
		return nil, err
	}
	if err := checkScope(whole, w.Region, cs); err != nil {
		return nil, err
	}
	return a.write(ctx, cs, rep, w, opts)
}

// importOSM imports an OpenStreetMap extract read from r, which it reads
// twice (see importer.ReadOSM). The caller holds a.writes; the network is
// clipped to the regions of whole.
func (a *Atlas) importOSM(ctx context.Context, file string, r io.ReaderAt, size int64, whole importer.Index, w Writer, opts importer.Options) (*ImportResult, error) {
	cs, rep, err := importer.ReadOSM(ctx, file, r, size, whole, opts)
	if err != nil {
		return nil, err
	}
	return a.write(ctx, cs, rep, w, opts)
}

// write writes a checked changeset as one batch, with its writer and
// report, or for a dry run answers what it would write.
func (a *Atlas) write(ctx context.Context, cs *store.Changeset, rep *importer.Report, w Writer, opts importer.Options) (*ImportResult, error) {
	if opts.DryRun {
		return &ImportResult{Kind: cs.Kind, Source: cs.Source, Counts: counts(cs), DryRun: true, Report: rep}, nil
	}
	cs.User = w.User
	if rep != nil {
		var err error
		if cs.Report, err = json.Marshal(rep); err != nil {
			return nil, fmt.Errorf("import report: %w", err)
		}
	}
	res, err := a.apply(ctx, cs)
	if err != nil {
		return nil, err
	}
	res.Report = rep
	return res, nil
}

// scopeUsable refuses what a user limited to region can never import: a
// road network, or anything once the region itself is gone.
func scopeUsable(whole *analytics.Snapshot, kind, region string) error {
	if region == "" {
		return nil
	}
	if kind == importer.OSM {
		// A road network serves every region it crosses, not one subtree.
		return Forbidden("your account is limited to region %s; road networks are shared by every region: only a data manager without a region limit may import one", region)
	}
	if _, ok := whole.Region(region); !ok {
		return scopeGone(region)
	}
	return nil
}

func (a *Atlas) read(ctx context.Context, kind, file string, data []byte, idx importer.Index, opts importer.Options) (*store.Changeset, *importer.Report, error) {
	switch kind {
	case importer.Boundaries:
		return importer.ReadBoundariesWith(ctx, file, data, idx, opts)
	case importer.Observations:
		return importer.ReadObservationsWith(file, data, a.catalogue, idx, opts)
	case importer.Facilities:
		return importer.ReadFacilitiesWith(ctx, file, data, idx, opts)
	case importer.Grids:
		return importer.ReadGridsWith(ctx, file, data, idx, opts)
	case importer.Targets:
		return importer.ReadTargets(file, data, a.catalogue, idx, opts)
	}
	return nil, nil, msg.Errorf("%w %q (one of %v)", ErrUnknownKind, kind, importer.Kinds)
}

func (a *Atlas) apply(ctx context.Context, cs *store.Changeset) (*ImportResult, error) {
	a.log.Info("writing batch", "kind", cs.Kind, "source", cs.Source, "rows", cs.Rows())
	batch, err := a.store.Apply(ctx, cs)
	if err != nil {
		return nil, err
	}
	a.log.Info("batch written", "batch", batch.ID, "kind", cs.Kind, "source", cs.Source, "rows", batch.Rows)
	if err := a.reloadAfterImport(ctx); err != nil {
		return nil, err
	}
	res := &ImportResult{Batch: batch, Kind: cs.Kind, Source: cs.Source, Counts: counts(cs)}
	for _, n := range cs.Networks {
		res.Networks = append(res.Networks, n.Summary())
	}
	return res.published(), nil
}

// counts are the records of a changeset, by kind.
func counts(cs *store.Changeset) map[string]int {
	return map[string]int{
		"regions": len(cs.Regions), "observations": len(cs.Observations),
		"facilities": len(cs.Facilities), "grids": len(cs.Grids), "networks": len(cs.Networks),
		"removed_regions": len(cs.RemoveRegions),
		"targets":         len(cs.Targets),
	}
}
