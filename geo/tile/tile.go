// Package tile encodes Mapbox Vector Tiles (2.1) with orb. Features are
// projected once to unit Web Mercator coordinates (Project); each tile then
// only clips them to its box plus a buffer, scales to the 4096-unit grid,
// and simplifies by a fixed tolerance in tile units, which makes the
// simplification follow the zoom (a unit is ever smaller on the ground as
// the zoom grows). Lines of constant longitude and latitude are straight in
// Web Mercator, so clipping there equals clipping on the map.
package tile

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
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

// Feature is a feature ready for tiling: its geometry in unit Web Mercator
// coordinates (x east, y south, both 0–1 over the world) with its bound.
type Feature struct {
	ID         any
	Properties geojson.Properties
	Geometry   orb.Geometry
	Bound      orb.Bound
}

// NewFeature projects a lon/lat geometry for tiling.
func NewFeature(id any, props geojson.Properties, lonlat orb.Geometry) *Feature {
	g := Project(lonlat)
	return &Feature{ID: id, Properties: props, Geometry: g, Bound: g.Bound()}
}

// Layer is a named set of features.
type Layer struct {
	Name     string
	Features []*Feature
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

// SearchBox is the unit Web Mercator box whose features reach tile t: the
// tile widened by its buffer.
func SearchBox(t maptile.Tile) orb.Bound {
	n := float64(uint64(1) << t.Z)
	pad := float64(Buffer) / (n * Extent)
	return orb.Bound{
		Min: orb.Point{float64(t.X)/n - pad, float64(t.Y)/n - pad},
		Max: orb.Point{float64(t.X+1)/n + pad, float64(t.Y+1)/n + pad},
	}
}

// Encode builds the tile; it returns nil when no feature reaches it. The
// features are not modified.
func Encode(t maptile.Tile, layers ...Layer) ([]byte, error) {
	scale := float64(uint64(1)<<t.Z) * Extent
	box := SearchBox(t)
	ox, oy := float64(t.X)*Extent, float64(t.Y)*Extent
	toTile := func(p orb.Point) orb.Point {
		return orb.Point{math.Round(p[0]*scale - ox), math.Round(p[1]*scale - oy)}
	}
	var out mvt.Layers
	for _, l := range layers {
		ml := &mvt.Layer{Name: l.Name, Version: 2, Extent: Extent}
		for _, f := range l.Features {
			if g := tileGeometry(f, box, toTile); g != nil {
				ml.Features = append(ml.Features, &geojson.Feature{ID: f.ID, Geometry: g, Properties: f.Properties})
			}
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

// tileGeometry clips a copy of f's geometry to box, maps it to tile units
// and simplifies it; nil when nothing is left to draw.
func tileGeometry(f *Feature, box orb.Bound, toTile func(orb.Point) orb.Point) orb.Geometry {
	if !box.Intersects(f.Bound) {
		return nil
	}
	g := orb.Clone(f.Geometry) // clip works in place
	if !box.Contains(f.Bound.Min) || !box.Contains(f.Bound.Max) {
		if g = clip.Geometry(box, g); g == nil {
			return nil
		}
	}
	g = mapPoints(g, toTile)
	if !isPoint(g) {
		g = simplify.DouglasPeucker(Tolerance).Simplify(g)
	}
	return dropEmpty(g)
}

// Project maps a lon/lat geometry to unit Web Mercator (a copy).
func Project(g orb.Geometry) orb.Geometry {
	return mapPoints(orb.Clone(g), func(p orb.Point) orb.Point {
		s := math.Sin(p[1] * math.Pi / 180)
		return orb.Point{(p[0] + 180) / 360, 0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)}
	})
}
