package postgis_test

import (
	"math"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/internal/pgtest"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/postgis"
	"github.com/community-atlas/atlas/server/store/storetest"
	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"
)

// openURL opens a new store in a schema of its own and returns it with the
// schema's URL; the store is closed and the schema dropped when tb ends.
func openURL(tb testing.TB) (*postgis.Store, string) {
	tb.Helper()
	url := pgtest.URL(tb)
	s, err := postgis.Open(tb.Context(), url)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s, url
}

func open(tb testing.TB) store.Store {
	tb.Helper()
	s, _ := openURL(tb)
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return open(t) })
}

// TestOpenTwice checks that opening an up-to-date schema migrates nothing
// and keeps the data.
func TestOpenTwice(t *testing.T) {
	s, url := openURL(t)
	if _, err := s.Apply(t.Context(), storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	again, err := postgis.Open(t.Context(), url)
	if err != nil {
		t.Fatalf("second Open: %v", err)
	}
	defer again.Close()
	if empty, err := again.Empty(t.Context()); err != nil || empty {
		t.Fatalf("after reopening: Empty() = %v, %v; want false, nil", empty, err)
	}
}

// TestGeometryInPostGIS checks what PostGIS makes of the stored
// geometries: every one valid, with its SRID, and the geodesic area of a
// 0.01° square near 32°N as the ellipsoid's area formula gives it.
func TestGeometryInPostGIS(t *testing.T) {
	s, url := openURL(t)
	c := storetest.Fixture()
	const code = "320612001299"
	x0, y0, d := 120.9, 32.0, 0.01
	c.Regions = append(c.Regions, analytics.Region{
		Code: code, Name: "方形村", Level: analytics.Community, Parent: storetest.TownshipCode, Kind: analytics.Rural,
		Geometry: orb.MultiPolygon{{storetest.Rect(x0, y0, x0+d, y0+d)}},
	})
	if _, err := s.Apply(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(t.Context())

	const invalid = `
SELECT code, ST_IsValidReason(geometry) FROM regions
WHERE geometry IS NOT NULL AND (NOT ST_IsValid(geometry) OR ST_SRID(geometry) <> 4326)
UNION ALL
SELECT code, ST_IsValidReason(geometry) FROM grids
WHERE geometry IS NOT NULL AND (NOT ST_IsValid(geometry) OR ST_SRID(geometry) <> 4326)`
	rows, err := conn.Query(t.Context(), invalid)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var code, reason string
		if err := rows.Scan(&code, &reason); err != nil {
			t.Fatal(err)
		}
		t.Errorf("%s: invalid geometry: %s", code, reason)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}

	var area float64
	if err := conn.QueryRow(t.Context(), `SELECT ST_Area(geometry::geography) FROM regions WHERE code = $1`, code).Scan(&area); err != nil {
		t.Fatal(err)
	}
	want := ellipsoidalRectArea(x0, y0, x0+d, y0+d)
	if rel := math.Abs(area-want) / want; rel > 0.001 {
		t.Fatalf("ST_Area = %.1f m², the formula gives %.1f m² (off by %.3f%%)", area, want, rel*100)
	}
	t.Logf("ST_Area = %.1f m², formula %.1f m²", area, want)
}

// ellipsoidalRectArea is the area in m² of the quadrangle between two
// meridians and two parallels on the WGS 84 ellipsoid, by the authalic
// formula A = b²·Δλ/2·[q(φ₂) − q(φ₁)], where
// q(φ) = sinφ/(1 − e²sin²φ) + 1/(2e)·ln((1 + e sinφ)/(1 − e sinφ)).
// (The quadrangle's top and bottom edges follow parallels; PostGIS's follow
// geodesics, which over 0.01° differ by far less than the tolerance.)
func ellipsoidalRectArea(lon0, lat0, lon1, lat1 float64) float64 {
	const (
		a = 6378137.0
		f = 1 / 298.257223563
	)
	b := a * (1 - f)
	e := math.Sqrt(f * (2 - f))
	q := func(lat float64) float64 {
		s := math.Sin(lat * math.Pi / 180)
		return s/(1-e*e*s*s) + math.Log((1+e*s)/(1-e*s))/(2*e)
	}
	return b * b * (lon1 - lon0) * math.Pi / 180 / 2 * (q(lat1) - q(lat0))
}

func BenchmarkLoad(b *testing.B)  { storetest.BenchmarkLoad(b, open(b)) }
func BenchmarkApply(b *testing.B) { storetest.BenchmarkApply(b, open) }

func BenchmarkStreamUndo(b *testing.B) { storetest.BenchmarkStreamUndo(b, open) }
