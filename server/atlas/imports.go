package atlas

import (
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
// — or, for a user limited to a region (region is not empty), against that
// region's restricted snapshot, so nothing outside it can be touched — and,
// only if it is entirely valid, writes it as one batch and reloads.
func (a *Atlas) Import(ctx context.Context, kind, file string, data []byte, region string) (*ImportResult, error) {
	a.writes.Lock()
	defer a.writes.Unlock()
	var idx importer.Index = a.Snapshot()
	if region != "" && kind == importer.OSM {
		// A road network serves every region it crosses, not one subtree.
		return nil, Forbidden("road networks are shared by every region: only a data manager without a region limit may import one")
	}
	if region != "" {
		r, err := a.Restricted(a.Snapshot(), region)
		if err != nil {
			return nil, err
		}
		idx = r
	}
	cs, err := a.read(ctx, kind, file, data, idx)
	if err != nil {
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
	if err := a.Reload(ctx); err != nil {
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
