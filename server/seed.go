package server

import (
	"context"
	"fmt"
	"time"

	"github.com/community-atlas/atlas/server/importer"
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
	cs, err := importer.Seeds(a.catalogue)
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
