package raster

import (
	"math"

	"github.com/paulmach/orb"
)

// earthRadius is the mean radius of the earth in metres.
const earthRadius = 6371008.8

// Canvas is a grid laid over a lon/lat area through an equirectangular
// projection centred on it, taking lengths in metres: over the tens of
// kilometres of a city the scale varies by about a per cent.
type Canvas struct {
	*Grid
	lon0, lat0 float64
	kx, ky     float64 // metres per degree
}

// NewCanvas covers bound, widened by margin metres on every side, with
// cells of side cell metres (coarser where more than maxCells would be
// needed).
func NewCanvas(bound orb.Bound, margin, cell float64, maxCells int) *Canvas {
	c := bound.Center()
	ky := earthRadius * math.Pi / 180
	cv := &Canvas{lon0: c.Lon(), lat0: c.Lat(), kx: ky * math.Cos(c.Lat()*math.Pi/180), ky: ky}
	x0, y0 := cv.XY(bound.Min)
	x1, y1 := cv.XY(bound.Max)
	cv.Grid = New(x0-margin, y0-margin, x1+margin, y1+margin, cell, maxCells)
	return cv
}

// XY projects a lon/lat point to the canvas plane.
func (cv *Canvas) XY(p orb.Point) (float64, float64) {
	return (p.Lon() - cv.lon0) * cv.kx, (p.Lat() - cv.lat0) * cv.ky
}

// LonLat is the inverse of XY.
func (cv *Canvas) LonLat(x, y float64) orb.Point {
	return orb.Point{cv.lon0 + x/cv.kx, cv.lat0 + y/cv.ky}
}

// minRadius is the least radius that burns a connected trail of cells: a
// point of a line is never farther than half a cell's diagonal from the
// nearest cell centre, so narrower buffers on coarse cells would leave
// gaps. Lines and disks are widened to it.
func (cv *Canvas) minRadius(r float64) float64 { return math.Max(r, cv.Cell*math.Sqrt2/2) }

// Line burns a line buffered by r metres (at least half a cell's
// diagonal).
func (cv *Canvas) Line(ls orb.LineString, r float64) {
	r = cv.minRadius(r)
	for i := range ls {
		ax, ay := cv.XY(ls[i])
		bx, by := ax, ay
		if i+1 < len(ls) {
			bx, by = cv.XY(ls[i+1])
		} else if i > 0 {
			continue
		}
		cv.FillCapsule(ax, ay, bx, by, r)
	}
}

// Disk burns a disk of radius r metres (at least half a cell's diagonal).
func (cv *Canvas) Disk(p orb.Point, r float64) {
	x, y := cv.XY(p)
	cv.FillDisk(x, y, cv.minRadius(r))
}

// Square burns the square of side side metres centred on p.
func (cv *Canvas) Square(p orb.Point, side float64) {
	x, y := cv.XY(p)
	cv.FillBox(x-side/2, y-side/2, x+side/2, y+side/2)
}

// Polygons traces the burnt cells into lon/lat polygons (see
// Grid.Polygons).
func (cv *Canvas) Polygons() orb.MultiPolygon {
	return cv.Grid.Polygons(cv.LonLat)
}
