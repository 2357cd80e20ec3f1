package importer

import (
	"archive/zip"
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/geo/format"
	"github.com/community-atlas/atlas/geo/format/geojson"
	"github.com/community-atlas/atlas/geo/format/gpkg"
	"github.com/community-atlas/atlas/geo/format/kml"
	"github.com/community-atlas/atlas/geo/format/shp"
	"github.com/community-atlas/atlas/geo/format/table"
)

// Geometry formats, as the report names them.
const (
	FormatShapefile  = "shapefile"
	FormatGeoPackage = "geopackage"
	FormatGeoJSON    = "geojson"
	FormatKML        = "kml"
	FormatXLSX       = "xlsx"
	FormatCSV        = "csv"
)

// sniffGeo tells a geometry file's format by its content, then by its name:
// a zip holding a .shp (a Shapefile set), a .kml (KMZ) or a workbook
// (XLSX), a SQLite database (GeoPackage), KML's XML, JSON, or text whose
// first line is split by a delimiter (CSV).
func sniffGeo(file string, data []byte) string {
	switch {
	case IsZip(data):
		switch {
		case zipHas(data, ".shp"):
			return FormatShapefile
		case zipHas(data, ".kml"):
			return FormatKML
		case zipHas(data, "xl/workbook.xml"):
			return FormatXLSX
		}
		return "zip"
	case bytes.HasPrefix(data, []byte("SQLite format 3\x00")):
		return FormatGeoPackage
	}
	head := textHead(data)
	switch {
	case bytes.HasPrefix(head, []byte("{")):
		return FormatGeoJSON
	case bytes.Contains(head, []byte("<kml")):
		return FormatKML
	}
	switch strings.ToLower(path.Ext(file)) {
	case ".gpkg":
		return FormatGeoPackage
	case ".kml", ".kmz":
		return FormatKML
	case ".shp", ".zip":
		return FormatShapefile
	case ".csv", ".tsv", ".txt":
		return FormatCSV
	case ".xlsx":
		return FormatXLSX
	}
	if delimited(head) {
		return FormatCSV
	}
	return FormatGeoJSON
}

// delimited reports text whose first line is split by a comma, a
// semicolon or a tab, and that does not open as JSON or XML does.
func delimited(head []byte) bool {
	line, _, _ := bytes.Cut(head, []byte("\n"))
	return len(line) > 0 && !bytes.ContainsAny(line[:1], "[<") && bytes.ContainsAny(line, ",;\t")
}

// IsGeoJSON reports whether a geometry file whose first bytes are head is
// GeoJSON.
func IsGeoJSON(file string, head []byte) bool {
	return bytes.HasPrefix(textHead(head), []byte("{")) && sniffGeo(file, head) == FormatGeoJSON
}

// textHead is the start of a text file without its byte order mark and
// leading white space.
func textHead(data []byte) []byte {
	return bytes.TrimLeft(bytes.TrimPrefix(data[:min(len(data), 1024)], []byte("\xef\xbb\xbf")), " \t\r\n")
}

// zipHas reports whether a zip holds an entry ending in ext.
func zipHas(data []byte, ext string) bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	for _, f := range zr.File {
		if strings.HasSuffix(strings.ToLower(f.Name), ext) {
			return true
		}
	}
	return false
}

// readLayer reads a geometry file of format f (see sniffGeo) into a layer
// in the file's own coordinates (see place). Zips are checked against the
// upload limits before a format's reader opens them.
func readLayer(ctx context.Context, file string, data []byte, f string, opts Options) (*format.Layer, []Problem, error) {
	if IsZip(data) {
		if err := CheckZip(file, data, opts.maxBytes()); err != nil {
			return nil, nil, err
		}
	}
	var (
		l   *format.Layer
		err error
	)
	switch f {
	case FormatShapefile:
		var layers []*format.Layer
		if layers, err = shp.ReadZip(data); err == nil {
			l, err = pickLayer(layers, opts.Layer)
		}
	case FormatGeoPackage:
		l, err = gpkg.ReadBytes(ctx, data, opts.Layer)
	case FormatKML:
		l, err = kml.Read(data)
	case "zip":
		err = fmt.Errorf("the zip holds neither a Shapefile set (.shp with its .dbf), a KML file nor a workbook")
	case FormatCSV, FormatXLSX:
		return readTable(file, data, opts)
	default:
		var text []byte
		if text, err = decodeText(data); err == nil {
			l, err = geojson.Read(text)
		}
	}
	return l, nil, err
}

// pickLayer is the layer named (a Shapefile's base name), or the only one,
// or the first with a note naming the others.
func pickLayer(layers []*format.Layer, name string) (*format.Layer, error) {
	names := make([]string, len(layers))
	for i, l := range layers {
		names[i] = l.Name
		if name != "" && l.Name == name {
			return l, nil
		}
	}
	switch {
	case len(layers) == 0:
		return nil, fmt.Errorf("the file holds no layer")
	case name != "":
		return nil, fmt.Errorf("no layer %q: the file holds %s", name, strings.Join(names, ", "))
	case len(layers) > 1:
		layers[0].Source.Notes = append(layers[0].Source.Notes,
			fmt.Sprintf("read layer %s, the first of %s (choose with --layer)", names[0], strings.Join(names, ", ")))
	}
	return layers[0], nil
}

// readTable reads a table of places as a layer (see table.ReadLayer). Rows
// whose geometry cannot be read are left out of the layer and come back as
// problems at their sheet and row.
func readTable(file string, data []byte, opts Options) (*format.Layer, []Problem, error) {
	l, bad, err := table.ReadLayer(file, data, opts.Layer)
	if err != nil {
		return nil, nil, err
	}
	probs := make([]Problem, len(bad))
	for i, e := range bad {
		probs[i] = Problem{Sheet: e.Sheet, Row: e.Row, Field: e.Column, Message: e.Why}
	}
	return l, probs, nil
}

// tableRows places the problems of a table's features at their sheet and
// row, as people find them in a spreadsheet, rather than at a feature's
// number. err passes through unless it is an *Error.
func tableRows(l *format.Layer, err error) error {
	var ie *Error
	if !isTable(l) || !errors.As(err, &ie) {
		return err
	}
	for i, p := range ie.Problems {
		if p.Feature < 1 || p.Feature > len(l.Features) {
			continue
		}
		ie.Problems[i].Row, _ = strconv.Atoi(l.Features[p.Feature-1].ID)
		ie.Problems[i].Sheet, ie.Problems[i].Feature = sheetOf(l), 0
	}
	slices.SortStableFunc(ie.Problems, func(a, b Problem) int { return cmp.Compare(a.Row, b.Row) })
	return err
}

// isTable reports a layer read from a CSV file or a workbook.
func isTable(l *format.Layer) bool {
	return l != nil && (l.Source.Format == FormatCSV || l.Source.Format == FormatXLSX)
}

// sheetOf names a workbook layer's sheet; a CSV file has none.
func sheetOf(l *format.Layer) string {
	if l.Source.Format == FormatXLSX {
		return l.Name
	}
	return ""
}

// featureName names feature i of a layer for messages: "row 7" of a
// table, "feature 3" of any other file.
func featureName(l *format.Layer, i int) string {
	if isTable(l) {
		return "row " + l.Features[i].ID
	}
	return "feature " + strconv.Itoa(i+1)
}
