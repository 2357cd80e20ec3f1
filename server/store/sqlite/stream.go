package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/internal/ctxerr"
)

var _ store.ObservationStreamer = (*Store)(nil)

// streamChunk is how many observations one INSERT statement writes: one
// statement per row spends most of an import in the driver, while 4 × 200
// parameters stay far below SQLite's limit.
const streamChunk = 200

// The rows go to a temporary table without constraints first and into
// observations in one statement at the end, in key order. Upserting chunk
// by chunk made SQLite journal, for every statement, each page the earlier
// statements had written (a statement that may fail half-way must be able
// to undo itself), which was most of an import's time.
const (
	setBatchRowsSQL        = `UPDATE batches SET rows = $1 WHERE id = $2`
	createObservationsTemp = `CREATE TEMP TABLE observations_in (indicator TEXT, region TEXT, period INTEGER, value REAL)`
	dropObservationsTemp   = `DROP TABLE temp.observations_in`
	insertObservationsTemp = `INSERT INTO temp.observations_in (indicator, region, period, value) VALUES `
	// Region order makes the inserts into the region index sequential and
	// those into the table one sequential run per indicator, so the small
	// page cache holds what they touch (file order, by year, made a page
	// read for most rows); rowid keeps the last row of a repeated key
	// last, so it wins.
	mergeObservationsSQL = `
INSERT INTO observations (indicator, region, period, value, batch)
SELECT indicator, region, period, value, $1 FROM temp.observations_in
WHERE true ORDER BY region, indicator, period, rowid
ON CONFLICT (indicator, region, period) DO UPDATE SET
    value = excluded.value, batch = excluded.batch`
	// refusedObservationSQL finds the first row the schema refuses, to
	// name it: the checks and foreign key of the observations table.
	refusedObservationSQL = `
SELECT indicator, region, period FROM temp.observations_in i
WHERE indicator = '' OR NOT EXISTS (SELECT 1 FROM regions r WHERE r.code = i.region)
ORDER BY rowid LIMIT 1`
)

// StreamObservations writes what src puts as one batch, in chunks of
// streamChunk rows per statement, inside one transaction.
func (s *Store) StreamObservations(ctx context.Context, kind, source string, src store.ObservationSource) (analytics.Batch, error) {
	b := analytics.Batch{Kind: kind, Source: source, At: time.Now().UTC().Truncate(time.Microsecond)}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: stream: begin: %w", err)
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, insertBatchSQL, b.Kind, b.Source, 0, b.At.Format(timeLayout)).Scan(&b.ID); err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: stream: batch: %w", ctxerr.Ended(ctx, err))
	}
	if _, err := tx.ExecContext(ctx, createObservationsTemp); err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: stream: %w", ctxerr.Ended(ctx, err))
	}
	w, err := newChunkWriter(ctx, tx)
	if err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: stream: %w", err)
	}
	defer w.close()
	if err := src(w.put); err != nil {
		return analytics.Batch{}, ctxerr.Ended(ctx, err)
	}
	if err := w.flush(); err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: stream: %w", ctxerr.Ended(ctx, err))
	}
	if err := captureStreamed(ctx, tx, b.ID); err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: stream: %w", ctxerr.Ended(ctx, err))
	}
	if err := mergeStreamed(ctx, tx, b.ID); err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: %w", ctxerr.Ended(ctx, err))
	}
	b.Rows = w.rows
	if _, err := tx.ExecContext(ctx, setBatchRowsSQL, b.Rows, b.ID); err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: stream: batch rows: %w", ctxerr.Ended(ctx, err))
	}
	if err := tx.Commit(); err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: stream: commit: %w", ctxerr.Ended(ctx, err))
	}
	return b, nil
}

// mergeStreamed upserts the temporary table into observations and drops
// it; a refusal names the first row refused.
func mergeStreamed(ctx context.Context, tx *sql.Tx, batch int64) error {
	_, err := tx.ExecContext(ctx, mergeObservationsSQL, batch)
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		var ind, reg string
		var period int
		if qerr := tx.QueryRowContext(ctx, refusedObservationSQL).Scan(&ind, &reg, &period); qerr != nil {
			return fmt.Errorf("write observations: %w", err)
		}
		return &store.RecordError{Type: "observation", Key: store.ObservationKey(ind, reg, period), Err: err}
	}
	if _, err := tx.ExecContext(ctx, dropObservationsTemp); err != nil {
		return fmt.Errorf("write observations: %w", err)
	}
	return nil
}

// chunkWriter buffers observations and writes them to the temporary
// table streamChunk at a time.
type chunkWriter struct {
	ctx   context.Context
	tx    *sql.Tx
	chunk *sql.Stmt // writes a full chunk
	buf   []analytics.Observation
	args  []any
	rows  int
}

func newChunkWriter(ctx context.Context, tx *sql.Tx) (*chunkWriter, error) {
	w := &chunkWriter{ctx: ctx, tx: tx,
		buf: make([]analytics.Observation, 0, streamChunk), args: make([]any, 0, 4*streamChunk)}
	var err error
	if w.chunk, err = tx.PrepareContext(ctx, chunkSQL(streamChunk)); err != nil {
		return nil, fmt.Errorf("prepare observation chunk: %w", err)
	}
	return w, nil
}

func (w *chunkWriter) close() { w.chunk.Close() }

func (w *chunkWriter) put(o analytics.Observation) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	w.rows++
	w.buf = append(w.buf, o)
	if len(w.buf) < streamChunk {
		return nil
	}
	return w.flush()
}

// flush writes the buffered rows: a full chunk with the prepared
// statement, the last partial one with a statement of its own.
func (w *chunkWriter) flush() error {
	if len(w.buf) == 0 {
		return nil
	}
	w.args = w.args[:0]
	for _, o := range w.buf {
		w.args = append(w.args, o.Indicator, o.Region, int64(o.Period), o.Value)
	}
	var err error
	if len(w.buf) == streamChunk {
		_, err = w.chunk.ExecContext(w.ctx, w.args...)
	} else {
		_, err = w.tx.ExecContext(w.ctx, chunkSQL(len(w.buf)), w.args...)
	}
	w.buf = w.buf[:0]
	return err
}

// chunkSQL inserts n rows into the temporary table.
func chunkSQL(n int) string {
	var b strings.Builder
	b.WriteString(insertObservationsTemp)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?)")
	}
	return b.String()
}
