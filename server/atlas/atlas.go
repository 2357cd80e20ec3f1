// Package atlas is the application service of Community Atlas: it owns the
// store (the system of record) and the immutable in-memory snapshot that
// every read uses, and carries out every write — imports, seeding, users,
// tokens and the audit log — under the caller's scope. It knows nothing of
// HTTP: the handlers in package server translate requests into its calls and
// its errors (ForbiddenError, ErrUnknownKind, importer.Error,
// store.ErrNotReady) into statuses.
package atlas

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/derive"
	"github.com/community-atlas/atlas/analytics/healthcov"
	"github.com/community-atlas/atlas/seeds"
	"github.com/community-atlas/atlas/server/store"
)

// Atlas ties the store to the snapshot the handlers read. Writes go to the
// store in one transaction, then a new snapshot is loaded and swapped in.
//
// The accounts (users, tokens, audit log) are not part of the snapshot: the
// embedded store.Accounts passes those calls to the store unchanged, and
// the methods in accounts.go add the checks that writes need.
type Atlas struct {
	store.Accounts
	store     store.Store
	catalogue *analytics.Catalogue
	log       *slog.Logger
	snapshot  atomic.Pointer[analytics.Snapshot]
	writes    sync.Mutex // one import at a time, so snapshots follow batches in order
	// restricted caches snapshots limited to a region, by version and
	// region, for users limited to one.
	restricted sync.Map
	// skipReloads: imports do not rebuild the snapshot (see SkipReloads).
	skipReloads atomic.Bool
	// deriver derives the computed indicators of every snapshot.
	deriver analytics.Deriver
}

// Option configures an Atlas.
type Option func(*Atlas)

// WithHealthOptions sets the health-circle options the derived
// health_circle_15min is computed with (default: healthcov's defaults),
// so that it agrees with the coverage API's default answer.
func WithHealthOptions(o healthcov.Options) Option {
	return func(a *Atlas) { a.deriver = derive.Deriver(o) }
}

// CatalogueEnv names the indicator catalogue to load instead of the
// embedded one of the 2013 Nantong notice: another city's indicators file
// in the JSON form of seeds/indicators.json, with its checklist of
// qualitative requirements in a checklist.json beside it (none if absent).
const CatalogueEnv = "ATLAS_CATALOGUE"

// LoadCatalogue parses the indicator catalogue and its checklist: the
// files CatalogueEnv names, else the embedded Nantong ones.
func LoadCatalogue() (*analytics.Catalogue, error) {
	return LoadCatalogueFrom(os.Getenv(CatalogueEnv))
}

// LoadCatalogueFrom parses the indicators file at path and the
// checklist.json beside it; an empty path is the embedded catalogue.
func LoadCatalogueFrom(path string) (*analytics.Catalogue, error) {
	indicators, checklist := seeds.IndicatorsJSON, seeds.ChecklistJSON
	if path != "" {
		var err error
		if indicators, err = os.ReadFile(path); err != nil {
			return nil, fmt.Errorf("catalogue (%s): %w", CatalogueEnv, err)
		}
		checklist, err = os.ReadFile(filepath.Join(filepath.Dir(path), "checklist.json"))
		if errors.Is(err, fs.ErrNotExist) {
			checklist = nil
		} else if err != nil {
			return nil, fmt.Errorf("catalogue (%s): %w", CatalogueEnv, err)
		}
	}
	cat, err := analytics.ParseCatalogue(indicators)
	if err != nil {
		return nil, fmt.Errorf("catalogue %s: %w", cmp.Or(path, "(embedded)"), err)
	}
	if checklist == nil {
		cat.Checklist = &analytics.Checklist{Source: cat.Source}
		return cat, nil
	}
	if cat.Checklist, err = analytics.ParseChecklist(checklist, cat); err != nil {
		return nil, fmt.Errorf("catalogue %s: %w", cmp.Or(path, "(embedded)"), err)
	}
	return cat, nil
}

// New loads the first snapshot from st, seeding it with the Nantong data
// first if it is empty and seed is true.
func New(ctx context.Context, st store.Store, log *slog.Logger, seed bool, opts ...Option) (*Atlas, error) {
	cat, err := LoadCatalogue()
	if err != nil {
		return nil, err
	}
	a := &Atlas{Accounts: st, store: st, catalogue: cat, log: log,
		deriver: derive.Deriver(healthcov.Options{Speeds: healthcov.DefaultSpeeds})}
	for _, o := range opts {
		o(a)
	}
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

// Ping checks that the store is reachable.
func (a *Atlas) Ping(ctx context.Context) error { return a.store.Ping(ctx) }

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
	s := analytics.NewSnapshot(version, a.catalogue, d).WithDeriver(a.deriver)
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

// Restricted returns s limited to the subtree of region code, built once
// per snapshot version and region.
func (a *Atlas) Restricted(s *analytics.Snapshot, code string) (*analytics.Snapshot, error) {
	key := fmt.Sprintf("%d %s", s.Version, code)
	if r, ok := a.restricted.Load(key); ok {
		return r.(*analytics.Snapshot), nil
	}
	r, err := s.Restrict(code)
	if err != nil {
		return nil, scopeGone(code)
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
