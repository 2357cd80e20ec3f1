package postgis

import (
	"context"
	"fmt"

	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/internal/history"
	"github.com/jackc/pgx/v5"
)

// table is how one record type is written.
type table struct {
	typ       string   // as a store.RecordError names it
	temp      string   // the temporary table COPY fills
	create    string   // creates temp
	columns   []string // of temp, in row order
	merge     string   // upserts temp into the real table
	capture   string   // keeps what the rows of temp replace, before merge
	count     string   // the history.Counts key of the rows captured
	upsert    string   // upserts one row given as parameters
	withBatch bool     // merge takes the batch id as $1, upsert as its last parameter
}

var (
	regionTable = table{
		capture: captureRegionsSQL, count: "regions",
		typ: "region", temp: regionsTemp, create: createRegionsSQL, merge: mergeRegionsSQL, upsert: upsertRegionSQL,
		columns: []string{"code", "name", "level", "parent", "kind", "population", "households",
			"area_km2", "label_lon", "label_lat", "generated", "geometry"},
	}
	observationTable = table{
		capture: captureObservationsSQL, count: "observations",
		typ: "observation", temp: observationsTemp, create: createObservationsSQL, merge: mergeObservationsSQL,
		upsert: upsertObservationSQL, withBatch: true,
		columns: []string{"indicator", "region", "period", "value"},
	}
	facilityTable = table{
		capture: captureFacilitiesSQL, count: "facilities",
		typ: "facility", temp: facilitiesTemp, create: createFacilitiesSQL, merge: mergeFacilitiesSQL, upsert: upsertFacilitySQL,
		columns: []string{"id", "type", "name", "floor_area_m2", "region", "point"},
	}
	networkTable = table{
		capture: captureNetworksSQL, count: "networks",
		typ: "network", temp: networksTemp, create: createNetworksSQL, merge: mergeNetworksSQL,
		upsert: upsertNetworkSQL, withBatch: true,
		columns: []string{"name", "source", "nodes", "segments", "extent",
			"node_data", "segment_data", "walk", "bicycle", "car", "homes"},
	}
	gridTable = table{
		capture: captureGridsSQL, count: "grids",
		typ: "grid", temp: gridsTemp, create: createGridsSQL, merge: mergeGridsSQL, upsert: upsertGridSQL,
		columns: []string{"code", "community", "households", "worker", "geometry"},
	}
)

// write is the records of one type in a changeset, as rows of table.
type write struct {
	table *table
	n     int
	row   func(i int) ([]any, error)
	key   func(i int) string
}

// run writes the rows in bulk inside a savepoint. If the database refuses
// them, it rolls back to the savepoint and replays the rows one by one to
// name the record refused: slow, but only on the way to failing.
func (w write) run(ctx context.Context, tx pgx.Tx, batch int64, n history.Counts) error {
	if w.n == 0 {
		return nil
	}
	sp, err := tx.Begin(ctx)
	if err != nil {
		return fmt.Errorf("write %ss: savepoint: %w", w.table.typ, err)
	}
	err = w.bulk(ctx, sp, batch, n)
	if err == nil {
		if err := sp.Commit(ctx); err != nil {
			return fmt.Errorf("write %ss: release savepoint: %w", w.table.typ, err)
		}
		return nil
	}
	if ctx.Err() != nil {
		return fmt.Errorf("write %ss: %w", w.table.typ, err)
	}
	if rerr := sp.Rollback(ctx); rerr != nil {
		return fmt.Errorf("write %ss: %w", w.table.typ, err)
	}
	return w.diagnose(ctx, tx, batch, err)
}

func (w write) bulk(ctx context.Context, tx pgx.Tx, batch int64, n history.Counts) error {
	t := w.table
	if _, err := tx.Exec(ctx, t.create); err != nil {
		return err
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{t.temp}, t.columns, pgx.CopyFromSlice(w.n, w.row)); err != nil {
		return err
	}
	tag, err := tx.Exec(ctx, t.capture, batch)
	if err != nil {
		return err
	}
	n[t.count] = tag.RowsAffected()
	var args []any
	if t.withBatch {
		args = []any{batch}
	}
	_, err = tx.Exec(ctx, t.merge, args...)
	return err
}

// diagnose replays the rows one statement each, pipelined in chunks, and
// returns the first refusal as a store.RecordError; bulkErr if none is.
func (w write) diagnose(ctx context.Context, tx pgx.Tx, batch int64, bulkErr error) error {
	const chunk = 1000
	for start := 0; start < w.n; start += chunk {
		end := min(start+chunk, w.n)
		b := &pgx.Batch{}
		for i := start; i < end; i++ {
			args, err := w.row(i)
			if err != nil {
				return &store.RecordError{Type: w.table.typ, Key: w.key(i), Err: err}
			}
			if w.table.withBatch {
				args = append(args, batch)
			}
			b.Queue(w.table.upsert, args...)
		}
		results := tx.SendBatch(ctx, b)
		for i := start; i < end; i++ {
			if _, err := results.Exec(); err != nil {
				results.Close()
				return &store.RecordError{Type: w.table.typ, Key: w.key(i), Err: err}
			}
		}
		if err := results.Close(); err != nil {
			return fmt.Errorf("write %ss: %w", w.table.typ, err)
		}
	}
	return fmt.Errorf("write %ss: %w", w.table.typ, bulkErr)
}
