// Package gpkg reads and writes GeoPackages (OGC 12-128r18): the writer
// makes one feature table from a layer; the reader gives any feature table
// of a file as a layer, its SRS as declared in gpkg_spatial_ref_sys. Both
// go through the pure-Go SQLite driver, which needs a file: the writer
// builds in a temporary directory, ReadBytes reads from one.
package gpkg

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/community-atlas/atlas/geo/format"
	_ "modernc.org/sqlite" // the pure-Go SQLite driver
)

// gpkgSchema creates the tables the GeoPackage 1.3 core requires
// (OGC 12-128r18, clauses 1.1.2–1.1.3 and 2.1.5) and the three required
// spatial reference systems.
const gpkgSchema = `
PRAGMA application_id = 1196444487;
PRAGMA user_version = 10300;
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
INSERT INTO gpkg_spatial_ref_sys VALUES
  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
`

// gcjSRSID is the srs_id of GCJ-02, which has no EPSG code.
const gcjSRSID = 990002

// Write writes the layer as a GeoPackage with one feature table named
// after the layer. SQLite needs a file, so the package is built in a
// temporary directory and copied to w.
func Write(ctx context.Context, w io.Writer, l *format.Layer) error {
	if err := l.Check(); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "atlas-gpkg-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "layer.gpkg")
	if err := buildGPKG(ctx, l, path); err != nil {
		return fmt.Errorf("gpkg: write %s: %w", l.Name, err)
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

func buildGPKG(ctx context.Context, l *format.Layer, path string) error {
	db, err := sql.Open("sqlite", path+"?_pragma=journal_mode(OFF)&_pragma=synchronous(OFF)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, gpkgSchema); err != nil {
		return err
	}
	srsID := l.CRS.EPSG
	org := "EPSG"
	if srsID == 0 {
		srsID, org = gcjSRSID, "NONE"
	}
	if _, err := db.ExecContext(ctx, `INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)`,
		l.CRS.Title, srsID, org, srsID, l.CRS.WKT, l.CRS.Title); err != nil {
		return err
	}
	gtype := l.GeometryType()
	if _, err := db.ExecContext(ctx, createTable(l, gtype)); err != nil {
		return err
	}
	b := l.Bound()
	if _, err := db.ExecContext(ctx, `INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id)
		VALUES (?, 'features', ?, '', ?, ?, ?, ?, ?)`, l.Name, l.Name, b.Min[0], b.Min[1], b.Max[0], b.Max[1], srsID); err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)`, l.Name, gtype, srsID); err != nil {
		return err
	}
	return insertFeatures(ctx, l, db, int32(srsID))
}

func createTable(l *format.Layer, gtype string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE TABLE %s (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom %s", quoteIdent(l.Name), gtype)
	for _, f := range l.Fields {
		fmt.Fprintf(&b, ", %s %s", quoteIdent(f.Name), sqlTypes[f.Type])
	}
	b.WriteString(")")
	return b.String()
}

var sqlTypes = map[format.Type]string{format.String: "TEXT", format.Integer: "INTEGER", format.Real: "REAL", format.Boolean: "BOOLEAN"}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func insertFeatures(ctx context.Context, l *format.Layer, db *sql.DB, srsID int32) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	cols := []string{"geom"}
	marks := []string{"?"}
	for _, f := range l.Fields {
		cols = append(cols, quoteIdent(f.Name))
		marks = append(marks, "?")
	}
	stmt, err := tx.PrepareContext(ctx, fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)",
		quoteIdent(l.Name), strings.Join(cols, ", "), strings.Join(marks, ", ")))
	if err != nil {
		return err
	}
	defer stmt.Close()
	args := make([]any, len(l.Fields)+1)
	for i, f := range l.Features {
		blob, err := gpkgGeometry(format.Multi(f.Geometry), srsID)
		if err != nil {
			return fmt.Errorf("feature %d: %w", i+1, err)
		}
		args[0] = blob
		copy(args[1:], f.Values)
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("feature %d: %w", i+1, err)
		}
	}
	return tx.Commit()
}
