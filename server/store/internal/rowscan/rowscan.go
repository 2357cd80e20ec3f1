// Package rowscan is how both stores read their tables back into the
// domain model: the SELECT statements (Select), the conversion of each row
// into a record (Batch, Region, Observations, Facility, Grid, Network) and the
// reading of a whole dataset (Load). The SQLite and PostGIS stores keep the
// same columns, with geometries as WKB in both, so a row means the same
// thing whichever driver returns it; reading it here once keeps the two
// stores' datasets identical, which snapshots built from either rely on.
//
// Rows are read through Scanner, which both *sql.Rows and pgx.Rows satisfy.
// What differs by driver (how a geometry column is selected as WKB, how a
// batch's time comes back, how a text column's bytes are lent without
// copying) is given by the caller.
//
// The accounts (users, tokens, the audit log) are read the same way: the
// columns selected and the records read from them, the arguments of the
// statements (Accounts), reading a list (List) and what a failed statement
// means (Codes). Package accountsql runs those statements for both stores.
package rowscan

import (
	"fmt"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store/internal/intern"
	"github.com/community-atlas/atlas/server/store/internal/wkbgeom"
	"github.com/paulmach/orb"
)

// Scanner is one row of a result set.
type Scanner interface {
	Scan(dest ...any) error
}

// Batch reads a row of id, kind, source, rows, at, username. The stores keep at in
// different types (text in SQLite, timestamptz in PostgreSQL), so T is the
// type the driver scans it into and at converts that to the instant. The
// instant is returned in UTC, whatever zone the driver gives it in (pgx
// gives timestamptz in the local zone).
func Batch[T any](r Scanner, at func(T) (time.Time, error)) (analytics.Batch, error) {
	var (
		b   analytics.Batch
		raw T
	)
	if err := r.Scan(&b.ID, &b.Kind, &b.Source, &b.Rows, &raw, &b.User); err != nil {
		return analytics.Batch{}, err
	}
	t, err := at(raw)
	if err != nil {
		return analytics.Batch{}, fmt.Errorf("batch %d: at: %w", b.ID, err)
	}
	b.At = t.UTC()
	return b, nil
}

// Region reads a row of code, name, level, parent, kind, population,
// households, area_km2, label_lon, label_lat, generated, geometry; parent
// and kind as empty strings where NULL, geometry as WKB or NULL.
func Region(r Scanner) (analytics.Region, error) {
	var (
		g                  analytics.Region
		level, kind        string
		labelLon, labelLat float64
		geometry           []byte
	)
	err := r.Scan(&g.Code, &g.Name, &level, &g.Parent, &kind, &g.Population, &g.Households,
		&g.AreaKM2, &labelLon, &labelLat, &g.Generated, &geometry)
	if err != nil {
		return analytics.Region{}, err
	}
	g.Level, g.Kind = analytics.Level(level), analytics.Kind(kind)
	g.LabelPoint = orb.Point{labelLon, labelLat}
	if g.Geometry, err = wkbgeom.ParseMultiPolygon(geometry); err != nil {
		return analytics.Region{}, fmt.Errorf("region %s: %w", g.Code, err)
	}
	return g, nil
}

// Observations reads rows of indicator, region, period, value, batch,
// sharing one string per distinct indicator and region code among the
// observations: a dataset holds far more observations than codes. The zero
// value is ready to use; one reads the rows of one query.
//
// B is the driver's type for lending a text column's bytes without copying
// them: sql.RawBytes for database/sql, pgtype.DriverBytes for pgx. The
// bytes are valid only until the next row, which the pool copies from once
// per distinct value.
type Observations[B ~[]byte] struct {
	strs intern.Pool
	// Each row is scanned into the same variables through the same
	// argument list: scanning through an interface into fresh ones would
	// put them and the list on the heap for every row, and observations
	// are most of the rows a load reads.
	indicator, region B
	row               analytics.Observation
	dest              []any
}

// Scan reads the current row.
func (s *Observations[B]) Scan(r Scanner) (analytics.Observation, error) {
	if s.dest == nil {
		s.strs = intern.Pool{}
		s.dest = []any{&s.indicator, &s.region, &s.row.Period, &s.row.Value, &s.row.Batch}
	}
	if err := r.Scan(s.dest...); err != nil {
		return analytics.Observation{}, err
	}
	o := s.row
	o.Indicator, o.Region = s.strs.Bytes(s.indicator), s.strs.Bytes(s.region)
	return o, nil
}

// Facility reads a row of id, type, name, floor_area_m2, region, point;
// point as WKB.
func Facility(r Scanner) (analytics.Facility, error) {
	var (
		f     analytics.Facility
		typ   string
		point []byte
	)
	if err := r.Scan(&f.ID, &typ, &f.Name, &f.FloorAreaM2, &f.Region, &point); err != nil {
		return analytics.Facility{}, err
	}
	f.Type = analytics.FacilityType(typ)
	p, err := wkbgeom.ParsePoint(point)
	if err != nil {
		return analytics.Facility{}, fmt.Errorf("facility %s: %w", f.ID, err)
	}
	f.Point = p
	return f, nil
}

// Grid reads a row of code, community, households, worker, geometry;
// geometry as WKB or NULL.
func Grid(r Scanner) (analytics.Grid, error) {
	var (
		g        analytics.Grid
		geometry []byte
	)
	if err := r.Scan(&g.Code, &g.Community, &g.Households, &g.Worker, &geometry); err != nil {
		return analytics.Grid{}, err
	}
	m, err := wkbgeom.ParseMultiPolygon(geometry)
	if err != nil {
		return analytics.Grid{}, fmt.Errorf("grid %s: %w", g.Code, err)
	}
	g.Geometry = m
	return g, nil
}
