package rowscan

import (
	"fmt"
	"time"

	"github.com/community-atlas/atlas/analytics"
)

// Queries are the SELECT statements Load runs, one a table.
type Queries struct {
	Batches, Regions, Observations, Facilities, Grids, Networks, Checklist, Targets string
}

// Select returns the queries for Load. They are written here, beside the
// functions that depend on the order of their columns, and are the same for
// both stores so that both load the same records in the same order: by key,
// regions and grids by code, observations by (indicator, region, period),
// facilities and batches by id, networks by name. wkb gives the SQL expression that reads a
// geometry column as WKB (the column itself where the store keeps WKB).
func Select(wkb func(column string) string) Queries {
	return Queries{
		Batches: `SELECT id, kind, source, rows, at, username FROM batches ORDER BY id`,
		Regions: `
SELECT code, name, level, COALESCE(parent, ''), COALESCE(kind, ''),
       population, households, area_km2, label_lon, label_lat, generated,
       ` + wkb("geometry") + `
FROM regions ORDER BY code`,
		Observations: `
SELECT indicator, region, period, value, batch
FROM observations ORDER BY indicator, region, period`,
		Facilities: `
SELECT id, type, name, floor_area_m2, region, ` + wkb("point") + `
FROM facilities ORDER BY id`,
		Grids: `
SELECT code, community, households, worker, ` + wkb("geometry") + `
FROM grids ORDER BY code`,
		Networks: `
SELECT name, source, node_data, segment_data, walk, bicycle, car, homes
FROM networks ORDER BY name`,
		Checklist: selectChecklistSQL,
		Targets:   `SELECT ` + TargetColumns + ` FROM targets ORDER BY indicator, region, period`,
	}
}

// Query runs the SELECT q and calls each for every row it returns, stopping
// at the first error; a store implements it in the transaction Load reads in.
type Query func(q string, each func(Scanner) error) error

// Rows is a result set, as both *sql.Rows and pgx.Rows are.
type Rows interface {
	Scanner
	Next() bool
	Err() error
}

// Each calls each for every row of rows, stopping at the first error, and
// then reports the error that ended the rows, if any. Closing rows is left
// to the caller, as the drivers' Close methods differ.
func Each(rows Rows, each func(Scanner) error) error {
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Load reads a whole dataset with query, table by table: batches, regions,
// observations, facilities, grids, networks, checklist entries, targets. B and at are as for
// Observations and Batch. Errors name the table, as in "load regions: …".
func Load[B ~[]byte, T any](qs Queries, at func(T) (time.Time, error), query Query) (*analytics.Dataset, error) {
	ds := &analytics.Dataset{}
	var obs Observations[B]
	steps := []struct {
		name  string
		query string
		each  func(Scanner) error
	}{
		{"batches", qs.Batches, into(&ds.Batches, func(r Scanner) (analytics.Batch, error) { return Batch(r, at) })},
		{"regions", qs.Regions, into(&ds.Regions, Region)},
		{"observations", qs.Observations, into(&ds.Observations, obs.Scan)},
		{"facilities", qs.Facilities, into(&ds.Facilities, Facility)},
		{"grids", qs.Grids, into(&ds.Grids, Grid)},
		{"networks", qs.Networks, into(&ds.Networks, Network)},
		{"checklist", qs.Checklist, into(&ds.Checklist, func(r Scanner) (analytics.ChecklistEntry, error) { return ChecklistEntry(r, at) })},
		{"targets", qs.Targets, into(&ds.Targets, Target)},
	}
	for _, st := range steps {
		if err := query(st.query, st.each); err != nil {
			return nil, fmt.Errorf("load %s: %w", st.name, err)
		}
	}
	return ds, nil
}

// into returns a function that reads a row with scan and appends the
// record to *dst.
func into[T any](dst *[]T, scan func(Scanner) (T, error)) func(Scanner) error {
	return func(r Scanner) error {
		v, err := scan(r)
		if err != nil {
			return err
		}
		*dst = append(*dst, v)
		return nil
	}
}
