package gpkg

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/community-atlas/atlas/geo/format"
)

// LayerInfo describes a feature table of a GeoPackage.
type LayerInfo struct {
	Name           string // the table name
	GeometryColumn string
	GeometryType   string // as declared: POINT, MULTIPOLYGON, GEOMETRY, …
	SRSID          int    // the srs_id of gpkg_spatial_ref_sys
	Count          int64  // rows
}

// ErrNotGeoPackage is wrapped by the errors of files that are not
// GeoPackages: not SQLite, or SQLite without the GeoPackage tables.
var ErrNotGeoPackage = errors.New("not a GeoPackage")

// open opens the file read-only and immutable: an uploaded file is never
// written, and no journal or lock files appear beside it. The schema is
// untrusted, so SQL functions in its views and triggers stay disabled.
func open(path string) (*sql.DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("gpkg: %w", err)
	}
	// Only the file: form passes mode and immutable on to SQLite; the
	// driver drops the query of a plain path.
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs),
		RawQuery: "mode=ro&immutable=1&_pragma=trusted_schema(0)"}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// Layers lists the feature tables of the GeoPackage at path, in the order
// of gpkg_contents.
func Layers(path string) ([]LayerInfo, error) {
	db, err := open(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return layers(context.Background(), db)
}

func layers(ctx context.Context, db *sql.DB) ([]LayerInfo, error) {
	rows, err := db.QueryContext(ctx, `SELECT c.table_name, g.column_name, g.geometry_type_name, g.srs_id
		FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
		WHERE c.data_type = 'features' ORDER BY c.rowid`)
	if err != nil {
		return nil, fmt.Errorf("gpkg: %w: %v", ErrNotGeoPackage, err)
	}
	defer rows.Close()
	var out []LayerInfo
	for rows.Next() {
		var l LayerInfo
		if err := rows.Scan(&l.Name, &l.GeometryColumn, &l.GeometryType, &l.SRSID); err != nil {
			return nil, fmt.Errorf("gpkg: gpkg_geometry_columns: %w", err)
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("gpkg: %w: %v", ErrNotGeoPackage, err)
	}
	for i := range out {
		q := "SELECT count(*) FROM " + quoteIdent(out[i].Name)
		if err := db.QueryRowContext(ctx, q).Scan(&out[i].Count); err != nil {
			return nil, fmt.Errorf("gpkg: layer %s: %w", out[i].Name, err)
		}
	}
	return out, nil
}

// pick chooses the layer named name, or for "" the only or first one (with
// a note naming the others).
func pick(all []LayerInfo, name string) (LayerInfo, []string, error) {
	names := make([]string, len(all))
	for i, l := range all {
		names[i] = l.Name
	}
	if len(all) == 0 {
		return LayerInfo{}, nil, errors.New("gpkg: the GeoPackage holds no feature layer")
	}
	if name == "" {
		var notes []string
		if len(all) > 1 {
			notes = append(notes, fmt.Sprintf("layer %s read, the first of %d; the others: %s",
				all[0].Name, len(all), strings.Join(names[1:], ", ")))
		}
		return all[0], notes, nil
	}
	for _, l := range all {
		if l.Name == name {
			return l, nil, nil
		}
	}
	return LayerInfo{}, nil, fmt.Errorf("gpkg: no layer %q; the GeoPackage holds: %s", name, strings.Join(names, ", "))
}

// ReadBytes reads a layer of a GeoPackage held in memory (an upload): SQLite
// needs a file, so the data is written to a temporary one, always removed.
func ReadBytes(ctx context.Context, data []byte, layer string) (*format.Layer, error) {
	dir, err := os.MkdirTemp("", "atlas-gpkg-read-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "upload.gpkg")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return nil, err
	}
	return Read(ctx, path, layer)
}
