package shp

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/community-atlas/atlas/geo/format"
)

// readColumn is a DBF column the layer keeps: its field, where it is in
// the record, and how its values read.
type readColumn struct {
	field    format.Field
	at       int
	kind     byte
	decimals int
}

// layout turns the table's columns into the layer's fields: C and D are
// text, L boolean, N and F integers when they have no decimals and every
// value fits an int64, else reals. Other columns (memo, binary, …) are
// skipped with a note.
func layout(file string, t *table, codec textCodec) ([]readColumn, []string) {
	var out []readColumn
	var notes []string
	for j, c := range t.columns {
		rc := readColumn{field: format.Field{Name: codec.decode(c.name)}, at: j, kind: c.kind, decimals: c.decimals}
		switch c.kind {
		case 'C', 'D':
			rc.field.Type = format.String
		case 'L':
			rc.field.Type = format.Boolean
		case 'N', 'F':
			rc.field.Type = format.Real
			if c.decimals == 0 && allIntegers(t, j) {
				rc.field.Type = format.Integer
			}
		default:
			notes = append(notes, fmt.Sprintf("%s column %s of type %q skipped", file, rc.field.Name, c.kind))
			continue
		}
		out = append(out, rc)
	}
	return out, notes
}

// allIntegers reports whether every non-null value of column j parses as
// an int64.
func allIntegers(t *table, j int) bool {
	for _, r := range t.records {
		s := trimValue(r.fields[j])
		if _, err := strconv.ParseInt(s, 10, 64); s != "" && err != nil {
			return false
		}
	}
	return true
}

// trimValue is a non-text field without its padding; a field of
// asterisks, which GDAL writes for null numbers (and dBASE for numbers too
// wide for the column), is blank.
func trimValue(raw []byte) string {
	b := bytes.Trim(raw, " \x00")
	if len(bytes.Trim(b, "*")) == 0 {
		return ""
	}
	return string(b)
}

// value reads one field; blank numbers, dates and logicals are nil.
func (c readColumn) value(raw []byte, codec textCodec) (any, error) {
	if c.kind == 'C' {
		return codec.decode(bytes.TrimRight(raw, " \x00")), nil
	}
	s := trimValue(raw)
	switch {
	case s == "":
		return nil, nil
	case c.kind == 'L':
		return logical(s)
	case c.kind == 'D':
		return date(s)
	case c.field.Type == format.Integer:
		return strconv.ParseInt(s, 10, 64)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return nil, fmt.Errorf("%q is not a number", s)
	}
	return v, nil
}

func logical(s string) (any, error) {
	switch s {
	case "T", "t", "Y", "y":
		return true, nil
	case "F", "f", "N", "n":
		return false, nil
	case "?":
		return nil, nil
	}
	return nil, fmt.Errorf("%q is not a logical value (T, F, Y, N or ?)", s)
}

// date gives a dBASE date (YYYYMMDD) as YYYY-MM-DD; 00000000 is no date.
func date(s string) (any, error) {
	if s == "00000000" {
		return nil, nil
	}
	d, err := time.Parse("20060102", s)
	if err != nil {
		return nil, fmt.Errorf("%q is not a date (YYYYMMDD)", s)
	}
	return d.Format(time.DateOnly), nil
}
