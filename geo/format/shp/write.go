// Package shp reads and writes ESRI Shapefiles (ESRI Shapefile Technical
// Description, 1998) with their dBASE attribute tables. The writer makes a
// zipped set in UTF-8 from a layer; the reader takes a set, or a zip of one
// or more sets, as Chinese offices send them: GBK text declared by a .cpg,
// by the DBF language byte or by nothing at all, GBK names inside zips made
// on Chinese Windows, a .prj in ESRI or OGC WKT (given verbatim for the
// caller to interpret).
package shp

import (
	"archive/zip"
	"fmt"
	"io"
	"time"

	"github.com/community-atlas/atlas/geo/format"
)

// Write writes the layer as a zipped Shapefile named base: .shp,
// .shx, .dbf (UTF-8 text), .prj (the CRS's WKT) and .cpg ("UTF-8").
// Polygons are written as polygon shapes (outer rings clockwise, holes
// counter-clockwise), points as point shapes; field names are cut to the
// format's 10 characters, with a numeric suffix where two would clash.
func Write(w io.Writer, l *format.Layer, base string, modified time.Time) error {
	if err := l.Check(); err != nil {
		return err
	}
	kind := int32(shpPolygon)
	switch l.GeometryType() {
	case "POINT":
		kind = shpPoint
	case "MULTIPOLYGON":
	default:
		if len(l.Features) > 0 {
			return fmt.Errorf("shp: layer %s mixes geometry types, which a Shapefile cannot hold", l.Name)
		}
	}
	sw := newShpWriter(kind)
	for i, f := range l.Features {
		if err := sw.add(f.Geometry); err != nil {
			return fmt.Errorf("shp: layer %s feature %d: %w", l.Name, i+1, err)
		}
	}
	shp, shx := sw.finish()
	files := []struct {
		ext  string
		data []byte
	}{
		{".shp", shp}, {".shx", shx},
		{".dbf", writeDBF(l, dbfFields(l), modified)},
		{".prj", []byte(l.CRS.WKT)},
		{".cpg", []byte("UTF-8")},
	}
	zw := zip.NewWriter(w)
	for _, f := range files {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: base + f.ext, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return err
		}
	}
	return zw.Close()
}
