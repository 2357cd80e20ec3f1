package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store/internal/intern"
	"github.com/community-atlas/atlas/server/store/internal/wkbgeom"
	"github.com/paulmach/orb"
)

// Load reads the whole dataset in one read transaction, so that it sees the
// state before or after any concurrent Apply, never a mix. Records come in
// key order: regions and grids by code, observations by (indicator, region,
// period), facilities by id, batches by id.
func (s *Store) Load(ctx context.Context) (*analytics.Dataset, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("sqlite: load: begin: %w", err)
	}
	// Read-only: rolling back only ends the snapshot.
	defer tx.Rollback()

	ds := &analytics.Dataset{}
	steps := []struct {
		name  string
		query string
		scan  func(*sql.Rows) error
	}{
		{"batches", selectBatchesSQL, func(r *sql.Rows) error { return scanBatch(r, ds) }},
		{"regions", selectRegionsSQL, func(r *sql.Rows) error { return scanRegion(r, ds) }},
		{"observations", selectObservationsSQL, newObservationScanner(ds)},
		{"facilities", selectFacilitiesSQL, func(r *sql.Rows) error { return scanFacility(r, ds) }},
		{"grids", selectGridsSQL, func(r *sql.Rows) error { return scanGrid(r, ds) }},
	}
	for _, st := range steps {
		if err := query(ctx, tx, st.query, st.scan); err != nil {
			return nil, fmt.Errorf("sqlite: load %s: %w", st.name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: load: end: %w", err)
	}
	return ds, nil
}

// query runs q and calls scan for each row.
func query(ctx context.Context, tx *sql.Tx, q string, scan func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func scanBatch(r *sql.Rows, ds *analytics.Dataset) error {
	var (
		b  analytics.Batch
		at string
	)
	if err := r.Scan(&b.ID, &b.Kind, &b.Source, &b.Rows, &at); err != nil {
		return err
	}
	t, err := time.Parse(timeLayout, at)
	if err != nil {
		return fmt.Errorf("batch %d: at: %w", b.ID, err)
	}
	b.At = t.UTC()
	ds.Batches = append(ds.Batches, b)
	return nil
}

func scanRegion(r *sql.Rows, ds *analytics.Dataset) error {
	var (
		g                  analytics.Region
		level, kind        string
		labelLon, labelLat float64
		geometry           []byte
	)
	err := r.Scan(&g.Code, &g.Name, &level, &g.Parent, &kind, &g.Population, &g.Households,
		&g.AreaKM2, &labelLon, &labelLat, &g.Generated, &geometry)
	if err != nil {
		return err
	}
	g.Level, g.Kind = analytics.Level(level), analytics.Kind(kind)
	g.LabelPoint = orb.Point{labelLon, labelLat}
	if g.Geometry, err = wkbgeom.ParseMultiPolygon(geometry); err != nil {
		return fmt.Errorf("region %s: %w", g.Code, err)
	}
	ds.Regions = append(ds.Regions, g)
	return nil
}

// newObservationScanner returns a scanner that shares one string per
// distinct indicator and region code among the observations.
func newObservationScanner(ds *analytics.Dataset) func(*sql.Rows) error {
	strs := intern.Pool{}
	var indicator, region sql.RawBytes
	return func(r *sql.Rows) error {
		var o analytics.Observation
		if err := r.Scan(&indicator, &region, &o.Period, &o.Value, &o.Batch); err != nil {
			return err
		}
		o.Indicator, o.Region = strs.Bytes(indicator), strs.Bytes(region)
		ds.Observations = append(ds.Observations, o)
		return nil
	}
}

func scanFacility(r *sql.Rows, ds *analytics.Dataset) error {
	var (
		f     analytics.Facility
		typ   string
		point []byte
	)
	if err := r.Scan(&f.ID, &typ, &f.Name, &f.FloorAreaM2, &f.Region, &point); err != nil {
		return err
	}
	f.Type = analytics.FacilityType(typ)
	p, err := wkbgeom.ParsePoint(point)
	if err != nil {
		return fmt.Errorf("facility %s: %w", f.ID, err)
	}
	f.Point = p
	ds.Facilities = append(ds.Facilities, f)
	return nil
}

func scanGrid(r *sql.Rows, ds *analytics.Dataset) error {
	var (
		g        analytics.Grid
		geometry []byte
	)
	if err := r.Scan(&g.Code, &g.Community, &g.Households, &g.Worker, &geometry); err != nil {
		return err
	}
	m, err := wkbgeom.ParseMultiPolygon(geometry)
	if err != nil {
		return fmt.Errorf("grid %s: %w", g.Code, err)
	}
	g.Geometry = m
	ds.Grids = append(ds.Grids, g)
	return nil
}
