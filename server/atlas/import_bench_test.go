package atlas_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/community-atlas/atlas/internal/pgtest"
	"github.com/community-atlas/atlas/seeds/bigobs"
	"github.com/community-atlas/atlas/server/atlas"
	"github.com/community-atlas/atlas/server/importer"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/postgis"
	"github.com/community-atlas/atlas/server/store/sqlite"
)

// The import benchmarks write a file of bigobs rows (a million, or
// BENCH_IMPORT_ROWS) and import it with ImportFile, as `atlas import
// observations` does, into a store freshly seeded with Nantong each
// iteration; they report rows a second. Peak memory is the CLI's, measured
// with /usr/bin/time (docs/BENCHMARKS.md).
//
//	go test -run='^$' -bench=ImportObservations -benchtime=1x ./server/atlas

func BenchmarkImportObservationsCSVSQLite(b *testing.B) {
	benchImport(b, "obs.csv", bigobs.WriteCSV, sqliteStores(b))
}

func BenchmarkImportObservationsXLSXSQLite(b *testing.B) {
	benchImport(b, "obs.xlsx", bigobs.WriteXLSX, sqliteStores(b))
}

func BenchmarkImportObservationsCSVPostgres(b *testing.B) {
	benchImport(b, "obs.csv", bigobs.WriteCSV, postgresStores)
}

func BenchmarkImportObservationsXLSXPostgres(b *testing.B) {
	benchImport(b, "obs.xlsx", bigobs.WriteXLSX, postgresStores)
}

func benchRows() int {
	if n, err := strconv.Atoi(os.Getenv("BENCH_IMPORT_ROWS")); err == nil && n > 0 {
		return n
	}
	return 1_000_000
}

// seededStore opens a store holding the Nantong seeds, closed when b ends.
type seededStore func(b *testing.B) store.Store

func benchImport(b *testing.B, name string, write func(io.Writer, int) error, open seededStore) {
	n := benchRows()
	path := filepath.Join(b.TempDir(), name)
	f, err := os.Create(path)
	must(b, err)
	must(b, write(f, n))
	must(b, f.Close())
	log := slog.New(slog.DiscardHandler)
	for b.Loop() {
		b.StopTimer()
		a, err := atlas.New(b.Context(), open(b), log, false)
		must(b, err)
		a.SkipReloads()
		b.StartTimer()
		res, err := a.ImportFile(b.Context(), importer.Observations, path, importer.Options{})
		must(b, err)
		if res.Batch.Rows != n {
			b.Fatalf("wrote %d rows, want %d", res.Batch.Rows, n)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// sqliteStores seeds one SQLite file and gives each iteration a copy.
func sqliteStores(b *testing.B) seededStore {
	dir := b.TempDir()
	seeded := filepath.Join(dir, "seeded.db")
	st, err := sqlite.Open(b.Context(), seeded)
	must(b, err)
	_, err = atlas.New(b.Context(), st, slog.New(slog.DiscardHandler), true)
	must(b, err)
	must(b, st.Close())
	data, err := os.ReadFile(seeded)
	must(b, err)
	i := 0
	return func(b *testing.B) store.Store {
		i++
		path := filepath.Join(dir, strconv.Itoa(i)+".db")
		must(b, os.WriteFile(path, data, 0o600))
		st, err := sqlite.Open(b.Context(), path)
		must(b, err)
		b.Cleanup(func() { st.Close() })
		return st
	}
}

// postgresStores seeds a new schema of the test database.
func postgresStores(b *testing.B) store.Store {
	st, err := postgis.Open(b.Context(), pgtest.URL(b))
	must(b, err)
	b.Cleanup(func() { st.Close() })
	_, err = atlas.New(context.Background(), st, slog.New(slog.DiscardHandler), true)
	must(b, err)
	return st
}

func must(b *testing.B, err error) {
	b.Helper()
	if err != nil {
		b.Fatal(err)
	}
}
