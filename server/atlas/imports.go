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
}

// Import validates a file of the given kind against the current snapshot
// and, only if it is entirely valid and every row it writes lies inside the
// writer's region (see checkScope; region is empty for an unlimited
// writer), writes it as one batch and reloads. The file is read against the
// whole atlas, not the writer's view of it, so that a row aimed outside the
// region is refused as such (403 naming it) rather than as an unknown code.
func (a *Atlas) Import(ctx context.Context, kind, file string, data []byte, region string) (*ImportResult, error) {
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
	if res, ok, err := a.streamObservations(ctx, kind, file, bytes.NewReader(data), whole, region); ok {
		return res, err
	}
	cs, err := a.read(ctx, kind, file, data, whole)
	if err != nil {
		return nil, err
	}
	if err := checkScope(whole, region, cs); err != nil {
		return nil, err
	}
	return a.apply(ctx, cs)
}

func (a *Atlas) read(ctx context.Context, kind, file string, data []byte, idx importer.Index) (*store.Changeset, error) {
	switch kind {
	case importer.Boundaries:
		return importer.ReadBoundaries(file, data, idx)
	case importer.Observations:
		return importer.ReadObservations(file, data, a.catalogue, idx)
	case importer.Facilities:
		return importer.ReadFacilities(file, data, idx)
	case importer.Grids:
		return importer.ReadGrids(file, data, idx)
	case importer.OSM:
		return importer.ReadOSM(ctx, file, data)
	}
	return nil, fmt.Errorf("%w %q (one of %v)", ErrUnknownKind, kind, importer.Kinds)
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
	res := &ImportResult{Batch: batch, Kind: cs.Kind, Source: cs.Source, Counts: map[string]int{
		"regions": len(cs.Regions), "observations": len(cs.Observations),
		"facilities": len(cs.Facilities), "grids": len(cs.Grids), "networks": len(cs.Networks),
	}}
	for _, n := range cs.Networks {
		res.Networks = append(res.Networks, n.Summary())
	}
	return res, nil
}
