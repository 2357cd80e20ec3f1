package server_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/internal/pgtest"
	"github.com/community-atlas/atlas/server/atlas"
	"github.com/community-atlas/atlas/server/importer"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/postgis"
	"github.com/jackc/pgx/v5"
)

// gridCoverageSQL measures every community's grid coverage in PostGIS, the
// reference the service is held to: the union of the community's grids
// (ST_Union), the covered part (ST_Intersection with the community), the
// gaps (ST_Difference), the part in two or more grids (the union of the
// pairwise intersections, clipped to the community), the grids' parts
// outside the community, and areas on the spheroid (ST_Area(geography)).
// Gap polygons under 0.01 m² are not counted: GEOS leaves slivers of about
// 1e-6 m² where it computes a node twice, a few digits apart.
//
// ST_Area(geography) takes edges as geodesics; the service, like the
// overlays, takes them straight in lon/lat. lonLatEdges turns the query
// into one that measures lon/lat-straight edges too, by cutting every edge
// into pieces of at most 0.0005° before the cast (each ST_Area( of the
// query has exactly one ::geography) to close it).
const gridCoverageSQL = `
WITH comm AS (
	SELECT code, geometry AS c FROM regions WHERE level = 'community'
), un AS (
	SELECT comm.code, comm.c, ST_Union(g.geometry) AS u
	FROM comm LEFT JOIN grids g ON g.community = comm.code
	GROUP BY comm.code, comm.c
), pairs AS (
	SELECT a.community AS code, ST_Intersection(a.geometry, b.geometry) AS x
	FROM grids a JOIN grids b
	  ON a.community = b.community AND a.code < b.code AND ST_Intersects(a.geometry, b.geometry)
), ov AS (
	SELECT code, ST_Union(x) AS o FROM pairs GROUP BY code
), outside AS (
	SELECT g.community AS code, sum(ST_Area(ST_Difference(g.geometry, comm.c)::geography)) AS m2
	FROM grids g JOIN comm ON comm.code = g.community GROUP BY g.community
), gaps AS (
	SELECT code, c, u, COALESCE(ST_Difference(c, u), c) AS gap FROM un
)
SELECT gaps.code,
	ST_Area(gaps.c::geography),
	COALESCE(ST_Area(ST_Intersection(gaps.u, gaps.c)::geography), 0),
	ST_Area(gaps.gap::geography),
	COALESCE(ST_Area(ST_Intersection(ov.o, gaps.c)::geography), 0),
	COALESCE(outside.m2, 0),
	(SELECT count(*) FROM ST_Dump(gaps.gap) d WHERE ST_Area(d.geom::geography) > 0.01)
FROM gaps LEFT JOIN ov USING (code) LEFT JOIN outside USING (code)
ORDER BY gaps.code`

func lonLatEdges(sql string) string {
	return strings.NewReplacer("ST_Area(", "ST_Area(ST_Segmentize(", "::geography)", ", 0.0005)::geography)").Replace(sql)
}

// pgCoverage is one community's coverage as PostGIS measures it, in m².
type pgCoverage struct {
	area, covered, gap, overlap, outside float64
	gaps                                 int
}

func queryGridCoverage(ctx context.Context, tb testing.TB, conn *pgx.Conn, sql string) map[string]pgCoverage {
	tb.Helper()
	rows, err := conn.Query(ctx, sql)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]pgCoverage{}
	for rows.Next() {
		var code string
		var c pgCoverage
		if err := rows.Scan(&code, &c.area, &c.covered, &c.gap, &c.overlap, &c.outside, &c.gaps); err != nil {
			tb.Fatal(err)
		}
		out[code] = c
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// seedPostGIS writes the Nantong seeds into a PostgreSQL store in a fresh
// schema, and connects to that schema too.
func seedPostGIS(tb testing.TB) (store.Store, *pgx.Conn) {
	tb.Helper()
	url := pgtest.URL(tb)
	ctx := context.Background()
	st, err := postgis.Open(ctx, url)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	cat, err := atlas.LoadCatalogue()
	if err != nil {
		tb.Fatal(err)
	}
	cs, err := importer.Seeds(cat)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := st.Apply(ctx, cs); err != nil {
		tb.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { conn.Close(context.Background()) })
	return st, conn
}

// Every community of the seeds: the API's covered, gap, overlap and outside
// areas agree with PostGIS's to within 0.1% of the community's area, and
// the gaps are as many polygons. Measured with lon/lat-straight edges, as
// the service measures them, PostGIS agrees to a millionth: what is left
// of the difference is the edges' shape, not the overlays.
func TestGridCoverageAgreesWithPostGIS(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds PostgreSQL")
	}
	st, conn := seedPostGIS(t)
	srv := newServerOn(t, st, nil)
	var l coverageList
	srv.get(t, "/api/v1/coverage/grid?level=community", 200, &l)
	for _, c := range []struct {
		edges string
		sql   string
		tol   float64
	}{{"geodesic", gridCoverageSQL, 1e-3}, {"lon/lat", lonLatEdges(gridCoverageSQL), 1e-6}} {
		want := queryGridCoverage(context.Background(), t, conn, c.sql)
		if len(l.Items) != 2005 || len(want) != 2005 {
			t.Fatalf("%d communities from the API, %d from PostGIS; want 2,005", len(l.Items), len(want))
		}
		compareCoverage(t, c.edges, l.Items, want, c.tol)
	}
}

// compareCoverage holds every community to PostGIS within tol of its area,
// and logs the worst discrepancy of each measure.
func compareCoverage(t *testing.T, edges string, items []coverage, want map[string]pgCoverage, tol float64) {
	t.Helper()
	type worst struct {
		share float64
		code  string
	}
	worsts := map[string]*worst{}
	for _, got := range items {
		w, ok := want[got.Code]
		if !ok {
			t.Fatalf("%s: not in PostGIS", got.Code)
		}
		for _, m := range []struct {
			what      string
			got, want float64
		}{
			{"area", got.AreaM2, w.area},
			{"covered", got.CoveredM2, w.covered},
			{"gap", got.GapAreaM2, w.gap},
			{"overlap", got.OverlapAreaM2, w.overlap},
			{"outside", got.OutsideAreaM2, w.outside},
		} {
			// The API rounds areas to 0.1 m².
			d := max(0, math.Abs(m.got-m.want)-0.05) / w.area
			if worsts[m.what] == nil || d > worsts[m.what].share {
				worsts[m.what] = &worst{d, got.Code}
			}
			if d > tol {
				t.Errorf("%s edges: %s %s: %.1f m², PostGIS %.1f m²: %.2e of the community's area", edges, got.Code, m.what, m.got, m.want, d)
			}
		}
		if got.Gaps != w.gaps {
			t.Errorf("%s: %d gaps, PostGIS %d", got.Code, got.Gaps, w.gaps)
		}
	}
	for _, what := range []string{"area", "covered", "gap", "overlap", "outside"} {
		w := worsts[what]
		t.Logf("%s edges: worst %s discrepancy %.2e of the community's area (%s)", edges, what, w.share, w.code)
	}
}

// BenchmarkGridCoveragePostGIS is the whole city's grid coverage in PostGIS
// SQL, for comparison with gridcov's BenchmarkCompute on the same machine.
func BenchmarkGridCoveragePostGIS(b *testing.B) {
	_, conn := seedPostGIS(b)
	for b.Loop() {
		if n := len(queryGridCoverage(context.Background(), b, conn, gridCoverageSQL)); n != 2005 {
			b.Fatalf("%d communities", n)
		}
	}
}
