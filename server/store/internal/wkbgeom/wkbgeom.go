// Package wkbgeom converts the geometries of the domain model to and from
// well-known binary, the form both stores keep them in: SQLite stores the
// bytes as they are and PostGIS parses them with ST_GeomFromWKB and returns
// them with ST_AsBinary. WKB carries IEEE doubles unchanged, so a geometry
// written and read back is bit-for-bit the one written.
package wkbgeom

import (
	"errors"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

// ErrType is returned when WKB holds a geometry of another type than asked.
var ErrType = errors.New("wkbgeom: unexpected geometry type")

// MultiPolygon encodes m. An empty multipolygon encodes as nil, stored as
// NULL: a region or grid without a boundary yet.
func MultiPolygon(m orb.MultiPolygon) ([]byte, error) {
	if len(m) == 0 {
		return nil, nil
	}
	b, err := wkb.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("wkbgeom: encode multipolygon: %w", err)
	}
	return b, nil
}

// Point encodes p.
func Point(p orb.Point) ([]byte, error) {
	b, err := wkb.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("wkbgeom: encode point: %w", err)
	}
	return b, nil
}

// ParseMultiPolygon decodes a multipolygon; nil (NULL) decodes as nil. A
// single polygon is accepted and returned as a multipolygon of one part.
func ParseMultiPolygon(b []byte) (orb.MultiPolygon, error) {
	if b == nil {
		return nil, nil
	}
	g, err := wkb.Unmarshal(b)
	if err != nil {
		return nil, fmt.Errorf("wkbgeom: decode multipolygon: %w", err)
	}
	switch g := g.(type) {
	case orb.MultiPolygon:
		if len(g) == 0 {
			return nil, nil
		}
		return g, nil
	case orb.Polygon:
		return orb.MultiPolygon{g}, nil
	default:
		return nil, fmt.Errorf("%w: %s, want MultiPolygon", ErrType, g.GeoJSONType())
	}
}

// ParsePoint decodes a point.
func ParsePoint(b []byte) (orb.Point, error) {
	g, err := wkb.Unmarshal(b)
	if err != nil {
		return orb.Point{}, fmt.Errorf("wkbgeom: decode point: %w", err)
	}
	p, ok := g.(orb.Point)
	if !ok {
		return orb.Point{}, fmt.Errorf("%w: %s, want Point", ErrType, g.GeoJSONType())
	}
	return p, nil
}
