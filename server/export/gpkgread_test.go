package export_test

import (
	"database/sql"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/paulmach/orb/encoding/wkb"
	"github.com/paulmach/orb/encoding/wkt"
)

// gpkgDoc is a GeoPackage read back through SQLite: its identification,
// its CRS, the metadata tables' rows for the layer, and the features.
type gpkgDoc struct {
	ApplicationID int64            `json:"application_id"`
	UserVersion   int64            `json:"user_version"`
	SRS           []map[string]any `json:"gpkg_spatial_ref_sys"`
	Contents      []map[string]any `json:"gpkg_contents"`
	Columns       []map[string]any `json:"gpkg_geometry_columns"`
	Features      []map[string]any `json:"features"`
}

// exportTime stands in for gpkg_contents.last_change, which SQLite fills
// with the time of writing: it is checked to be a recent timestamp, then
// replaced so that the golden file stays the same from run to run.
const exportTime = "(the time of the export)"

func readGPKG(t *testing.T, data []byte, table string) gpkgDoc {
	t.Helper()
	path := filepath.Join(t.TempDir(), "layer.gpkg")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var doc gpkgDoc
	if err := db.QueryRow(`PRAGMA application_id`).Scan(&doc.ApplicationID); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&doc.UserVersion); err != nil {
		t.Fatal(err)
	}
	// The two undefined systems every GeoPackage holds are left out.
	doc.SRS = query(t, db, `SELECT * FROM gpkg_spatial_ref_sys WHERE srs_id > 0 ORDER BY srs_id`)
	doc.Contents = query(t, db, `SELECT * FROM gpkg_contents`)
	for _, row := range doc.Contents {
		// The driver reads a DATETIME column as a time.Time.
		written, ok := row["last_change"].(time.Time)
		if !ok || time.Since(written) > time.Hour || time.Since(written) < -time.Minute {
			t.Errorf("last_change %v is not the time of the export", row["last_change"])
		}
		row["last_change"] = exportTime
	}
	doc.Columns = query(t, db, `SELECT * FROM gpkg_geometry_columns`)
	doc.Features = query(t, db, `SELECT * FROM "`+table+`" ORDER BY fid LIMIT 5`)
	for _, f := range doc.Features {
		f["geom"] = gpkgBlob(t, f["geom"].([]byte))
	}
	return doc
}

// query returns the rows as maps from column name to value.
func query(t *testing.T, db *sql.DB, q string) []map[string]any {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []map[string]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := map[string]any{}
		for i, c := range cols {
			row[c] = vals[i]
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// gpkgBlob decodes a GeoPackage geometry blob (OGC 12-128r18, clause
// 2.1.3): its header fields, envelope, and the WKB geometry as WKT.
func gpkgBlob(t *testing.T, b []byte) map[string]any {
	t.Helper()
	if len(b) < 8 || string(b[:2]) != "GP" {
		t.Fatalf("not a GeoPackage blob: % x", b[:min(len(b), 8)])
	}
	flags := b[3]
	order := binary.ByteOrder(binary.BigEndian)
	if flags&1 == 1 {
		order = binary.LittleEndian
	}
	doubles := map[byte]int{0: 0, 1: 4, 2: 6, 3: 6, 4: 8}[(flags>>1)&7]
	env := make([]float64, doubles)
	for i := range env {
		env[i] = math.Float64frombits(order.Uint64(b[8+8*i:]))
	}
	g, err := wkb.Unmarshal(b[8+8*doubles:])
	if err != nil {
		t.Fatal(err)
	}
	return map[string]any{"version": b[2], "flags": flags, "srs_id": int32(order.Uint32(b[4:8])),
		"envelope": env, "wkt": wkt.MarshalString(g)}
}
