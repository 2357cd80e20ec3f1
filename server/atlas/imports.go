package atlas

import (
	"bytes"
	"context"
	"fmt"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/network"
	"github.com/community-atlas/atlas/server/importer"
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
}

// ImportWith validates a file of the given kind against the current
// snapshot and, only if it is entirely valid and every row it writes lies
// inside the writer's region (see checkScope; region is empty for an
// unlimited writer), writes it as one batch and reloads — or, for a dry
// run, answers what it would write. The file is read against the whole
// atlas, not the writer's view of it, so that a row aimed outside the
// region is refused as such (403 naming it) rather than as an unknown code.
func (a *Atlas) ImportWith(ctx context.Context, kind, file string, data []byte, region string, opts importer.Options) (*ImportResult, error) {
	a.writes.Lock()
	defer a.writes.Unlock()
	whole := a.Snapshot()
	if region != "" {
		if kind == importer.OSM {
			// A road network serves every region it crosses, not one subtree.
			return nil, Forbidden("your account is limited to region " + region +
				"; road networks are shared by every region: only a data manager without a region limit may import one")
		}
		if _, ok := whole.Region(region); !ok {
			return nil, scopeGone(region)
		}
	}
	if !opts.DryRun && importer.CanonicalCSV(data) {
		// The long CSV of the API and the command line streams into the
		// store row by row (see streamObservations).
		if res, ok, err := a.streamObservations(ctx, kind, file, bytes.NewReader(data), whole, region); ok {
			return res, err
		}
	}
	cs, rep, err := a.read(ctx, kind, file, data, whole, opts)
	if err != nil {
		return nil, err
	}
	if err := checkScope(whole, region, cs); err != nil {
		return nil, err
	}
	if opts.DryRun {
		return &ImportResult{Kind: cs.Kind, Source: cs.Source, Counts: counts(cs), DryRun: true, Report: rep}, nil
	}
	res, err := a.apply(ctx, cs)
	if err != nil {
		return nil, err
	}
	res.Report = rep
	return res, nil
}

func (a *Atlas) read(ctx context.Context, kind, file string, data []byte, idx importer.Index, opts importer.Options) (*store.Changeset, *importer.Report, error) {
	var cs *store.Changeset
	var err error
	switch kind {
	case importer.Boundaries:
		return importer.ReadBoundariesWith(ctx, file, data, idx, opts)
	case importer.Observations:
		return importer.ReadObservationsWith(file, data, a.catalogue, idx, opts)
	case importer.Facilities:
		return importer.ReadFacilitiesWith(ctx, file, data, idx, opts)
	case importer.Grids:
		return importer.ReadGridsWith(ctx, file, data, idx, opts)
	case importer.OSM:
		cs, err = importer.ReadOSM(ctx, file, data)
	case importer.Targets:
		return importer.ReadTargets(file, data, a.catalogue, idx, opts)
	default:
		err = fmt.Errorf("%w %q (one of %v)", ErrUnknownKind, kind, importer.Kinds)
	}
	return cs, nil, err
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
	return res, nil
}

// counts are the records of a changeset, by kind.
func counts(cs *store.Changeset) map[string]int {
	return map[string]int{
		"regions": len(cs.Regions), "observations": len(cs.Observations),
		"facilities": len(cs.Facilities), "grids": len(cs.Grids), "networks": len(cs.Networks),
		"targets": len(cs.Targets),
	}
}
