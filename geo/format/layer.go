// Package format holds what the file formats of Community Atlas share: a
// layer of features with typed attributes, as the writers take it and the
// readers give it. The codecs themselves are its subpackages; none of them
// knows regions or indicators, which are the importer's and the exports'
// business.
package format

import (
	"fmt"

	"github.com/community-atlas/atlas/geo/proj"
	"github.com/paulmach/orb"
)

// Type is an attribute's type.
type Type int

// The attribute types. Values are string, int64, float64 and bool
// respectively; nil is null.
const (
	String Type = iota
	Integer
	Real
	Boolean
)

// Field is one attribute of a layer or one column of a table.
type Field struct {
	Name  string // machine name: code, population, registered_volunteers
	Title string // for people (the header of CSV and XLSX); Name when empty
	Type  Type
}

func (f Field) Label() string {
	if f.Title != "" {
		return f.Title
	}
	return f.Name
}

// Feature is a geometry with one value per field of its layer.
type Feature struct {
	ID       string
	Geometry orb.Geometry
	Values   []any
}

// Layer is a named list of features sharing a set of fields. Writers take
// its coordinates in CRS; readers give them as the file holds them, leave
// CRS unset and say in Source what the file declares, for the caller to
// interpret (geo/proj) and report.
type Layer struct {
	Name     string
	CRS      proj.CRS
	Fields   []Field
	Features []Feature
	Source   Source
}

// Source is what a reader found in a file, for the import report.
type Source struct {
	Format   string   // shapefile, geopackage, geojson, kml, xlsx, csv
	CRS      string   // the CRS as declared: WKT, an EPSG code or URN, or "" when none is
	Encoding string   // the text encoding used, where the format leaves a choice
	Geometry string   // a table's geometry column(s), as problems name them: "WKT", "经度/纬度"
	Notes    []string // how the reader decided (the encoding from the .cpg, the DBF language byte, …)
}

// Reproject returns the layer with its geometries (in EPSG:4326) converted
// to crs.
func (l *Layer) Reproject(crs proj.CRS) *Layer {
	out := *l
	out.CRS = crs
	out.Features = make([]Feature, len(l.Features))
	for i, f := range l.Features {
		f.Geometry = crs.Project(f.Geometry)
		out.Features[i] = f
	}
	return &out
}

// GeometryType is the common type of the features: "POINT", "MULTIPOLYGON"
// (polygons are written as multipolygons) or "GEOMETRY" for a mix.
func (l *Layer) GeometryType() string {
	kind := ""
	for _, f := range l.Features {
		k := "GEOMETRY"
		switch f.Geometry.(type) {
		case orb.Point:
			k = "POINT"
		case orb.Polygon, orb.MultiPolygon:
			k = "MULTIPOLYGON"
		}
		if kind != "" && k != kind {
			return "GEOMETRY"
		}
		kind = k
	}
	if kind == "" {
		return "GEOMETRY"
	}
	return kind
}

// Bound is the envelope of every feature.
func (l *Layer) Bound() orb.Bound {
	var b orb.Bound
	for i, f := range l.Features {
		if i == 0 {
			b = f.Geometry.Bound()
			continue
		}
		b = b.Union(f.Geometry.Bound())
	}
	return b
}

// Check verifies that every value fits its field.
func (l *Layer) Check() error {
	for i, f := range l.Features {
		if err := CheckRow(l.Fields, f.Values); err != nil {
			return fmt.Errorf("format: layer %s feature %d: %w", l.Name, i+1, err)
		}
	}
	return nil
}

// CheckRow verifies that values fit fields, one value a field.
func CheckRow(fields []Field, values []any) error {
	if len(values) != len(fields) {
		return fmt.Errorf("%d values for %d fields", len(values), len(fields))
	}
	for j, v := range values {
		if v == nil {
			continue
		}
		ok := false
		switch fields[j].Type {
		case String:
			_, ok = v.(string)
		case Integer:
			_, ok = v.(int64)
		case Real:
			_, ok = v.(float64)
		case Boolean:
			_, ok = v.(bool)
		}
		if !ok {
			return fmt.Errorf("field %s: value %v (%T) is not of the field's type", fields[j].Name, v, v)
		}
	}
	return nil
}

// Multi turns a polygon into a multipolygon so a layer has one type.
func Multi(g orb.Geometry) orb.Geometry {
	if p, ok := g.(orb.Polygon); ok {
		return orb.MultiPolygon{p}
	}
	return g
}
