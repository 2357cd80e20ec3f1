package network

import (
	"math"

	"github.com/community-atlas/atlas/geo/raster"
	"github.com/paulmach/orb"
)

// Isochrone shapes. The polygon of a search is the union of the road it
// reached — whole segments, and segments cut where the budget runs out —
// and of the origins' legs to the road, each buffered by Buffer metres.
// The buffer stands for the frontage a street serves (a house a few dozen
// metres off the street is reached with it); unlike a concave hull round
// the reached nodes it never claims the far side of a river, a railway or
// a block with no street, and unlike a hull it needs no tuning parameter
// that changes its shape. The union is taken on a raster (geo/raster) of
// Cell metres, so outlines lie within a cell of the exact buffered union.
// A large isochrone (a long drive) would need more than MaxCells cells:
// its cells grow instead, and its outline coarsens with them, which keeps
// its size in proportion to the detail a map shows at its scale; where the
// cells grow beyond 70 m the buffer widens to keep roads connected.
const (
	Buffer   = 50.0
	Cell     = 10.0
	MaxCells = 1 << 20
)

// Bound is the bounding box of the road reached and of the origins.
func (r *Reach) Bound() orb.Bound {
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, p := range r.Pieces() {
		for _, q := range r.n.Cut(int(p.Seg), p.From, p.To) {
			b = b.Extend(q)
		}
	}
	for _, l := range r.legs {
		b = b.Extend(l[0]).Extend(l[1])
	}
	return b
}

// Burn draws the reached road and the origins' legs, buffered by buffer
// metres, onto cv.
func (r *Reach) Burn(cv *raster.Canvas, buffer float64) {
	for _, p := range r.Pieces() {
		cv.Line(r.n.Cut(int(p.Seg), p.From, p.To), buffer)
	}
	for _, l := range r.legs {
		cv.Line(orb.LineString{l[0], l[1]}, buffer)
	}
}

// Polygon is the isochrone of the search as a lon/lat multipolygon, empty
// when nothing was reached.
func (r *Reach) Polygon() orb.MultiPolygon {
	b := r.Bound()
	if b.Min.X() > b.Max.X() {
		return nil
	}
	cv := raster.NewCanvas(b, Buffer+2*Cell, Cell, MaxCells)
	r.Burn(cv, Buffer)
	return cv.Polygons()
}
