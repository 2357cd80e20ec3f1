package raster

import (
	"math"

	"github.com/paulmach/orb"
)

// Directions of a boundary edge between lattice vertices.
const (
	none uint8 = iota
	east
	north
	west
	south
)

// ring is a closed boundary on the lattice of cell corners: its corner
// vertices (the first not repeated at the end), the vertex it was found at
// with the direction leaving it, its doubled signed area (positive
// counter-clockwise) and its bounds.
type ring struct {
	xs, ys   []int
	firstDir uint8 // the direction of the edge leaving (sx, sy)
	sx, sy   int
	area2    int
	minX     int
	minY     int
	maxX     int
	maxY     int
}

// Polygons traces the set cells into polygons, one per 4-connected group
// of cells, with shells counter-clockwise and holes clockwise; to maps a
// point of the plane to its output coordinates. The grid is changed first
// so that cells meet along edges only (see the package comment).
func (g *Grid) Polygons(to func(x, y float64) orb.Point) orb.MultiPolygon {
	g.joinCorners()
	rings := g.rings()
	var shells, holes []*ring
	for _, r := range rings {
		if r.area2 > 0 {
			shells = append(shells, r)
		} else {
			holes = append(holes, r)
		}
	}
	children := make([][]*ring, len(shells))
	for _, h := range holes {
		if i := enclosing(shells, h); i >= 0 {
			children[i] = append(children[i], h)
		}
	}
	out := make(orb.MultiPolygon, len(shells))
	for i, s := range shells {
		p := orb.Polygon{g.toRing(s, to)}
		for _, h := range children[i] {
			p = append(p, g.toRing(h, to))
		}
		out[i] = p
	}
	return out
}

func (g *Grid) toRing(r *ring, to func(x, y float64) orb.Point) orb.Ring {
	out := make(orb.Ring, 0, len(r.xs)+1)
	for k := range r.xs {
		out = append(out, to(g.X0+float64(r.xs[k])*g.Cell, g.Y0+float64(r.ys[k])*g.Cell))
	}
	return append(out, out[0])
}

// rings follows every boundary edge (set cell on its left) into rings.
func (g *Grid) rings() []*ring {
	vw := g.W + 1
	dir := make([]uint8, vw*(g.H+1))
	for y := range g.H {
		for x := range g.W {
			if !g.Get(x, y) {
				continue
			}
			if !g.Get(x, y-1) {
				dir[y*vw+x] = east
			}
			if !g.Get(x+1, y) {
				dir[y*vw+x+1] = north
			}
			if !g.Get(x, y+1) {
				dir[(y+1)*vw+x+1] = west
			}
			if !g.Get(x-1, y) {
				dir[(y+1)*vw+x] = south
			}
		}
	}
	var out []*ring
	for v, d := range dir {
		if d != none {
			out = append(out, follow(dir, vw, v))
		}
	}
	return out
}

// follow walks the ring through vertex start, clearing its edges, and
// keeps the vertices where the direction turns.
func follow(dir []uint8, vw, start int) *ring {
	r := &ring{firstDir: dir[start], sx: start % vw, sy: start / vw, minX: math.MaxInt, minY: math.MaxInt, maxX: math.MinInt, maxY: math.MinInt}
	v := start
	prev := none
	// The last edge's direction decides whether start is a corner.
	for {
		d := dir[v]
		dir[v] = none
		x, y := v%vw, v/vw
		if d != prev {
			r.xs, r.ys = append(r.xs, x), append(r.ys, y)
		}
		prev = d
		switch d {
		case east:
			v++
		case north:
			v += vw
		case west:
			v--
		case south:
			v -= vw
		}
		if v == start {
			break
		}
	}
	if prev == r.firstDir && len(r.xs) > 1 { // start lies inside a straight run
		r.xs, r.ys = r.xs[1:], r.ys[1:]
	}
	n := len(r.xs)
	for k := range n {
		j := (k + 1) % n
		r.area2 += r.xs[k]*r.ys[j] - r.xs[j]*r.ys[k]
		r.minX, r.maxX = min(r.minX, r.xs[k]), max(r.maxX, r.xs[k])
		r.minY, r.maxY = min(r.minY, r.ys[k]), max(r.maxY, r.ys[k])
	}
	return r
}

// enclosing returns the index of the smallest shell around hole h, or -1.
// It tests the centre of a cell on the hole's inner side, which lies on no
// ring, so the crossing test never meets a vertex.
func enclosing(shells []*ring, h *ring) int {
	ix, iy := h.leftCell()
	cx, cy := float64(ix)+0.5, float64(iy)+0.5
	best := -1
	for i, s := range shells {
		if cx < float64(s.minX) || cx > float64(s.maxX) || cy < float64(s.minY) || cy > float64(s.maxY) {
			continue
		}
		if (best < 0 || s.area2 < shells[best].area2) && contains(s, cx, cy) {
			best = i
		}
	}
	return best
}

// contains is the even-odd crossing test of (x, y) against r.
func contains(r *ring, x, y float64) bool {
	in := false
	n := len(r.xs)
	for k := range n {
		j := (k + 1) % n
		x0, y0, x1, y1 := float64(r.xs[k]), float64(r.ys[k]), float64(r.xs[j]), float64(r.ys[j])
		if (y0 > y) != (y1 > y) && x < x0+(y-y0)*(x1-x0)/(y1-y0) {
			in = !in
		}
	}
	return in
}
