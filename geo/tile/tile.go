// Package tile encodes Mapbox Vector Tiles (2.1) from lon/lat features with
// orb: each feature is copied, projected to the tile's 4096-unit grid,
// clipped to the tile plus a buffer, and simplified by a fixed tolerance in
// tile units, which makes simplification follow the zoom (a unit is ever
// smaller on the ground as the zoom grows).
package tile

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"
	"github.com/paulmach/orb/simplify"
)

// Extent is the tile grid size, MVT's default.
const Extent = mvt.DefaultExtent

// Buffer is how far (in tile units) geometry reaches beyond the tile edge,
// so that polygon outlines and labels are not cut at tile seams. 64 units
// is 4 pixels of a 256-pixel tile, MapLibre's default.
const Buffer = 64

// Tolerance is the Douglas-Peucker tolerance in tile units: 1/16 of a pixel
// of a 256-pixel tile, invisible on screen.
const Tolerance = 1.0

// MaxZoom is the deepest zoom served.
const MaxZoom = 22

// Layer is a named set of features in EPSG:4326.
type Layer struct {
	Name     string
	Features []*geojson.Feature
}

// Parse checks z/x/y: the zoom within [0, MaxZoom] and x, y within 2^z.
func Parse(z, x, y int) (maptile.Tile, error) {
	if z < 0 || z > MaxZoom {
		return maptile.Tile{}, fmt.Errorf("zoom %d is outside 0–%d", z, MaxZoom)
	}
	n := 1 << z
	if x < 0 || x >= n || y < 0 || y >= n {
		return maptile.Tile{}, fmt.Errorf("tile %d/%d/%d does not exist: x and y run from 0 to %d at zoom %d", z, x, y, n-1, z)
	}
	return maptile.New(uint32(x), uint32(y), maptile.Zoom(z)), nil
}

// Bound is the lon/lat box to search for a tile's features: the tile
// widened by its buffer.
func Bound(t maptile.Tile) orb.Bound {
	b := t.Bound()
	pad := float64(Buffer) / Extent
	dx, dy := (b.Max[0]-b.Min[0])*pad, (b.Max[1]-b.Min[1])*pad
	return orb.Bound{Min: orb.Point{b.Min[0] - dx, b.Min[1] - dy}, Max: orb.Point{b.Max[0] + dx, b.Max[1] + dy}}
}

// Encode builds the tile; it returns nil when no feature reaches it. The
// layers' features are not modified.
func Encode(t maptile.Tile, layers ...Layer) ([]byte, error) {
	clipBox := orb.Bound{Min: orb.Point{-Buffer, -Buffer}, Max: orb.Point{Extent + Buffer, Extent + Buffer}}
	var out mvt.Layers
	for _, l := range layers {
		ml := &mvt.Layer{Name: l.Name, Version: 2, Extent: Extent}
		for _, f := range l.Features {
			g := project(f.Geometry, t)
			g = clipGeometry(clipBox, g)
			if g == nil {
				continue
			}
			if !isPoint(g) {
				g = simplify.DouglasPeucker(Tolerance).Simplify(g)
			}
			if g = dropEmpty(g); g == nil {
				continue
			}
			ml.Features = append(ml.Features, &geojson.Feature{ID: f.ID, Geometry: g, Properties: f.Properties})
		}
		if len(ml.Features) > 0 {
			out = append(out, ml)
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return mvt.Marshal(out)
}

// project maps lon/lat to tile units (a copy; the input stays as it was).
func project(g orb.Geometry, t maptile.Tile) orb.Geometry {
	n := float64(uint64(1) << t.Z)
	ox, oy := float64(t.X)*Extent, float64(t.Y)*Extent
	f := func(p orb.Point) orb.Point {
		x := (p[0] + 180) / 360 * n * Extent
		s := math.Sin(p[1] * math.Pi / 180)
		y := (0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)) * n * Extent
		return orb.Point{math.Round(x - ox), math.Round(y - oy)}
	}
	return mapPoints(orb.Clone(g), f)
}
