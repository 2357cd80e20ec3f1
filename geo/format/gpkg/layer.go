package gpkg

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/geo/format"
)

// Read reads a feature layer of the GeoPackage at path: layer "" is the
// only one, or the first with a note naming the others. Coordinates are as
// the file holds them; Source.CRS is "EPSG:n" for an EPSG-registered SRS,
// else its WKT definition. A feature whose geometry is NULL or empty has a
// nil Geometry and is named in the notes.
func Read(ctx context.Context, path, layer string) (*format.Layer, error) {
	db, err := open(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	all, err := layers(ctx, db)
	if err != nil {
		return nil, err
	}
	info, notes, err := pick(all, layer)
	if err != nil {
		return nil, err
	}
	cols, colNotes, err := columns(ctx, db, info)
	if err != nil {
		return nil, err
	}
	crs, crsNotes, err := srs(ctx, db, info.SRSID)
	if err != nil {
		return nil, err
	}
	l := &format.Layer{Name: info.Name, Source: format.Source{Format: "geopackage", CRS: crs,
		Notes: append(append(notes, crsNotes...), colNotes...)}}
	for _, c := range cols {
		if c.role == attribute {
			l.Fields = append(l.Fields, format.Field{Name: c.name, Type: c.typ})
		}
	}
	if err := readFeatures(ctx, db, l, cols); err != nil {
		return nil, fmt.Errorf("gpkg: layer %s: %w", info.Name, err)
	}
	return l, nil
}

// srs is the layer's CRS as gpkg_spatial_ref_sys declares it.
func srs(ctx context.Context, db *sql.DB, id int) (string, []string, error) {
	var org, def string
	var code int64
	err := db.QueryRowContext(ctx, `SELECT organization, organization_coordsys_id, definition
		FROM gpkg_spatial_ref_sys WHERE srs_id = ?`, id).Scan(&org, &code, &def)
	if err == sql.ErrNoRows {
		return "", nil, fmt.Errorf("gpkg: srs_id %d is not in gpkg_spatial_ref_sys", id)
	}
	if err != nil {
		return "", nil, fmt.Errorf("gpkg: gpkg_spatial_ref_sys: %w", err)
	}
	switch {
	case strings.EqualFold(org, "EPSG") && code > 0:
		return "EPSG:" + strconv.FormatInt(code, 10), nil, nil
	case strings.TrimSpace(def) == "" || strings.EqualFold(def, "undefined"):
		return "", []string{fmt.Sprintf("the layer's SRS (srs_id %d) is undefined", id)}, nil
	}
	return def, nil, nil
}

// readFeatures reads every row of the layer's table into l.Features.
func readFeatures(ctx context.Context, db *sql.DB, l *format.Layer, cols []column) error {
	exprs := make([]string, len(cols))
	for i, c := range cols {
		exprs[i] = c.expr()
	}
	rows, err := db.QueryContext(ctx, "SELECT "+strings.Join(exprs, ", ")+" FROM "+quoteIdent(l.Name))
	if err != nil {
		return err
	}
	defer rows.Close()
	raw := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	for n := 1; rows.Next(); n++ {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("feature %d: %w", n, err)
		}
		f, err := feature(cols, raw, n)
		if err != nil {
			return err
		}
		if f.Geometry == nil {
			l.Source.Notes = append(l.Source.Notes, fmt.Sprintf("feature %s has no geometry", f.ID))
		}
		l.Features = append(l.Features, f)
	}
	return rows.Err()
}

// feature builds row n from its raw column values; errors name the
// feature by its id (the primary key), or by its row number without one.
func feature(cols []column, raw []any, n int) (format.Feature, error) {
	f := format.Feature{ID: strconv.Itoa(n)}
	for i, c := range cols {
		if c.role == id && raw[i] != nil {
			f.ID = fmt.Sprint(raw[i])
		}
	}
	for i, c := range cols {
		switch c.role {
		case geometry:
			if raw[i] == nil {
				continue
			}
			b, ok := raw[i].([]byte)
			if !ok {
				return f, fmt.Errorf("feature %s: geometry is a %T, not a blob", f.ID, raw[i])
			}
			g, err := decodeGeometry(b)
			if err != nil {
				return f, fmt.Errorf("feature %s: corrupt geometry: %w", f.ID, err)
			}
			f.Geometry = g
		case attribute:
			v, err := convert(raw[i], c.typ)
			if err != nil {
				return f, fmt.Errorf("feature %s: column %s: %w", f.ID, c.name, err)
			}
			f.Values = append(f.Values, v)
		}
	}
	return f, nil
}
