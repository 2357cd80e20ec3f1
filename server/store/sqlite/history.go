package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/network"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/internal/ctxerr"
	"github.com/community-atlas/atlas/server/store/internal/history"
	"github.com/community-atlas/atlas/server/store/internal/rowscan"
)

var box = []string{"minx", "miny", "maxx", "maxy"}

// The history tables of the SQLite schema, regions first (see history.Undo).
var (
	regionHistory = history.Table{Type: "region", Name: "regions", History: "region_history", Count: "regions",
		Keys: []string{"code"},
		Cols: append([]string{"name", "level", "parent", "kind", "population", "households", "area_km2",
			"label_lon", "label_lat", "generated", "geometry"}, box...)}
	observationHistory = history.Table{Type: "observation", Name: "observations", History: "observation_history",
		Count: "observations", Keys: []string{"indicator", "region", "period"}, Cols: []string{"value"}, Batch: true}
	facilityHistory = history.Table{Type: "facility", Name: "facilities", History: "facility_history", Count: "facilities",
		Keys: []string{"id"}, Cols: append([]string{"type", "name", "floor_area_m2", "region", "point"}, box...)}
	gridHistory = history.Table{Type: "grid", Name: "grids", History: "grid_history", Count: "grids",
		Keys: []string{"code"}, Cols: append([]string{"community", "households", "worker", "geometry"}, box...)}
	networkHistory = history.Table{Type: "network", Name: "networks", History: "network_history", Count: "networks",
		Keys: []string{"name"}, Cols: append(append([]string{"source", "nodes", "segments", "extent"}, box...),
			"node_data", "segment_data", "walk", "bicycle", "car", "homes"), Batch: true}
	historyTables = []history.Table{regionHistory, observationHistory, facilityHistory, gridHistory, networkHistory}
)

// captureStreamedSQL keeps, before the streamed rows are merged, what each
// key of observations_in holds: one statement, whatever the rows. The rows
// are unique by key already (obsRows.sort), so no DISTINCT: it would sort
// them all again in a temporary B-tree.
var captureStreamedSQL = observationHistory.CaptureSQL(
	`SELECT indicator, region, period FROM temp.observations_in`)

// captureStreamed records what batch's streamed observations replace.
func captureStreamed(ctx context.Context, tx *sql.Tx, batch int64) error {
	q := txQuerier{tx}
	n, err := q.Exec(ctx, captureStreamedSQL, batch)
	if err != nil {
		return fmt.Errorf("capture observation history: %w", err)
	}
	return history.Record(ctx, q, batch, 0, history.Counts{"observations": n})
}

// Undo writes back what batch id replaced, as a new batch.
func (s *Store) Undo(ctx context.Context, id int64, user string) (analytics.Batch, error) {
	orig, err := s.Batch(ctx, id)
	if err != nil {
		return analytics.Batch{}, err
	}
	b := analytics.Batch{Kind: "undo", Source: orig.Source, User: user, At: time.Now().UTC().Truncate(time.Microsecond)}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: undo: begin: %w", err)
	}
	defer tx.Rollback()
	if err := insertBatch(ctx, tx, &b); err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: undo: batch: %w", ctxerr.Ended(ctx, err))
	}
	n, err := history.Undo(ctx, txQuerier{tx}, historyTables, id, b.ID)
	if err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: %w", ctxerr.Ended(ctx, err))
	}
	b.Rows = int(n)
	if _, err := tx.ExecContext(ctx, setUndoRowsSQL, b.Rows, b.ID); err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: undo: batch rows: %w", ctxerr.Ended(ctx, err))
	}
	if err := tx.Commit(); err != nil {
		return analytics.Batch{}, fmt.Errorf("sqlite: undo: commit: %w", ctxerr.Ended(ctx, err))
	}
	return b, nil
}

// setUndoRowsSQL records how many keys an undo wrote back.
const setUndoRowsSQL = `UPDATE batches SET rows = $1 WHERE id = $2`

// txQuerier runs the statements of the history and the rounds inside a
// transaction.
type txQuerier struct{ tx *sql.Tx }

func (q txQuerier) QueryRow(ctx context.Context, query string, args ...any) rowscan.Scanner {
	return q.tx.QueryRowContext(ctx, query, args...)
}

func (q txQuerier) Query(ctx context.Context, query string, args []any, each func(rowscan.Scanner) error) error {
	rows, err := q.tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	return rowscan.Each(rows, each)
}

func (q txQuerier) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := q.tx.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// captureChangeset records what c's records replace, key by key, before
// Apply writes them: c holds its keys in memory, so one prepared statement
// per record type serves.
func captureChangeset(ctx context.Context, tx *sql.Tx, batch int64, c *store.Changeset) error {
	if !c.Undoable() {
		return nil
	}
	n := history.Counts{}
	var err error
	if n["regions"], err = captureKeys(ctx, tx, regionHistory, batch, c.Regions,
		func(r analytics.Region) []any { return []any{r.Code} }); err != nil {
		return err
	}
	if n["observations"], err = captureKeys(ctx, tx, observationHistory, batch, c.Observations,
		func(o analytics.Observation) []any { return []any{o.Indicator, o.Region, int64(o.Period)} }); err != nil {
		return err
	}
	if n["facilities"], err = captureKeys(ctx, tx, facilityHistory, batch, c.Facilities,
		func(f analytics.Facility) []any { return []any{f.ID} }); err != nil {
		return err
	}
	if n["grids"], err = captureKeys(ctx, tx, gridHistory, batch, c.Grids,
		func(g analytics.Grid) []any { return []any{g.Code} }); err != nil {
		return err
	}
	if n["networks"], err = captureKeys(ctx, tx, networkHistory, batch, c.Networks,
		func(n *network.Network) []any { return []any{n.Name} }); err != nil {
		return err
	}
	return history.Record(ctx, txQuerier{tx}, batch, 0, n)
}

// captureKeys captures the key of each record, returning how many keys
// were new to the batch.
func captureKeys[T any](ctx context.Context, tx *sql.Tx, t history.Table, batch int64, recs []T, key func(T) []any) (int64, error) {
	if len(recs) == 0 {
		return 0, nil
	}
	stmt, err := tx.PrepareContext(ctx, t.CaptureSQL(t.RowSource()))
	if err != nil {
		return 0, fmt.Errorf("prepare %s history: %w", t.Type, err)
	}
	defer stmt.Close()
	var n int64
	for _, r := range recs {
		res, err := stmt.ExecContext(ctx, append([]any{batch}, key(r)...)...)
		if err != nil {
			return 0, fmt.Errorf("capture %s history: %w", t.Type, err)
		}
		k, _ := res.RowsAffected()
		n += k
	}
	return n, nil
}
