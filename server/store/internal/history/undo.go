package history

import (
	"context"
	"fmt"
	"strings"

	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/internal/rowscan"
)

// Querier runs statements inside one transaction of a store.
type Querier interface {
	// QueryRow runs q, which returns at most one row.
	QueryRow(ctx context.Context, q string, args ...any) rowscan.Scanner
	// Query runs q and calls each for every row it returns, stopping at
	// the first error; it closes the rows.
	Query(ctx context.Context, q string, args []any, each func(rowscan.Scanner) error) error
	// Exec runs q and returns how many rows it changed.
	Exec(ctx context.Context, q string, args ...any) (int64, error)
}

// Counts are the keys a batch wrote, by batch_history column.
type Counts map[string]int64

const (
	recordSQL = `
INSERT INTO batch_history (batch, undoes, regions, observations, facilities, grids, networks)
VALUES ($1, NULLIF($2, 0), $3, $4, $5, $6, $7)`
	hasHistorySQL = `SELECT count(*) FROM batch_history WHERE batch = $1`
	// orphanSQL finds a region batch $1 created that a record outside
	// the batch's own now refers to, so that removing it would break it.
	orphanSQL = `
SELECT h.code FROM region_history h
WHERE h.batch = $1 AND NOT h.present AND (
    EXISTS (SELECT 1 FROM observations o WHERE o.region = h.code)
    OR EXISTS (SELECT 1 FROM facilities f WHERE f.region = h.code)
    OR EXISTS (SELECT 1 FROM grids g WHERE g.community = h.code)
    OR EXISTS (SELECT 1 FROM regions c WHERE c.parent = h.code AND c.code NOT IN (
        SELECT code FROM region_history WHERE batch = $1 AND NOT present)))
LIMIT 1`
)

// Record notes that batch keeps history, with the keys it wrote (and the
// batch it undid, 0 for none).
func Record(ctx context.Context, q Querier, batch, undoes int64, n Counts) error {
	_, err := q.Exec(ctx, recordSQL, batch, undoes,
		n["regions"], n["observations"], n["facilities"], n["grids"], n["networks"])
	if err != nil {
		return fmt.Errorf("record history of batch %d: %w", batch, err)
	}
	return nil
}

// Capture runs t's capture of the keys source selects for batch (source
// may take further parameters, args) and returns how many it captured.
func Capture(ctx context.Context, q Querier, t Table, source string, batch int64, args ...any) (int64, error) {
	n, err := q.Exec(ctx, t.CaptureSQL(source), append([]any{batch}, args...)...)
	if err != nil {
		return 0, fmt.Errorf("capture %s history: %w", t.Type, err)
	}
	return n, nil
}

// Undo writes back, as batch undo, what batch replaced, in the tables
// given (regions first: they are restored first and deleted last), and
// records undo's history. It returns the keys written, or an
// *store.UndoConflict when a later batch stands in the way; the caller
// then rolls back.
func Undo(ctx context.Context, q Querier, tables []Table, batch, undo int64) (int64, error) {
	var kept int
	if err := q.QueryRow(ctx, hasHistorySQL, batch).Scan(&kept); err != nil {
		return 0, fmt.Errorf("undo: %w", err)
	}
	if kept == 0 {
		return 0, &store.UndoConflict{Batch: batch, Reason: "it was written before the atlas kept history, so what it replaced is unknown"}
	}
	for _, t := range tables {
		if err := conflict(ctx, q, t, batch); err != nil {
			return 0, err
		}
	}
	n := Counts{}
	var total int64
	for _, t := range tables {
		c, err := q.Exec(ctx, t.undoCaptureSQL(), batch, undo)
		if err != nil {
			return 0, fmt.Errorf("undo: capture %s history: %w", t.Type, err)
		}
		n[t.Count] = c
		total += c
	}
	for i := len(tables) - 1; i >= 0; i-- {
		if err := remove(ctx, q, tables[i], batch); err != nil {
			return 0, err
		}
	}
	for _, t := range tables {
		if _, err := q.Exec(ctx, t.restoreSQL(), batch); err != nil {
			return 0, fmt.Errorf("undo: restore %ss: %w", t.Type, err)
		}
	}
	return total, Record(ctx, q, undo, batch, n)
}

// conflict returns an *store.UndoConflict for the first key of batch in t
// that a later batch changed.
func conflict(ctx context.Context, q Querier, t Table, batch int64) error {
	key := make([]any, len(t.Keys))
	dest := make([]any, len(t.Keys)+1)
	for i := range key {
		dest[i] = &key[i]
	}
	var later int64
	dest[len(t.Keys)] = &later
	found := false
	err := q.Query(ctx, t.conflictSQL(), []any{batch}, func(r rowscan.Scanner) error {
		found = true
		return r.Scan(dest...)
	})
	if err != nil {
		return fmt.Errorf("undo: check %ss: %w", t.Type, err)
	}
	if !found {
		return nil
	}
	parts := make([]string, len(key))
	for i, k := range key {
		if b, ok := k.([]byte); ok {
			k = string(b)
		}
		parts[i] = fmt.Sprint(k)
	}
	c := &store.UndoConflict{Batch: batch, Later: later, Key: t.Type + " " + strings.Join(parts, "/")}
	if later == 0 {
		c.Reason = "was changed since"
	}
	return c
}

// remove deletes the records batch created; for regions, only once no
// record outside the batch refers to them.
func remove(ctx context.Context, q Querier, t Table, batch int64) error {
	if t.Name == "regions" {
		var code string
		found := false
		err := q.Query(ctx, orphanSQL, []any{batch}, func(r rowscan.Scanner) error {
			found = true
			return r.Scan(&code)
		})
		if err != nil {
			return fmt.Errorf("undo: check regions: %w", err)
		}
		if found {
			return &store.UndoConflict{Batch: batch, Key: "region " + code,
				Reason: "was created by it and later batches wrote records (observations, facilities, grids or regions) inside it; undo those first"}
		}
	}
	if _, err := q.Exec(ctx, t.deleteSQL(), batch); err != nil {
		return fmt.Errorf("undo: remove %ss: %w", t.Type, err)
	}
	return nil
}
