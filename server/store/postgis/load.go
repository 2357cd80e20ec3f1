package postgis

import (
	"context"
	"fmt"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store/internal/rowscan"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// Load reads the whole dataset in one repeatable-read transaction, so that
// it sees the state before or after any concurrent Apply, never a mix.
// Records come in key order: regions and grids by code, observations by
// (indicator, region, period), facilities by id, batches by id.
func (s *Store) Load(ctx context.Context) (*analytics.Dataset, error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, fmt.Errorf("postgis: load: begin: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))

	// Text columns scanned into DriverBytes are the raw column bytes, which
	// are the UTF-8 text in either wire format.
	ds, err := rowscan.Load[pgtype.DriverBytes](loadSQL, timestamp, func(q string, each func(rowscan.Scanner) error) error {
		rows, err := tx.Query(ctx, q)
		if err != nil {
			return err
		}
		defer rows.Close()
		return rowscan.Each(rows, each)
	})
	if err != nil {
		return nil, fmt.Errorf("postgis: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("postgis: load: end: %w", err)
	}
	return ds, nil
}

// timestamp takes a batch time as pgx scans a timestamptz: it needs no
// conversion.
func timestamp(at time.Time) (time.Time, error) { return at, nil }
