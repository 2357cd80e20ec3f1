// Package export writes tables and map layers in the formats analysts take
// away: CSV (UTF-8 with a BOM so Excel shows Chinese), XLSX and JSON for
// tables; GeoJSON, GeoPackage, zipped Shapefile and CSV with WKT for layers.
//
// A layer is just a list of features with typed attributes, so any part of
// the service (regions with indicator values, facilities, grids, coverage
// results) exports by building one. Coordinates are already in the layer's
// CRS when a writer sees them (see Layer.Reproject).
package export

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

func (f Field) title() string {
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

// Layer is a named list of features sharing a set of fields.
type Layer struct {
	Name     string
	CRS      proj.CRS
	Fields   []Field
	Features []Feature
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

// check verifies that every value fits its field.
func (l *Layer) check() error {
	for i, f := range l.Features {
		if err := checkRow(l.Fields, f.Values); err != nil {
			return fmt.Errorf("export: layer %s feature %d: %w", l.Name, i+1, err)
		}
	}
	return nil
}

func checkRow(fields []Field, values []any) error {
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

// multi turns a polygon into a multipolygon so a layer has one type.
func multi(g orb.Geometry) orb.Geometry {
	if p, ok := g.(orb.Polygon); ok {
		return orb.MultiPolygon{p}
	}
	return g
}
