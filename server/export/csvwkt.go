package export

import (
	"io"

	"github.com/community-atlas/atlas/geo/format"
	"github.com/community-atlas/atlas/geo/format/table"
	"github.com/community-atlas/atlas/server/msg"
	"github.com/paulmach/orb/encoding/wkt"
)

// WriteCSVWKT writes the layer as CSV (UTF-8 with a BOM): a WKT column with
// the geometry, then the attributes. GDAL and QGIS pick the WKT column up
// as the geometry.
func WriteCSVWKT(w io.Writer, l *Layer) error {
	return wktTable(l).WriteCSV(w)
}

// MaxCellText is the most text an XLSX cell holds (Excel's limit).
const MaxCellText = 32767

// CellTooLongError is a geometry too detailed for an XLSX cell.
type CellTooLongError struct {
	Feature string
	Chars   int
}

func (e *CellTooLongError) Error() string { return e.In(msg.EN) }

// In says the error in l.
func (e *CellTooLongError) In(l msg.Lang) string {
	return msg.New("feature %s: its geometry takes %d characters of WKT, more than an XLSX cell holds (%d); export it as GeoPackage, Shapefile, GeoJSON or CSV",
		e.Feature, e.Chars, MaxCellText).In(l)
}

// WriteXLSXWKT writes the layer as a worksheet with the columns of
// WriteCSVWKT: the importer reads either back. A geometry whose WKT
// exceeds a cell is a *CellTooLongError: Excel would cut it.
func WriteXLSXWKT(w io.Writer, l *Layer) error {
	t := wktTable(l)
	for i, row := range t.Rows {
		if n := len(row[0].(string)); n > MaxCellText {
			return &CellTooLongError{Feature: l.Features[i].ID, Chars: n}
		}
	}
	return t.WriteXLSX(w)
}

// wktTable is the layer as a table: a WKT column, then the attributes
// headed by their names, not their titles, as a GIS file is.
func wktTable(l *Layer) *table.Table {
	t := &table.Table{Name: l.Name, Columns: []Field{{Name: "WKT", Type: String}}}
	for _, f := range l.Fields {
		t.Columns = append(t.Columns, Field{Name: f.Name, Type: f.Type})
	}
	t.Rows = make([][]any, len(l.Features))
	for i, f := range l.Features {
		t.Rows[i] = append([]any{wkt.MarshalString(format.Multi(f.Geometry))}, f.Values...)
	}
	return t
}
