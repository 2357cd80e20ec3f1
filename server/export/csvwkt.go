package export

import (
	"io"

	"github.com/community-atlas/atlas/geo/format"
	"github.com/community-atlas/atlas/geo/format/table"
	"github.com/paulmach/orb/encoding/wkt"
)

// WriteCSV writes the layer as CSV (UTF-8 with a BOM): a WKT column with
// the geometry, then the attributes. GDAL and QGIS pick the WKT column up
// as the geometry.
func WriteCSVWKT(w io.Writer, l *Layer) error {
	t := table.Table{Name: l.Name, Columns: []Field{{Name: "WKT", Type: String}}}
	for _, f := range l.Fields {
		t.Columns = append(t.Columns, Field{Name: f.Name, Type: f.Type}) // names, not titles, head a GIS file
	}
	t.Rows = make([][]any, len(l.Features))
	for i, f := range l.Features {
		t.Rows[i] = append([]any{wkt.MarshalString(format.Multi(f.Geometry))}, f.Values...)
	}
	return t.WriteCSV(w)
}
