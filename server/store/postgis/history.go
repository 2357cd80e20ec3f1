package postgis

import (
	"context"
	"fmt"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store/internal/ctxerr"
	"github.com/community-atlas/atlas/server/store/internal/history"
	"github.com/community-atlas/atlas/server/store/internal/rowscan"
	"github.com/jackc/pgx/v5"
)

// The history tables of the PostgreSQL schema, regions first (see
// history.Undo), with the keys of each bulk write's temporary table. The
// temporary tables' text has the database's default collation, the key
// columns "C": the keys are given the key columns' collation for the join.
var (
	regionHistory = history.Table{Type: "region", Name: "regions", History: "region_history", Count: "regions",
		Keys: []string{"code"},
		Cols: []string{"name", "level", "parent", "kind", "population", "households", "area_km2",
			"label_lon", "label_lat", "generated", "geometry"}}
	observationHistory = history.Table{Type: "observation", Name: "observations", History: "observation_history",
		Count: "observations", Keys: []string{"indicator", "region", "period"}, Cols: []string{"value"}, Batch: true}
	facilityHistory = history.Table{Type: "facility", Name: "facilities", History: "facility_history", Count: "facilities",
		Keys: []string{"id"}, Cols: []string{"type", "name", "floor_area_m2", "region", "point"}}
	gridHistory = history.Table{Type: "grid", Name: "grids", History: "grid_history", Count: "grids",
		Keys: []string{"code"}, Cols: []string{"community", "households", "worker", "geometry"}}
	networkHistory = history.Table{Type: "network", Name: "networks", History: "network_history", Count: "networks",
		Keys: []string{"name"}, Cols: []string{"source", "nodes", "segments", "extent",
			"node_data", "segment_data", "walk", "bicycle", "car", "homes"}, Batch: true}
	historyTables = []history.Table{regionHistory, observationHistory, facilityHistory, gridHistory, networkHistory}
)

// The captures of each bulk write, from its temporary table ($1 the batch).
var (
	captureRegionsSQL = regionHistory.CaptureSQL(`SELECT DISTINCT code COLLATE "C" AS code FROM regions_in`)
	// captureObservationsSQL keeps, before the rows are merged, what each
	// key of observations_in holds: one statement, whatever the rows.
	captureObservationsSQL = observationHistory.CaptureSQL(`
SELECT DISTINCT indicator COLLATE "C" AS indicator, region COLLATE "C" AS region, period FROM observations_in`)
	captureFacilitiesSQL = facilityHistory.CaptureSQL(`SELECT DISTINCT id COLLATE "C" AS id FROM facilities_in`)
	captureGridsSQL      = gridHistory.CaptureSQL(`SELECT DISTINCT code COLLATE "C" AS code FROM grids_in`)
	captureNetworksSQL   = networkHistory.CaptureSQL(`SELECT DISTINCT name COLLATE "C" AS name FROM networks_in`)
)

// captureStreamed records what batch's streamed observations replace.
func captureStreamed(ctx context.Context, tx pgx.Tx, batch int64) error {
	n, err := txQuerier{tx}.Exec(ctx, captureObservationsSQL, batch)
	if err != nil {
		return fmt.Errorf("capture observation history: %w", err)
	}
	return history.Record(ctx, txQuerier{tx}, batch, 0, history.Counts{"observations": n})
}

// Undo writes back what batch id replaced, as a new batch.
func (s *Store) Undo(ctx context.Context, id int64, user string) (analytics.Batch, error) {
	orig, err := s.Batch(ctx, id)
	if err != nil {
		return analytics.Batch{}, err
	}
	b := analytics.Batch{Kind: "undo", Source: orig.Source, User: user, At: time.Now().UTC().Truncate(time.Microsecond)}
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{})
	if err != nil {
		return analytics.Batch{}, fmt.Errorf("postgis: undo: begin: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if err := insertBatch(ctx, tx, &b); err != nil {
		return analytics.Batch{}, fmt.Errorf("postgis: undo: batch: %w", ctxerr.Ended(ctx, err))
	}
	n, err := history.Undo(ctx, txQuerier{tx}, historyTables, id, b.ID)
	if err != nil {
		return analytics.Batch{}, fmt.Errorf("postgis: %w", ctxerr.Ended(ctx, err))
	}
	b.Rows = int(n)
	if _, err := tx.Exec(ctx, setBatchRowsSQL, b.Rows, nil, b.ID); err != nil {
		return analytics.Batch{}, fmt.Errorf("postgis: undo: batch rows: %w", ctxerr.Ended(ctx, err))
	}
	if err := commitBatch(ctx, tx, b.ID); err != nil {
		return analytics.Batch{}, fmt.Errorf("postgis: undo: %w", err)
	}
	return b, nil
}

// txQuerier runs the statements of the history and the rounds inside a
// transaction.
type txQuerier struct{ tx pgx.Tx }

func (q txQuerier) QueryRow(ctx context.Context, query string, args ...any) rowscan.Scanner {
	return q.tx.QueryRow(ctx, query, args...)
}

func (q txQuerier) Query(ctx context.Context, query string, args []any, each func(rowscan.Scanner) error) error {
	rows, err := q.tx.Query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	return rowscan.Each(rows, each)
}

func (q txQuerier) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	tag, err := q.tx.Exec(ctx, query, args...)
	return tag.RowsAffected(), err
}
