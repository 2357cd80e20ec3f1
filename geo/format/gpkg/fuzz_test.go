package gpkg

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/community-atlas/atlas/geo/format"
	"github.com/paulmach/orb"
)

// maxFuzzInput caps the inputs: SQLite reads files of any size, and big
// ones only slow the fuzzer down.
const maxFuzzInput = 256 << 10

// FuzzDecodeGeometry: no blob makes the decoder panic.
func FuzzDecodeGeometry(f *testing.F) {
	f.Add([]byte("GP\x00\x01\xe6\x10\x00\x00\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\xf0?\x00\x00\x00\x00\x00\x00\x00@"))
	poly, _ := gpkgGeometry(orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}}, 4326)
	f.Add(poly)
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > maxFuzzInput {
			return
		}
		_, _ = decodeGeometry(b)
	})
}

// FuzzReadBytes: no file makes the reader panic. Most mutations of a
// GeoPackage make SQLite report a malformed database, which must come back
// as an error. The seed is the writer's smallest GeoPackage; even so the
// fuzzer spends most of its time minimising the large inputs it finds
// interesting, so FuzzReadRow fuzzes the contents of a valid file too.
func FuzzReadBytes(f *testing.F) {
	f.Add(smallGPKG(f))
	f.Add([]byte("SQLite format 3\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		_, _ = ReadBytes(context.Background(), data, "")
	})
}

// smallGPKG is a GeoPackage of one point with one text attribute.
func smallGPKG(f *testing.F) []byte {
	var small bytes.Buffer
	if err := Write(context.Background(), &small, &format.Layer{Name: "p", Fields: []format.Field{{Name: "n"}},
		Features: []format.Feature{{Geometry: orb.Point{1, 2}, Values: []any{"名"}}}}); err != nil {
		f.Fatal(err)
	}
	return small.Bytes()
}

// FuzzReadRow: whatever a valid GeoPackage's row and SRS hold — any
// geometry blob, any value in any column, any declared type and SRS — the
// reader answers without panicking.
func FuzzReadRow(f *testing.F) {
	base := smallGPKG(f)
	good, _ := gpkgGeometry(orb.Point{1, 2}, 4326)
	f.Add(good, "名", "TEXT", "EPSG", int64(4326))
	f.Add([]byte("GP\x00\x03"), "1.5", "MEDIUMINT", "NONE", int64(-1))
	f.Fuzz(func(t *testing.T, geom []byte, value, decl, org string, code int64) {
		if len(geom)+len(value)+len(decl)+len(org) > 4096 {
			return
		}
		path := filepath.Join(t.TempDir(), "f.gpkg")
		if err := os.WriteFile(path, base, 0o600); err != nil {
			t.Fatal(err)
		}
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		stmts := []string{"UPDATE p SET geom = ?, n = ?", "UPDATE gpkg_spatial_ref_sys SET organization = ?, organization_coordsys_id = ? WHERE srs_id = 990002"}
		if _, err := db.Exec(stmts[0], geom, value); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(stmts[1], org, code); err != nil {
			t.Fatal(err)
		}
		// A column of the fuzzed declared type, if SQLite accepts it.
		if _, err := db.Exec("ALTER TABLE p ADD COLUMN x " + quoteIdent(decl)); err == nil {
			_, _ = db.Exec("UPDATE p SET x = ?", value)
		}
		db.Close()
		_, _ = Read(context.Background(), path, "")
	})
}
