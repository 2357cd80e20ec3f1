package gpkg

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/geo/format"
)

// role is what a column of a feature table becomes.
type role int

const (
	attribute role = iota // a field of the layer
	id                    // the integer primary key: the feature's ID
	geometry              // the layer's geometry column
	skipped               // a BLOB, which no field type holds
)

type column struct {
	name string
	role role
	typ  format.Type
	// text selects the column as text: DATE and DATETIME, which the driver
	// would otherwise parse into a time.Time, keep the file's spelling.
	text bool
}

func (c column) expr() string {
	if c.text {
		return "CAST(" + quoteIdent(c.name) + " AS TEXT)"
	}
	return quoteIdent(c.name)
}

// columns reads the table's columns and their roles from its declared
// types (GeoPackage 1.3, table 1 of clause 1.1.1.1.3).
func columns(ctx context.Context, db *sql.DB, info LayerInfo) ([]column, []string, error) {
	rows, err := db.QueryContext(ctx, `SELECT name, type, pk FROM pragma_table_info(?)`, info.Name)
	if err != nil {
		return nil, nil, fmt.Errorf("gpkg: layer %s: %w", info.Name, err)
	}
	defer rows.Close()
	var cols []column
	var notes []string
	for rows.Next() {
		var name, decl string
		var pk int
		if err := rows.Scan(&name, &decl, &pk); err != nil {
			return nil, nil, fmt.Errorf("gpkg: layer %s: %w", info.Name, err)
		}
		c, note := classify(name, decl, pk > 0, info.GeometryColumn)
		if note != "" {
			notes = append(notes, note)
		}
		if c.role != skipped {
			cols = append(cols, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("gpkg: layer %s: %w", info.Name, err)
	}
	if len(cols) == 0 && len(notes) == 0 {
		return nil, nil, fmt.Errorf("gpkg: layer %s: no such table", info.Name)
	}
	return cols, notes, nil
}

// classify gives a column its role and type by its declared type, with a
// note for the reader's report when a column is left out or guessed.
func classify(name, decl string, pk bool, geomCol string) (column, string) {
	c := column{name: name}
	base, _, _ := strings.Cut(strings.ToUpper(strings.TrimSpace(decl)), "(")
	switch base = strings.TrimSpace(base); {
	case strings.EqualFold(name, geomCol):
		c.role = geometry
	case pk && strings.Contains(base, "INT"):
		c.role = id
	case base == "BOOLEAN":
		c.typ = format.Boolean
	case strings.Contains(base, "INT"):
		c.typ = format.Integer
	case base == "REAL" || base == "DOUBLE" || base == "FLOAT":
		c.typ = format.Real
	case base == "TEXT":
		c.typ = format.String
	case base == "DATE" || base == "DATETIME":
		c.typ, c.text = format.String, true
	case base == "BLOB":
		c.role = skipped
		return c, fmt.Sprintf("column %s (BLOB) skipped", name)
	default:
		c.typ, c.text = format.String, true
		return c, fmt.Sprintf("column %s of type %q read as text", name, decl)
	}
	return c, ""
}

// convert turns a value as SQLite stores it into the field's type. SQLite
// lets any column hold any value, so a mismatch that loses nothing is
// accepted (an integral REAL in an INTEGER column) and any other is an
// error.
func convert(v any, t format.Type) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch t {
	case format.Integer:
		switch x := v.(type) {
		case int64:
			return x, nil
		case float64:
			if x == math.Trunc(x) && math.Abs(x) < 1<<63 {
				return int64(x), nil
			}
		}
	case format.Real:
		switch x := v.(type) {
		case float64:
			return x, nil
		case int64:
			return float64(x), nil
		}
	case format.Boolean:
		switch x := v.(type) {
		case bool:
			return x, nil
		case int64:
			if x == 0 || x == 1 {
				return x == 1, nil
			}
		}
	case format.String:
		switch x := v.(type) {
		case string:
			return x, nil
		case []byte:
			return string(x), nil
		case int64:
			return strconv.FormatInt(x, 10), nil
		case float64:
			return strconv.FormatFloat(x, 'g', -1, 64), nil
		}
	}
	return nil, fmt.Errorf("value %v (%T) does not fit the column's type", v, v)
}
