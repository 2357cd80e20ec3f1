package server

import (
	"context"
	"fmt"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/seeds"
	"github.com/community-atlas/atlas/server/importer"
	"github.com/community-atlas/atlas/server/store"
)

// SeedIfEmpty writes the embedded Nantong seeds when the store has no
// regions yet.
func (a *Atlas) SeedIfEmpty(ctx context.Context) error {
	empty, err := a.store.Empty(ctx)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if !empty {
		return nil
	}
	_, err = a.Seed(ctx)
	return err
}

// Seed writes the embedded Nantong seeds as one batch (upserting whatever
// is there) and reloads.
func (a *Atlas) Seed(ctx context.Context) (*ImportResult, error) {
	a.writes.Lock()
	defer a.writes.Unlock()
	start := time.Now()
	cs, err := SeedChangeset(a.catalogue)
	if err != nil {
		return nil, err
	}
	res, err := a.apply(ctx, cs)
	if err != nil {
		return nil, fmt.Errorf("seed: %w", err)
	}
	a.log.Info("seeded with the Nantong data", "rows", cs.Rows(), "took", time.Since(start).Round(time.Millisecond))
	return res, nil
}

// SeedChangeset reads the embedded seed files through the importers, so the
// seeds pass exactly the validation an upload would, into one changeset.
func SeedChangeset(cat *analytics.Catalogue) (*store.Changeset, error) {
	read := func(name string) ([]byte, error) { return seeds.Files.ReadFile(name) }
	data, err := read(seeds.RegionsFile)
	if err != nil {
		return nil, err
	}
	cs, err := importer.ReadBoundaries(seeds.RegionsFile, data, emptyIndex{})
	if err != nil {
		return nil, err
	}
	cs.Kind, cs.Source = "seed", "seeds"
	idx := analytics.NewSnapshot(0, cat, &analytics.Dataset{Regions: append([]analytics.Region(nil), cs.Regions...)})
	steps := []struct {
		file string
		read func([]byte) (*store.Changeset, error)
	}{
		{seeds.FacilitiesFile, func(b []byte) (*store.Changeset, error) { return importer.ReadFacilities(seeds.FacilitiesFile, b, idx) }},
		{seeds.GridsFile, func(b []byte) (*store.Changeset, error) { return importer.ReadGrids(seeds.GridsFile, b, idx) }},
		{seeds.ObservationsFile, func(b []byte) (*store.Changeset, error) {
			return importer.ReadObservations(seeds.ObservationsFile, b, cat, idx)
		}},
	}
	for _, s := range steps {
		data, err := read(s.file)
		if err != nil {
			return nil, err
		}
		part, err := s.read(data)
		if err != nil {
			return nil, err
		}
		cs.Facilities = append(cs.Facilities, part.Facilities...)
		cs.Grids = append(cs.Grids, part.Grids...)
		cs.Observations = append(cs.Observations, part.Observations...)
	}
	return cs, nil
}
