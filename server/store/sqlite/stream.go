package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/internal/ctxerr"
)

var _ store.ObservationStreamer = (*Store)(nil)

// A streamed batch is held in Go as 24-byte rows (obsRows), sorted, and
// written by one INSERT … SELECT from a virtual table over them
// (obsvtab.go).
const (
	dropObservationsVtab = `DROP TABLE temp.observations_in`
	mergeObservationsSQL = `
INSERT INTO observations (indicator, region, period, value, batch)
SELECT indicator, region, period, value, $1 FROM temp.observations_in
WHERE true
ON CONFLICT (indicator, region, period) DO UPDATE SET
    value = excluded.value, batch = excluded.batch`
	// refusedObservationsSQL finds the rows the schema refuses, to name
	// the first: the checks and foreign key of the observations table.
	refusedObservationsSQL = `
SELECT rowid FROM temp.observations_in i
WHERE indicator = '' OR NOT EXISTS (SELECT 1 FROM regions r WHERE r.code = i.region)`
)

// errTooLarge is a batch that compact rows cannot hold.
var errTooLarge = errors.New("sqlite: stream: more than 65,536 indicators or 4 billion rows, or a period beyond ±32,767")

// StreamObservations keeps what src puts as compact rows, then writes them
// as one batch inside one transaction, in key order.
func (s *Store) StreamObservations(ctx context.Context, info store.BatchInfo, src store.ObservationSource) (analytics.Batch, error) {
	rows, n := newObsRows(), 0
	err := src(func(o analytics.Observation) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		n++
		if !rows.add(o) {
			return errTooLarge
		}
		return nil
	})
	if err != nil {
		return analytics.Batch{}, ctxerr.Ended(ctx, err)
	}
	rows.sort()
	return s.writeRows(ctx, analytics.Batch{Kind: info.Kind, Source: info.Source, User: info.User, Rows: n,
		Report: info.ReportOf(n), At: time.Now().UTC().Truncate(time.Microsecond)}, rows)
}

// writeRows writes sorted rows as batch b in one transaction.
func (s *Store) writeRows(ctx context.Context, b analytics.Batch, rows *obsRows) (analytics.Batch, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: stream: begin: %w", err)
	}
	defer tx.Rollback()
	if err := insertBatch(ctx, tx, &b); err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: stream: batch: %w", ctxerr.Ended(ctx, err))
	}
	stream, done := publish(rows)
	defer done()
	create := `CREATE VIRTUAL TABLE temp.observations_in USING ` + obsModuleName + `(` + strconv.FormatInt(stream, 10) + `)`
	if _, err := tx.ExecContext(ctx, create); err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: stream: %w", ctxerr.Ended(ctx, err))
	}
	if err := captureStreamed(ctx, tx, b.ID); err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: stream: %w", ctxerr.Ended(ctx, err))
	}
	if err := mergeStreamed(ctx, tx, b.ID, rows); err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: %w", ctxerr.Ended(ctx, err))
	}
	if err := tx.Commit(); err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: stream: commit: %w", ctxerr.Ended(ctx, err))
	}
	return b, nil
}

// mergeStreamed upserts the rows into observations and drops the virtual
// table; a refusal names the first row refused, in the order put.
func mergeStreamed(ctx context.Context, tx *sql.Tx, batch int64, rows *obsRows) error {
	_, err := tx.ExecContext(ctx, mergeObservationsSQL, batch)
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		if r, ok := firstRefused(ctx, tx, rows); ok {
			return &store.RecordError{Type: "observation", Err: err, Key: store.ObservationKey(
				rows.indicators[r.indicator], rows.regions[r.region], int(r.period))}
		}
		return fmt.Errorf("write observations: %w", err)
	}
	if _, err := tx.ExecContext(ctx, dropObservationsVtab); err != nil {
		return fmt.Errorf("write observations: %w", err)
	}
	return nil
}

// firstRefused is the refused row put first.
func firstRefused(ctx context.Context, tx *sql.Tx, rows *obsRows) (obsRow, bool) {
	q, err := tx.QueryContext(ctx, refusedObservationsSQL)
	if err != nil {
		return obsRow{}, false
	}
	defer q.Close()
	var first obsRow
	found := false
	for q.Next() {
		var i int
		if q.Scan(&i) != nil {
			return obsRow{}, false
		}
		if r := rows.rows[i]; !found || r.seq < first.seq {
			first, found = r, true
		}
	}
	return first, found && q.Err() == nil
}
