package migrations

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/internal/pgtest"
	// The "pgx" and "sqlite" database/sql drivers.
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"
)

var tables = []string{"audit", "batch_history", "batches", "checklist", "checklist_files", "facilities", "facility_history",
	"grid_history", "grids", "levels", "network_history", "networks", "observation_history", "observations", "region_history", "regions",
	"round_events", "round_submissions", "round_values", "rounds",
	"targets", "tokens", "users"}

func openSQLite(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "m.db")+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func openPostgres(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// latest is the highest version among the dialect's migration files.
func latest(t *testing.T, db *sql.DB, dialect string) int64 {
	t.Helper()
	p, err := provider(db, dialect)
	if err != nil {
		t.Fatal(err)
	}
	src := p.ListSources()
	if len(src) == 0 {
		t.Fatalf("%s: no migrations", dialect)
	}
	return src[len(src)-1].Version
}

func TestUpIsIdempotent(t *testing.T) {
	db := openSQLite(t)
	for range 2 {
		if err := Up(t.Context(), db, SQLite); err != nil {
			t.Fatal(err)
		}
	}
	v, err := version(t.Context(), db, SQLite)
	if err != nil || v != latest(t, db, SQLite) {
		t.Fatalf("Version = %d, %v; want %d", v, err, latest(t, db, SQLite))
	}
	if got := sqliteColumns(t, db); len(got) != len(tables) {
		t.Fatalf("tables %v, want %v", got, tables)
	}
}

func TestDownThenUp(t *testing.T) {
	db := openSQLite(t)
	if err := Up(t.Context(), db, SQLite); err != nil {
		t.Fatal(err)
	}
	p, err := provider(db, SQLite)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(t.Context(), 0); err != nil {
		t.Fatalf("down: %v", err)
	}
	if got := sqliteColumns(t, db); len(got) != 0 {
		t.Fatalf("tables left after down: %v", got)
	}
	if err := Up(t.Context(), db, SQLite); err != nil {
		t.Fatalf("up after down: %v", err)
	}
}

func TestUnknownDialect(t *testing.T) {
	if err := Up(t.Context(), openSQLite(t), "mysql"); !errors.Is(err, ErrDialect) {
		t.Fatalf("Up(mysql) = %v, want ErrDialect", err)
	}
}

// TestDialectsAgree checks that both dialects define the same tables with
// the same columns, apart from SQLite's bounding boxes.
func TestDialectsAgree(t *testing.T) {
	lite, pg := openSQLite(t), openPostgres(t)
	if err := Up(t.Context(), lite, SQLite); err != nil {
		t.Fatal(err)
	}
	if err := Up(t.Context(), pg, Postgres); err != nil {
		t.Fatal(err)
	}
	if v, err := version(t.Context(), pg, Postgres); err != nil || v != latest(t, pg, Postgres) {
		t.Fatalf("Version = %d, %v; want %d", v, err, latest(t, pg, Postgres))
	}
	want := sqliteColumns(t, lite)
	for table, cols := range want {
		want[table] = slices.DeleteFunc(cols, func(c string) bool {
			return c == "minx" || c == "miny" || c == "maxx" || c == "maxy"
		})
	}
	got := map[string][]string{}
	rows, err := pg.QueryContext(t.Context(), `
SELECT table_name, column_name FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name <> 'goose_db_version'
ORDER BY table_name, ordinal_position`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			t.Fatal(err)
		}
		got[table] = append(got[table], col)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for _, table := range tables {
		if !slices.Equal(got[table], want[table]) {
			t.Errorf("%s: postgres columns %v, sqlite %v", table, got[table], want[table])
		}
	}
	if len(got) != len(want) {
		t.Errorf("postgres tables %d, sqlite %d", len(got), len(want))
	}
}

// sqliteColumns returns the columns of each table but goose's own.
func sqliteColumns(t *testing.T, db *sql.DB) map[string][]string {
	t.Helper()
	rows, err := db.QueryContext(t.Context(), `
SELECT m.name, p.name FROM sqlite_schema m, pragma_table_info(m.name) p
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'goose_db_version'
ORDER BY m.name, p.cid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols := map[string][]string{}
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			t.Fatal(err)
		}
		cols[table] = append(cols[table], col)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return cols
}

// version reports the schema version db is at, 0 for a fresh database.
func version(ctx context.Context, db *sql.DB, dialect string) (int64, error) {
	p, err := provider(db, dialect)
	if err != nil {
		return 0, err
	}
	v, err := p.GetDBVersion(ctx)
	if err != nil {
		return 0, fmt.Errorf("migrations: %s: version: %w", dialect, err)
	}
	return v, nil
}

// TestLevelsTable checks that both dialects' levels table holds
// analytics.Hierarchy, and that a region's level must be one of them.
func TestLevelsTable(t *testing.T) {
	for dialect, db := range map[string]*sql.DB{SQLite: openSQLite(t), Postgres: openPostgres(t)} {
		if err := Up(t.Context(), db, dialect); err != nil {
			t.Fatal(err)
		}
		rows, err := db.QueryContext(t.Context(), `SELECT name, code_length, title_zh, title_en FROM levels ORDER BY depth`)
		if err != nil {
			t.Fatal(err)
		}
		var got []analytics.LevelInfo
		for rows.Next() {
			var l analytics.LevelInfo
			if err := rows.Scan(&l.Name, &l.CodeLength, &l.Title.ZH, &l.Title.EN); err != nil {
				t.Fatal(err)
			}
			got = append(got, l)
		}
		rows.Close()
		if !slices.Equal(got, analytics.Hierarchy) {
			t.Errorf("%s: levels %v, want analytics.Hierarchy %v", dialect, got, analytics.Hierarchy)
		}
		insert := `INSERT INTO regions (code, name, level, population, households, area_km2, label_lon, label_lat, generated)
VALUES ($1, 'x', $2, 0, 0, 0, 0, 0, false)`
		if _, err := db.ExecContext(t.Context(), insert, "32", "province"); err != nil {
			t.Errorf("%s: a province: %v", dialect, err)
		}
		if _, err := db.ExecContext(t.Context(), insert, "33", "state"); err == nil {
			t.Errorf("%s: a region of level \"state\" was stored", dialect)
		}
		db.ExecContext(t.Context(), `DELETE FROM regions WHERE code IN ('32', '33')`)
	}
}

// TestLevelsUpgrade: a store made before the levels table keeps its
// regions, and takes a province afterwards, on both dialects.
func TestLevelsUpgrade(t *testing.T) {
	for dialect, db := range map[string]*sql.DB{SQLite: openSQLite(t), Postgres: openPostgres(t)} {
		p, err := provider(db, dialect)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.UpTo(t.Context(), 11); err != nil {
			t.Fatal(err)
		}
		insert := `INSERT INTO regions (code, name, level, parent, population, households, area_km2, label_lon, label_lat, generated)
VALUES ($1, 'x', $2, NULLIF($3, ''), 0, 0, 0, 0, 0, false)`
		if _, err := db.ExecContext(t.Context(), insert, "3206", "city", ""); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(t.Context(), insert, "32", "province", ""); err == nil {
			t.Fatalf("%s: a province before migration 12", dialect)
		}
		if err := Up(t.Context(), db, dialect); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(t.Context(), insert, "32", "province", ""); err != nil {
			t.Errorf("%s: a province after migration 12: %v", dialect, err)
		}
		if _, err := db.ExecContext(t.Context(), `UPDATE regions SET parent = '32' WHERE code = '3206'`); err != nil {
			t.Errorf("%s: the city under the province: %v", dialect, err)
		}
		var n int
		if err := db.QueryRowContext(t.Context(), `SELECT count(*) FROM regions`).Scan(&n); err != nil || n != 2 {
			t.Errorf("%s: %d regions (%v), want 2", dialect, n, err)
		}
		db.ExecContext(t.Context(), `DELETE FROM regions`)
	}
}
