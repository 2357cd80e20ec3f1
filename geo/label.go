package geo

import (
	"container/heap"
	"math"

	"github.com/paulmach/orb"
)

// labelPrecision is how close to optimal, in metres, LabelPoint's distance
// to the boundary must be.
const labelPrecision = 1.0

// metresPerDegree is the length of a degree of latitude (and of longitude
// at the equator) on a sphere of the equatorial radius: near enough for
// choosing a label, where only relative distances matter.
const metresPerDegree = math.Pi * wgs84A / 180

// LabelPoint is the pole of inaccessibility of the largest polygon of mp:
// the point inside it farthest from its boundary, found to about a metre
// with the polylabel algorithm (Mapbox, 2016). Unlike the centroid it is
// always inside, even for crescents and polygons with holes, and sits where
// a label has the most room.
//
// The search runs in a local plane whose x axis is scaled by the cosine of
// the latitude, so that a degree of longitude and of latitude weigh what
// they measure on the ground. An empty input gives the zero point.
func LabelPoint(mp orb.MultiPolygon) orb.Point {
	var best orb.Polygon
	bestArea := -1.0
	for _, p := range mp {
		if a := PolygonArea(p); a > bestArea {
			best, bestArea = p, a
		}
	}
	if len(best) == 0 || len(best[0]) == 0 {
		return orb.Point{}
	}
	b := best.Bound()
	lat0 := (b.Min[1] + b.Max[1]) / 2
	pl := newLocalPlane(b.Min, lat0)
	rings := make([][]orb.Point, len(best))
	for i, r := range best {
		rings[i] = make([]orb.Point, len(r))
		for j, p := range r {
			rings[i][j] = pl.fwd(p)
		}
	}
	return pl.inv(polylabel(rings, labelPrecision))
}

// localPlane maps lon/lat to metres east and north of an origin, with
// longitude scaled by the cosine of a reference latitude.
type localPlane struct {
	origin orb.Point
	kx     float64
}

func newLocalPlane(origin orb.Point, lat0 float64) localPlane {
	return localPlane{origin, math.Cos(lat0*math.Pi/180) * metresPerDegree}
}

func (l localPlane) fwd(p orb.Point) orb.Point {
	return orb.Point{(p[0] - l.origin[0]) * l.kx, (p[1] - l.origin[1]) * metresPerDegree}
}

func (l localPlane) inv(p orb.Point) orb.Point {
	return orb.Point{l.origin[0] + p[0]/l.kx, l.origin[1] + p[1]/metresPerDegree}
}

// polylabel finds the pole of inaccessibility of the polygon with the given
// rings (shell first) in a Euclidean plane, to within precision.
func polylabel(rings [][]orb.Point, precision float64) orb.Point {
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, p := range rings[0] {
		minX, maxX = min(minX, p[0]), max(maxX, p[0])
		minY, maxY = min(minY, p[1]), max(maxY, p[1])
	}
	w, h := maxX-minX, maxY-minY
	size := min(w, h)
	if size == 0 {
		return orb.Point{minX, minY}
	}
	half := size / 2
	newCell := func(x, y, h float64) labelCell {
		d := signedDistance(orb.Point{x, y}, rings)
		return labelCell{x, y, h, d, d + h*math.Sqrt2}
	}

	var q cellQueue
	for x := minX; x < maxX; x += size {
		for y := minY; y < maxY; y += size {
			heap.Push(&q, newCell(x+half, y+half, half))
		}
	}
	// Seed the search with the centroid and the centre of the box: for
	// simple shapes one of them is already close to the answer, and the
	// queue then prunes most cells at once.
	best := newCell(centroidOf(rings[0]))
	if c := newCell(minX+w/2, minY+h/2, 0); c.d > best.d {
		best = c
	}
	// Until some centre has landed inside (best.d > 0), keep splitting
	// whatever could still hold a better point, however fine: a polygon
	// narrower than the precision must still get a point inside it.
	minHalf := size * 1e-12
	for q.Len() > 0 {
		c := heap.Pop(&q).(labelCell)
		if c.d > best.d {
			best = c
		}
		if (best.d > 0 && c.max-best.d <= precision) || c.max <= best.d || c.h < minHalf {
			continue
		}
		hh := c.h / 2
		heap.Push(&q, newCell(c.x-hh, c.y-hh, hh))
		heap.Push(&q, newCell(c.x+hh, c.y-hh, hh))
		heap.Push(&q, newCell(c.x-hh, c.y+hh, hh))
		heap.Push(&q, newCell(c.x+hh, c.y+hh, hh))
	}
	return orb.Point{best.x, best.y}
}

// centroidOf is the area centroid of the ring pts, or its first point when
// the ring has no area; it returns the cell arguments (x, y, 0).
func centroidOf(pts []orb.Point) (x, y, h float64) {
	var a, cx, cy float64
	o := pts[0]
	for i := 1; i+1 < len(pts); i++ {
		p, q := pts[i], pts[i+1]
		px, py, qx, qy := p[0]-o[0], p[1]-o[1], q[0]-o[0], q[1]-o[1]
		f := px*qy - qx*py
		a += f
		cx += (px + qx) * f
		cy += (py + qy) * f
	}
	if a == 0 {
		return o[0], o[1], 0
	}
	return o[0] + cx/(3*a), o[1] + cy/(3*a), 0
}

// signedDistance is the distance from p to the nearest edge of the polygon,
// positive inside and negative outside (even-odd rule over all rings).
func signedDistance(p orb.Point, rings [][]orb.Point) float64 {
	inside := false
	minSq := math.Inf(1)
	for _, r := range rings {
		n := len(r)
		for i, j := 0, n-1; i < n; j, i = i, i+1 {
			a, b := r[i], r[j]
			if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < (b[0]-a[0])*(p[1]-a[1])/(b[1]-a[1])+a[0] {
				inside = !inside
			}
			minSq = min(minSq, segDistSq(p, a, b))
		}
	}
	d := math.Sqrt(minSq)
	if inside {
		return d
	}
	return -d
}

// segDistSq is the squared distance from p to the segment a–b.
func segDistSq(p, a, b orb.Point) float64 {
	x, y := a[0], a[1]
	dx, dy := b[0]-x, b[1]-y
	if dx != 0 || dy != 0 {
		t := ((p[0]-x)*dx + (p[1]-y)*dy) / (dx*dx + dy*dy)
		if t > 1 {
			x, y = b[0], b[1]
		} else if t > 0 {
			x += dx * t
			y += dy * t
		}
	}
	dx, dy = p[0]-x, p[1]-y
	return dx*dx + dy*dy
}

// labelCell is a square of the polylabel search: centre, half size, the
// distance of the centre to the boundary, and the best distance any point
// of the cell can have.
type labelCell struct {
	x, y, h, d, max float64
}

// cellQueue is a max-heap of cells by potential.
type cellQueue []labelCell

func (q cellQueue) Len() int           { return len(q) }
func (q cellQueue) Less(i, j int) bool { return q[i].max > q[j].max }
func (q cellQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *cellQueue) Push(x any)        { *q = append(*q, x.(labelCell)) }
func (q *cellQueue) Pop() any {
	old := *q
	c := old[len(old)-1]
	*q = old[:len(old)-1]
	return c
}
