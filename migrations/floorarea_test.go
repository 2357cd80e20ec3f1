package migrations

import (
	"database/sql"
	"math"
	"testing"
)

// TestFloorAreaBecomesOneRule stores the two former floor-area indicators
// at version 7 and checks that migrating on turns them into the share of
// max(400 m², 20 m² per 100 households), computed here by hand.
func TestFloorAreaBecomesOneRule(t *testing.T) {
	for _, c := range []struct {
		dialect string
		db      func(*testing.T) *sql.DB
		gen     string
	}{{SQLite, openSQLite, "0"}, {Postgres, openPostgres, "false"}} {
		t.Run(c.dialect, func(t *testing.T) {
			db := c.db(t)
			p, err := provider(db, c.dialect)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.UpTo(t.Context(), 7); err != nil {
				t.Fatal(err)
			}
			exec := func(q string, args ...any) {
				t.Helper()
				if _, err := db.ExecContext(t.Context(), q, args...); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			exec(`INSERT INTO batches (kind, source, rows, at) VALUES ('seed', 'seed', 0, '2026-01-01T00:00:00Z')`)
			region := `INSERT INTO regions (code, name, level, parent, kind, population, households, area_km2, label_lon, label_lat, generated)
VALUES ($1, $1, $2, $3, $4, 0, $5, 0, 120, 32, ` + c.gen + `)`
			exec(region, "320602", "county", nil, nil, 0)
			exec(region, "320602001001", "community", "320602", "urban", 3000) // standard 600 m²
			exec(region, "320602001002", "community", "320602", "rural", 1000) // standard 400 m²
			exec(region, "320602001003", "community", "320602", "rural", 0)
			obs := `INSERT INTO observations (indicator, region, period, value, batch) VALUES ($1, $2, $3, $4, 1)`
			exec(obs, "service_centre_area", "320602001001", 2013, 450)          // 75.0
			exec(obs, "service_centre_area_per_100hh", "320602001001", 2013, 10) // loses to m²
			exec(obs, "service_centre_area_per_100hh", "320602001001", 2014, 25) // 750 m² → 125.0
			exec(obs, "service_centre_area_per_100hh", "320602001002", 2013, 30) // 300 m² → 75.0
			exec(obs, "service_centre_area_per_100hh", "320602001003", 2013, 30) // no households: dropped
			exec(obs, "service_centre_area", "320602", 2013, 3100)               // not a community: dropped
			exec(obs, "open_plan_office", "320602001001", 2013, 1)
			if err := Up(t.Context(), db, c.dialect); err != nil {
				t.Fatal(err)
			}
			got := map[[3]any]float64{}
			rows, err := db.QueryContext(t.Context(), `SELECT indicator, region, period, value FROM observations`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var ind, reg string
				var period int
				var v float64
				if err := rows.Scan(&ind, &reg, &period, &v); err != nil {
					t.Fatal(err)
				}
				got[[3]any{ind, reg, period}] = v
			}
			want := map[[3]any]float64{
				{"service_centre_floor_area", "320602001001", 2013}: 450.0 / 600 * 100,
				{"service_centre_floor_area", "320602001001", 2014}: 25.0 * 30 / 600 * 100,
				{"service_centre_floor_area", "320602001002", 2013}: 30.0 * 10 / 400 * 100,
				{"open_plan_office", "320602001001", 2013}:          1,
			}
			if len(got) != len(want) {
				t.Fatalf("observations after migrating: %v, want %v", got, want)
			}
			for k, w := range want {
				if g, ok := got[k]; !ok || math.Abs(g-w) > 1e-9 {
					t.Errorf("%v = %v (present %v), want %v", k, g, ok, w)
				}
			}
		})
	}
}
