package realdata

import (
	"sync"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/seeds"
	"github.com/community-atlas/atlas/server/importer"
)

// seed is the seeds' catalogue and dataset, read once per test binary: the
// importers take a few seconds over them.
var seed = sync.OnceValues(func() (*seedData, error) {
	cat, err := analytics.ParseCatalogue(seeds.IndicatorsJSON)
	if err != nil {
		return nil, err
	}
	cs, err := importer.Seeds(cat)
	if err != nil {
		return nil, err
	}
	// The seed is the first batch a new store records.
	for i := range cs.Observations {
		cs.Observations[i].Batch = 1
	}
	d := &analytics.Dataset{Regions: cs.Regions, Observations: cs.Observations, Facilities: cs.Facilities, Grids: cs.Grids}
	return &seedData{cat: cat, d: d}, nil
})

type seedData struct {
	cat *analytics.Catalogue
	d   *analytics.Dataset
}

// snapshot returns a new snapshot (version 1) of the seeds. Each is a
// snapshot of its own, so the analytics' per-snapshot caches start empty;
// they share the seeds' records, which nothing changes.
func (sd *seedData) snapshot() *analytics.Snapshot {
	d := *sd.d
	return analytics.NewSnapshot(1, sd.cat, &d)
}

// seedSnapshot returns a new snapshot of the seeds, or fails tb.
func seedSnapshot(tb testing.TB) *analytics.Snapshot {
	tb.Helper()
	sd, err := seed()
	if err != nil {
		tb.Fatal(err)
	}
	return sd.snapshot()
}
