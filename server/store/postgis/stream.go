package postgis

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/internal/ctxerr"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

var _ store.ObservationStreamer = (*Store)(nil)

// copyChunk is how many observations one COPY sends: enough that round
// trips cost nothing, few enough that the buffer stays small.
const copyChunk = 10_000

const (
	setBatchRowsSQL = `UPDATE batches SET rows = $1, report = $2 WHERE id = $3`
	// mergeLastObservationsSQL is mergeObservationsSQL for a temporary table
	// that repeats keys: the last row COPY wrote of each key wins, as in
	// Apply. A fresh temporary table that is only appended to keeps rows in
	// the order written, so ctid orders them.
	mergeLastObservationsSQL = `
INSERT INTO observations (indicator, region, period, value, batch)
SELECT DISTINCT ON (indicator, region, period) indicator, region, period, value, $1
FROM observations_in ORDER BY indicator, region, period, ctid DESC` + onObservationConflict
	// refusedObservationSQL finds the first row the schema refuses, to
	// name it: the checks and foreign key of the observations table.
	refusedObservationSQL = `
SELECT indicator, region, period FROM observations_in i
WHERE indicator = '' OR NOT EXISTS (SELECT 1 FROM regions r WHERE r.code = i.region)
ORDER BY ctid LIMIT 1`
)

// StreamObservations copies what src puts into a temporary table, a chunk
// at a time, then merges it into observations in one statement, all in one
// transaction.
func (s *Store) StreamObservations(ctx context.Context, info store.BatchInfo, src store.ObservationSource) (analytics.Batch, error) {
	b := analytics.Batch{Kind: info.Kind, Source: info.Source, User: info.User, At: time.Now().UTC().Truncate(time.Microsecond)}
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{})
	if err != nil {
		return analytics.Batch{}, fmt.Errorf("postgis: stream: begin: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if err := insertBatch(ctx, tx, &b); err != nil {
		return analytics.Batch{}, fmt.Errorf("postgis: stream: batch: %w", ctxerr.Ended(ctx, err))
	}
	if _, err := tx.Exec(ctx, createObservationsSQL); err != nil {
		return analytics.Batch{}, fmt.Errorf("postgis: stream: %w", ctxerr.Ended(ctx, err))
	}
	c := &copier{ctx: ctx, tx: tx, rows: make([][]any, 0, copyChunk)}
	if err := src(c.put); err != nil {
		return analytics.Batch{}, ctxerr.Ended(ctx, err)
	}
	if err := c.flush(); err != nil {
		return analytics.Batch{}, fmt.Errorf("postgis: stream: copy: %w", ctxerr.Ended(ctx, err))
	}
	if err := captureStreamed(ctx, tx, b.ID); err != nil {
		return analytics.Batch{}, fmt.Errorf("postgis: stream: %w", ctxerr.Ended(ctx, err))
	}
	if err := mergeStreamed(ctx, tx, b.ID); err != nil {
		return analytics.Batch{}, fmt.Errorf("postgis: %w", ctxerr.Ended(ctx, err))
	}
	b.Rows, b.Report = c.n, info.ReportOf(c.n)
	if _, err := tx.Exec(ctx, setBatchRowsSQL, b.Rows, reportText(b.Report), b.ID); err != nil {
		return analytics.Batch{}, fmt.Errorf("postgis: stream: batch rows: %w", ctxerr.Ended(ctx, err))
	}
	if err := commitBatch(ctx, tx, b.ID); err != nil {
		return analytics.Batch{}, fmt.Errorf("postgis: stream: %w", err)
	}
	return b, nil
}

// copier buffers rows and COPYs them copyChunk at a time.
type copier struct {
	ctx  context.Context
	tx   pgx.Tx
	rows [][]any
	n    int
}

func (c *copier) put(o analytics.Observation) error {
	if err := c.ctx.Err(); err != nil {
		return err
	}
	c.n++
	c.rows = append(c.rows, []any{o.Indicator, o.Region, o.Period, o.Value})
	if len(c.rows) < copyChunk {
		return nil
	}
	return c.flush()
}

func (c *copier) flush() error {
	if len(c.rows) == 0 {
		return nil
	}
	_, err := c.tx.CopyFrom(c.ctx, pgx.Identifier{observationsTemp}, observationTable.columns, pgx.CopyFromRows(c.rows))
	c.rows = c.rows[:0]
	return err
}

// mergeStreamed upserts the temporary table into observations. The plain
// merge is tried first, inside a savepoint; only when keys repeat is the
// slower one that keeps the last of each run. A refusal names a row.
func mergeStreamed(ctx context.Context, tx pgx.Tx, batch int64) error {
	err := inSavepoint(ctx, tx, mergeObservationsSQL, batch)
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "21000" { // ON CONFLICT met a key twice
		err = inSavepoint(ctx, tx, mergeLastObservationsSQL, batch)
	}
	if err == nil || ctx.Err() != nil {
		return err
	}
	var ind, reg string
	var period int
	if qerr := tx.QueryRow(ctx, refusedObservationSQL).Scan(&ind, &reg, &period); qerr != nil {
		return fmt.Errorf("write observations: %w", err)
	}
	return &store.RecordError{Type: "observation", Key: store.ObservationKey(ind, reg, period), Err: err}
}

// inSavepoint runs one statement inside a savepoint, so that a refusal
// leaves tx usable.
func inSavepoint(ctx context.Context, tx pgx.Tx, sql string, args ...any) error {
	sp, err := tx.Begin(ctx)
	if err != nil {
		return fmt.Errorf("savepoint: %w", err)
	}
	if _, err := sp.Exec(ctx, sql, args...); err != nil {
		sp.Rollback(ctx)
		return err
	}
	return sp.Commit(ctx)
}
