package postgis

import (
	"context"
	"fmt"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store/internal/intern"
	"github.com/community-atlas/atlas/server/store/internal/wkbgeom"
	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
)

// Load reads the whole dataset in one repeatable-read transaction, so that
// it sees the state before or after any concurrent Apply, never a mix.
// Records come in key order: regions and grids by code, observations by
// (indicator, region, period), facilities by id, batches by id.
func (s *Store) Load(ctx context.Context) (*analytics.Dataset, error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, fmt.Errorf("postgis: load: begin: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))

	ds := &analytics.Dataset{}
	steps := []struct {
		name  string
		query string
		scan  func(pgx.Rows) error
	}{
		{"batches", selectBatchesSQL, func(r pgx.Rows) error { return scanBatch(r, ds) }},
		{"regions", selectRegionsSQL, func(r pgx.Rows) error { return scanRegion(r, ds) }},
		{"observations", selectObservationsSQL, newObservationScanner(ds)},
		{"facilities", selectFacilitiesSQL, func(r pgx.Rows) error { return scanFacility(r, ds) }},
		{"grids", selectGridsSQL, func(r pgx.Rows) error { return scanGrid(r, ds) }},
	}
	for _, st := range steps {
		if err := query(ctx, tx, st.query, st.scan); err != nil {
			return nil, fmt.Errorf("postgis: load %s: %w", st.name, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("postgis: load: end: %w", err)
	}
	return ds, nil
}

// query runs q and calls scan for each row.
func query(ctx context.Context, tx pgx.Tx, q string, scan func(pgx.Rows) error) error {
	rows, err := tx.Query(ctx, q)
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

func scanBatch(r pgx.Rows, ds *analytics.Dataset) error {
	var b analytics.Batch
	if err := r.Scan(&b.ID, &b.Kind, &b.Source, &b.Rows, &b.At); err != nil {
		return err
	}
	// pgx returns timestamptz in the local zone.
	b.At = b.At.UTC()
	ds.Batches = append(ds.Batches, b)
	return nil
}

func scanRegion(r pgx.Rows, ds *analytics.Dataset) error {
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
// distinct indicator and region code among the observations, taken from
// the raw column bytes (text is sent as its UTF-8 bytes in either format).
func newObservationScanner(ds *analytics.Dataset) func(pgx.Rows) error {
	strs := intern.Pool{}
	return func(r pgx.Rows) error {
		var o analytics.Observation
		if err := r.Scan(nil, nil, &o.Period, &o.Value, &o.Batch); err != nil {
			return err
		}
		raw := r.RawValues()
		o.Indicator, o.Region = strs.Bytes(raw[0]), strs.Bytes(raw[1])
		ds.Observations = append(ds.Observations, o)
		return nil
	}
}

func scanFacility(r pgx.Rows, ds *analytics.Dataset) error {
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

func scanGrid(r pgx.Rows, ds *analytics.Dataset) error {
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
