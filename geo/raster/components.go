package raster

import "github.com/paulmach/orb"

// Components traces the set cells into one polygon per 4-connected group
// of cells, like Polygons, and labels the cells: label(ix, iy) is the index
// of the polygon cell (ix, iy) belongs to, or -1 for a clear cell. It needs
// four bytes a cell.
func (g *Grid) Components(to func(x, y float64) orb.Point) (polys []orb.Polygon, label func(ix, iy int) int) {
	g.joinCorners()
	labels := g.label()
	label = func(ix, iy int) int {
		if ix < 0 || iy < 0 || ix >= g.W || iy >= g.H {
			return -1
		}
		return int(labels[iy*g.W+ix])
	}
	n := 0
	for _, l := range labels {
		n = max(n, int(l)+1)
	}
	polys = make([]orb.Polygon, n)
	holes := make([][]*ring, n)
	for _, r := range g.rings() {
		cx, cy := r.leftCell()
		l := label(cx, cy)
		if r.area2 > 0 {
			polys[l] = orb.Polygon{g.toRing(r, to)}
		} else {
			holes[l] = append(holes[l], r)
		}
	}
	for l, hs := range holes {
		for _, h := range hs {
			polys[l] = append(polys[l], g.toRing(h, to))
		}
	}
	return polys, label
}

// label numbers the 4-connected groups of set cells from 0, in the order
// their first cells come row by row; clear cells are -1.
func (g *Grid) label() []int32 {
	labels := make([]int32, g.W*g.H)
	for i := range labels {
		labels[i] = -1
	}
	next := int32(0)
	var stack []int
	for start := range labels {
		if labels[start] >= 0 || !g.Get(start%g.W, start/g.W) {
			continue
		}
		labels[start] = next
		stack = append(stack[:0], start)
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			x, y := i%g.W, i/g.W
			for _, d := range [4][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
				nx, ny := x+d[0], y+d[1]
				if j := ny*g.W + nx; g.Get(nx, ny) && labels[j] < 0 {
					labels[j] = next
					stack = append(stack, j)
				}
			}
		}
		next++
	}
	return labels
}

// leftCell is the set cell left of the ring's first edge, which lies
// inside the group the ring bounds.
func (r *ring) leftCell() (int, int) {
	switch r.firstDir {
	case east:
		return r.sx, r.sy
	case north:
		return r.sx - 1, r.sy
	case west:
		return r.sx - 1, r.sy - 1
	}
	return r.sx, r.sy - 1
}
