package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store/internal/rowscan"
)

// Load reads the whole dataset in one read transaction, so that it sees the
// state before or after any concurrent Apply, never a mix. Records come in
// key order: regions and grids by code, observations by (indicator, region,
// period), facilities by id, batches by id.
func (s *Store) Load(ctx context.Context) (*analytics.Dataset, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("sqlite: load: begin: %w", err)
	}
	// Read-only: rolling back only ends the snapshot.
	defer tx.Rollback()

	ds, err := rowscan.Load[sql.RawBytes](loadSQL, parseAt, func(q string, each func(rowscan.Scanner) error) error {
		rows, err := tx.QueryContext(ctx, q)
		if err != nil {
			return err
		}
		defer rows.Close()
		return rowscan.Each(rows, each)
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: load: end: %w", err)
	}
	return ds, nil
}

// parseAt reads a batch time as Apply stores it.
func parseAt(at string) (time.Time, error) {
	return time.Parse(timeLayout, at)
}
