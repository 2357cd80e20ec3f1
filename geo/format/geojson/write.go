// Package geojson reads and writes GeoJSON layers: RFC 7946 feature
// collections, and the legacy "crs" member (GeoJSON 2008) that GDAL and
// QGIS write and read for projected coordinates.
package geojson

import (
	"bufio"
	"fmt"
	"io"

	"github.com/community-atlas/atlas/geo/format"
	ogeo "github.com/paulmach/orb/geojson"
)

// Write writes the layer as a FeatureCollection. Outside EPSG:4326
// the collection names its CRS in a "crs" member (GeoJSON 2008), which GDAL
// and QGIS honour; RFC 7946 itself knows only WGS 84.
func Write(w io.Writer, l *format.Layer) error {
	if err := l.Check(); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	name, _ := format.MarshalJSON(l.Name)
	fmt.Fprintf(bw, `{"type":"FeatureCollection","name":%s,`, name)
	switch {
	case l.CRS.EPSG != 0 && l.CRS.EPSG != 4326:
		fmt.Fprintf(bw, `"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::%d"}},`, l.CRS.EPSG)
	case l.CRS.EPSG == 0 && l.CRS.Code != "":
		crs, _ := format.MarshalJSON(l.CRS.Title)
		fmt.Fprintf(bw, `"crs":{"type":"name","properties":{"name":%s}},`, crs)
	}
	bw.WriteString(`"features":[`)
	for i := range l.Features {
		if i > 0 {
			bw.WriteByte(',')
		}
		b, err := Feature(l, i)
		if err != nil {
			return err
		}
		bw.Write(b)
	}
	bw.WriteString("]}\n")
	return bw.Flush()
}

// Feature encodes feature i of the layer as a GeoJSON Feature.
func Feature(l *format.Layer, i int) ([]byte, error) {
	f := l.Features[i]
	if err := format.CheckRow(l.Fields, f.Values); err != nil {
		return nil, fmt.Errorf("geojson: layer %s feature %d: %w", l.Name, i+1, err)
	}
	gf := ogeo.NewFeature(format.Multi(f.Geometry))
	if f.ID != "" {
		gf.ID = f.ID
	}
	for j, field := range l.Fields {
		gf.Properties[field.Name] = f.Values[j]
	}
	// The feature's own encoder, not encoding/json around it, which would
	// validate and compact its output a second time.
	return gf.MarshalJSON()
}
