// Package export writes map layers as CSV with WKT. GeoJSON, GeoPackage
// and Shapefile are written by geo/format/geojson, geo/format/gpkg and
// geo/format/shp, beside their readers; tables (CSV, XLSX, JSON) by
// geo/format/table.
//
// A layer is just a list of features with typed attributes (geo/format), so
// any part of the service (regions with indicator values, facilities,
// grids, coverage results) exports by building one. Coordinates are already
// in the layer's CRS when a writer sees them (see Layer.Reproject).
package export

import "github.com/community-atlas/atlas/geo/format"

// The layer model is geo/format's, shared with the readers.
type (
	Type    = format.Type
	Field   = format.Field
	Feature = format.Feature
	Layer   = format.Layer
)

// The attribute types.
const (
	String  = format.String
	Integer = format.Integer
	Real    = format.Real
	Boolean = format.Boolean
)
