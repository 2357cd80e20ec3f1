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
// statement per row spends most of an import in the driver, while 5 × 200
// parameters stay far below SQLite's limit.
const streamChunk = 200

// setBatchRowsSQL records a streamed batch's row count, known at its end.
const setBatchRowsSQL = `UPDATE batches SET rows = $1 WHERE id = $2`

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
	w, err := newChunkWriter(ctx, tx, b.ID)
	if err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: stream: %w", err)
	}
	defer w.close()
	if err := src(w.put); err != nil {
		return analytics.Batch{}, ctxerr.Ended(ctx, err)
	}
	if err := w.flush(); err != nil {
		return analytics.Batch{}, ctxerr.Ended(ctx, err)
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

// chunkWriter buffers observations and writes them streamChunk at a time.
type chunkWriter struct {
	ctx   context.Context
	tx    *sql.Tx
	batch int64
	chunk *sql.Stmt // writes a full chunk
	one   *sql.Stmt // writes one row: the remainder, and the diagnosis
	buf   []analytics.Observation
	args  []any
	rows  int
}

func newChunkWriter(ctx context.Context, tx *sql.Tx, batch int64) (*chunkWriter, error) {
	w := &chunkWriter{ctx: ctx, tx: tx, batch: batch,
		buf: make([]analytics.Observation, 0, streamChunk), args: make([]any, 0, 5*streamChunk)}
	var err error
	if w.chunk, err = tx.PrepareContext(ctx, observationChunkSQL(streamChunk)); err != nil {
		return nil, fmt.Errorf("prepare observation chunk: %w", err)
	}
	if w.one, err = tx.PrepareContext(ctx, upsertObservationSQL); err != nil {
		w.chunk.Close()
		return nil, fmt.Errorf("prepare observation upsert: %w", err)
	}
	return w, nil
}

func (w *chunkWriter) close() {
	w.chunk.Close()
	w.one.Close()
}

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

// flush writes the buffered rows: a full chunk in one statement, a partial
// one row by row. When the chunk statement is refused, its rows are
// replayed one by one (SQLite undid only that statement) to name the row.
func (w *chunkWriter) flush() error {
	defer func() { w.buf = w.buf[:0] }()
	if len(w.buf) == streamChunk {
		w.args = w.args[:0]
		for _, o := range w.buf {
			w.args = append(w.args, o.Indicator, o.Region, int64(o.Period), o.Value, w.batch)
		}
		if _, err := w.chunk.ExecContext(w.ctx, w.args...); err == nil || w.ctx.Err() != nil {
			return err
		}
	}
	for _, o := range w.buf {
		if _, err := w.one.ExecContext(w.ctx, o.Indicator, o.Region, int64(o.Period), o.Value, w.batch); err != nil {
			return &store.RecordError{Type: "observation", Key: store.ObservationKey(o.Indicator, o.Region, o.Period), Err: err}
		}
	}
	return nil
}

// observationChunkSQL is upsertObservationSQL for n rows.
func observationChunkSQL(n int) string {
	head, conflict, _ := strings.Cut(upsertObservationSQL, "VALUES ($1, $2, $3, $4, $5)")
	var b strings.Builder
	b.WriteString(head)
	b.WriteString("VALUES ")
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?)")
	}
	b.WriteString(conflict)
	return b.String()
}
