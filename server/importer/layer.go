package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/community-atlas/atlas/geo/format"
	"github.com/community-atlas/atlas/geo/format/geojson"
	"github.com/community-atlas/atlas/geo/format/gpkg"
	"github.com/community-atlas/atlas/geo/format/kml"
	"github.com/community-atlas/atlas/geo/format/shp"
)

// Geometry formats, as the report names them.
const (
	FormatShapefile  = "shapefile"
	FormatGeoPackage = "geopackage"
	FormatGeoJSON    = "geojson"
	FormatKML        = "kml"
)

// sniffGeo tells a geometry file's format by its content, then by its name:
// a zip holding a .shp (a Shapefile set) or a .kml (KMZ), a SQLite database
// (GeoPackage), KML's XML, or JSON.
func sniffGeo(file string, data []byte) string {
	switch {
	case IsZip(data):
		switch {
		case zipHas(data, ".shp"):
			return FormatShapefile
		case zipHas(data, ".kml"):
			return FormatKML
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
	}
	return FormatGeoJSON
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
func readLayer(ctx context.Context, file string, data []byte, f string, opts Options) (*format.Layer, error) {
	if IsZip(data) {
		if err := CheckZip(file, data, opts.maxBytes()); err != nil {
			return nil, err
		}
	}
	switch f {
	case FormatShapefile:
		layers, err := shp.ReadZip(data)
		if err != nil {
			return nil, err
		}
		return pickLayer(layers, opts.Layer)
	case FormatGeoPackage:
		return gpkg.ReadBytes(ctx, data, opts.Layer)
	case FormatKML:
		return kml.Read(data)
	case "zip":
		return nil, fmt.Errorf("the zip holds neither a Shapefile set (.shp with its .dbf) nor a KML file")
	}
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	return geojson.Read(text)
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
