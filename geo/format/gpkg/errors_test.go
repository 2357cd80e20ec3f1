package gpkg_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/geo/format/gpkg"
	"github.com/community-atlas/atlas/geo/format/internal/formattest"
)

// edit writes the sample GeoPackage to a file, runs the statements on it,
// and returns its bytes.
func edit(t *testing.T, stmts ...string) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "edit.gpkg")
	if err := os.WriteFile(path, write(t, formattest.Sample()), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	db.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Each kind of bad input gets its own message.
func TestReadErrors(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name, layer, want string
		data              []byte
	}{
		{"text", "", "not a GeoPackage", []byte("code,name\n32,江苏\n")},
		{"plain SQLite", "", "not a GeoPackage", edit(t, "DROP TABLE gpkg_geometry_columns")},
		{"no layer", "", "holds no feature layer", edit(t, "DELETE FROM gpkg_geometry_columns")},
		{"unknown layer", "towns", `no layer "towns"; the GeoPackage holds: regions`, edit(t)},
		{"corrupt blob", "", "feature 2: corrupt geometry: WKB",
			edit(t, "UPDATE regions SET geom = X'47500003e610000000000000000000000000000000000000000000000000000000000000000000000001030000' WHERE fid = 2")},
		{"bad header", "", "feature 3: corrupt geometry: not a GeoPackage geometry blob",
			edit(t, "UPDATE regions SET geom = X'0103000000' WHERE fid = 3")},
		{"text in an integer column", "", "feature 1: column population: value many (string)",
			edit(t, "UPDATE regions SET population = 'many' WHERE fid = 1")},
		{"missing SRS", "", "srs_id 4326 is not in gpkg_spatial_ref_sys",
			edit(t, "PRAGMA foreign_keys = OFF", "DELETE FROM gpkg_spatial_ref_sys WHERE srs_id = 4326")},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := gpkg.ReadBytes(ctx, c.data, c.layer)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one saying %q", err, c.want)
			}
		})
	}
	_, err := gpkg.ReadBytes(ctx, []byte("x"), "")
	if !errors.Is(err, gpkg.ErrNotGeoPackage) {
		t.Errorf("%v does not wrap ErrNotGeoPackage", err)
	}
}

// A BLOB column is left out, a NULL geometry kept as nil, an SRS of
// another organisation given as its definition; each is noted.
func TestReadNotes(t *testing.T) {
	data := edit(t, "ALTER TABLE regions ADD COLUMN photo BLOB", "UPDATE regions SET geom = NULL WHERE fid = 1",
		"INSERT INTO gpkg_spatial_ref_sys VALUES ('local', 7, 'ACME', 7, 'LOCAL_CS[\"site grid\"]', '')",
		"UPDATE gpkg_geometry_columns SET srs_id = 7")
	l, err := gpkg.ReadBytes(context.Background(), data, "regions")
	if err != nil {
		t.Fatal(err)
	}
	if l.Source.CRS != `LOCAL_CS["site grid"]` || len(l.Fields) != 5 || l.Features[0].Geometry != nil {
		t.Errorf("CRS %q, %d fields, first geometry %v", l.Source.CRS, len(l.Fields), l.Features[0].Geometry)
	}
	want := "column photo (BLOB) skipped|feature 1 has no geometry"
	if got := strings.Join(l.Source.Notes, "|"); got != want {
		t.Errorf("notes %q, want %q", got, want)
	}
}
