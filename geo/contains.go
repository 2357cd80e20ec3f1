package geo

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// PointInMultiPolygon reports whether p lies inside mp (holes excluded).
// Lon/lat is treated as a plane, which is exact for the straight-edged
// polygons stored here.
func PointInMultiPolygon(mp orb.MultiPolygon, p orb.Point) bool {
	return planar.MultiPolygonContains(mp, p)
}
