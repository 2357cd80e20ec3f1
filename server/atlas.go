package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/network"
	"github.com/community-atlas/atlas/seeds"
	"github.com/community-atlas/atlas/server/importer"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/postgis"
	"github.com/community-atlas/atlas/server/store/sqlite"
)

// Atlas ties the store to the snapshot the handlers read. Writes go to the
// store in one transaction, then a new snapshot is loaded and swapped in.
type Atlas struct {
	store     store.Store
	catalogue *analytics.Catalogue
	log       *slog.Logger
	snapshot  atomic.Pointer[analytics.Snapshot]
	writes    sync.Mutex // one import at a time, so snapshots follow batches in order
	// restricted caches snapshots limited to a region, by version and
	// region, for users limited to one.
	restricted sync.Map
}

// OpenStore opens the store the configuration names: PostgreSQL when a
// database URL is set, else the embedded SQLite file.
func OpenStore(ctx context.Context, cfg Config) (store.Store, error) {
	if cfg.DatabaseURL != "" {
		return postgis.Open(ctx, cfg.DatabaseURL)
	}
	if err := cfg.EnsureDataDir(); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	return sqlite.Open(ctx, cfg.SQLitePath())
}

// LoadCatalogue parses the embedded indicator catalogue.
func LoadCatalogue() (*analytics.Catalogue, error) {
	return analytics.ParseCatalogue(seeds.IndicatorsJSON)
}

// NewAtlas loads the first snapshot from st, seeding it with the Nantong
// data first if it is empty and seed is true.
func NewAtlas(ctx context.Context, st store.Store, log *slog.Logger, seed bool) (*Atlas, error) {
	cat, err := LoadCatalogue()
	if err != nil {
		return nil, err
	}
	a := &Atlas{store: st, catalogue: cat, log: log}
	if seed {
		if err := a.SeedIfEmpty(ctx); err != nil {
			return nil, err
		}
	}
	if a.Snapshot() == nil { // seeding loads one already
		if err := a.Reload(ctx); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// Snapshot is the current snapshot.
func (a *Atlas) Snapshot() *analytics.Snapshot { return a.snapshot.Load() }

// Catalogue is the indicator catalogue.
func (a *Atlas) Catalogue() *analytics.Catalogue { return a.catalogue }

// Store is the system of record.
func (a *Atlas) Store() store.Store { return a.store }

// Reload builds a snapshot from the store and swaps it in. Its version is
// the id of the last batch, so every process on one database agrees on it.
func (a *Atlas) Reload(ctx context.Context) error {
	start := time.Now()
	d, err := a.store.Load(ctx)
	if err != nil {
		return fmt.Errorf("load snapshot: %w", err)
	}
	var version int64
	if n := len(d.Batches); n > 0 {
		version = d.Batches[n-1].ID
	}
	s := analytics.NewSnapshot(version, a.catalogue, d)
	// Reloads may overlap (an import here, a notification from another
	// process): never replace a newer snapshot with an older one.
	for {
		cur := a.snapshot.Load()
		if cur != nil && cur.Version > s.Version {
			return nil
		}
		if a.snapshot.CompareAndSwap(cur, s) {
			break
		}
	}
	a.restricted.Clear()
	a.log.Info("snapshot loaded", "version", version, "regions", len(s.Regions()),
		"facilities", len(s.Facilities()), "grids", len(s.Grids()), "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// ImportResult reports a written batch.
type ImportResult struct {
	Batch  analytics.Batch `json:"batch"`
	Kind   string          `json:"kind"`
	Source string          `json:"source"`
	Counts map[string]int  `json:"counts"`
	// Networks describes the road networks written (OSM imports).
	Networks []network.Summary `json:"networks,omitempty"`
}

// ErrUnknownKind is returned for an import kind that does not exist.
var ErrUnknownKind = errors.New("unknown import kind")

// Import validates a file of the given kind against the current snapshot
// — or, for a user limited to a region, against that region's restricted
// snapshot, so nothing outside it can be touched — and, only if it is
// entirely valid, writes it as one batch and reloads.
func (a *Atlas) Import(ctx context.Context, kind, file string, data []byte, scope *analytics.Snapshot) (*ImportResult, error) {
	a.writes.Lock()
	defer a.writes.Unlock()
	idx := a.Snapshot()
	if scope != nil && scope.Scope != "" && kind == importer.OSM {
		// A road network serves every region it crosses, not one subtree.
		return nil, &errForbidden{msg: "road networks are shared by every region: only a data manager without a region limit may import one"}
	}
	if scope != nil && scope.Scope != "" {
		r, err := a.Restricted(idx, scope.Scope)
		if err != nil {
			return nil, err
		}
		idx = r
	}
	return a.importInto(ctx, kind, file, data, idx)
}

func (a *Atlas) importInto(ctx context.Context, kind, file string, data []byte, idx importer.Index) (*ImportResult, error) {
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

// errScopeGone: a user is limited to a region that no longer exists.
type errScopeGone struct{ code string }

func (e *errScopeGone) Error() string {
	return fmt.Sprintf("your account is limited to region %s, which does not exist; ask an admin", e.code)
}

// Restricted returns s limited to the subtree of region code, built once
// per snapshot version and region.
func (a *Atlas) Restricted(s *analytics.Snapshot, code string) (*analytics.Snapshot, error) {
	key := fmt.Sprintf("%d %s", s.Version, code)
	if r, ok := a.restricted.Load(key); ok {
		return r.(*analytics.Snapshot), nil
	}
	r, err := s.Restrict(code)
	if err != nil {
		return nil, &errForbidden{msg: (&errScopeGone{code}).Error()}
	}
	v, _ := a.restricted.LoadOrStore(key, r)
	return v.(*analytics.Snapshot), nil
}

// Watch reloads whenever another process on the same database writes a
// batch, until ctx ends. Stores that cannot announce writes (SQLite, which
// one process owns) make it return at once.
func (a *Atlas) Watch(ctx context.Context) {
	w, ok := a.store.(store.Watcher)
	if !ok {
		return
	}
	w.Watch(ctx, func(batch int64) {
		if batch != 0 && batch <= a.Snapshot().Version {
			return // this process's own write, already loaded
		}
		if err := a.Reload(ctx); err != nil && ctx.Err() == nil {
			a.log.Warn("reload after another process's write failed", "batch", batch, "err", err)
		}
	})
}
