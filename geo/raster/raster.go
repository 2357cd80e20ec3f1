// Package raster unions many small shapes — disks, buffered line segments,
// squares — into polygons by way of a binary raster: shapes are burnt into
// a grid of square cells in a plane (metres), and the boundary of the set
// cells is traced into rings. A union of thousands of shapes costs one pass
// over the cells instead of thousands of polygon overlays, and the result is
// valid by construction. The price is resolution: boundaries run along cell
// edges, so they lie within one cell of the exact union.
//
// A cell is in a shape when its centre is. Before tracing, every pair of
// cells that touch only at a corner is joined by setting one of the two
// other cells of their 2×2 block, so that no boundary touches itself and
// the rings are simple and disjoint.
package raster

import "math"

// Grid is a binary raster: W×H cells of side Cell, the lower-left corner
// of cell (0, 0) at (X0, Y0).
type Grid struct {
	X0, Y0 float64
	Cell   float64
	W, H   int
	bits   []uint64
}

// New returns an empty grid covering the rectangle (x0, y0)–(x1, y1) with
// cells of side cell; the cell grows where the grid would have more than
// maxCells cells.
func New(x0, y0, x1, y1, cell float64, maxCells int) *Grid {
	for {
		w := int(math.Ceil((x1-x0)/cell)) + 1
		h := int(math.Ceil((y1-y0)/cell)) + 1
		if w*h <= maxCells || maxCells <= 0 {
			return &Grid{X0: x0, Y0: y0, Cell: cell, W: w, H: h, bits: make([]uint64, (w*h+63)/64)}
		}
		cell *= math.Sqrt(float64(w*h)/float64(maxCells)) * 1.01
	}
}

// Get reports whether cell (ix, iy) is set; cells outside the grid are not.
func (g *Grid) Get(ix, iy int) bool {
	if ix < 0 || iy < 0 || ix >= g.W || iy >= g.H {
		return false
	}
	i := iy*g.W + ix
	return g.bits[i>>6]&(1<<(i&63)) != 0
}

// Set sets cell (ix, iy); cells outside the grid are ignored.
func (g *Grid) Set(ix, iy int) {
	if ix < 0 || iy < 0 || ix >= g.W || iy >= g.H {
		return
	}
	i := iy*g.W + ix
	g.bits[i>>6] |= 1 << (i & 63)
}

// Count is the number of set cells.
func (g *Grid) Count() int {
	n := 0
	for _, w := range g.bits {
		for ; w != 0; w &= w - 1 {
			n++
		}
	}
	return n
}

// CellOf returns the cell holding point (x, y).
func (g *Grid) CellOf(x, y float64) (int, int) {
	return int(math.Floor((x - g.X0) / g.Cell)), int(math.Floor((y - g.Y0) / g.Cell))
}

// centre returns the centre of cell (ix, iy).
func (g *Grid) centre(ix, iy int) (float64, float64) {
	return g.X0 + (float64(ix)+0.5)*g.Cell, g.Y0 + (float64(iy)+0.5)*g.Cell
}

// cellRange returns the cells whose centres may lie in [x0, x1]×[y0, y1].
func (g *Grid) cellRange(x0, y0, x1, y1 float64) (ix0, iy0, ix1, iy1 int) {
	ix0 = max(int(math.Floor((x0-g.X0)/g.Cell-0.5)), 0)
	iy0 = max(int(math.Floor((y0-g.Y0)/g.Cell-0.5)), 0)
	ix1 = min(int(math.Ceil((x1-g.X0)/g.Cell-0.5)), g.W-1)
	iy1 = min(int(math.Ceil((y1-g.Y0)/g.Cell-0.5)), g.H-1)
	return
}

// FillCapsule sets the cells whose centres lie within r of the segment
// from (ax, ay) to (bx, by): a buffered line piece.
func (g *Grid) FillCapsule(ax, ay, bx, by, r float64) {
	ix0, iy0, ix1, iy1 := g.cellRange(math.Min(ax, bx)-r, math.Min(ay, by)-r, math.Max(ax, bx)+r, math.Max(ay, by)+r)
	dx, dy := bx-ax, by-ay
	l2 := dx*dx + dy*dy
	r2 := r * r
	for iy := iy0; iy <= iy1; iy++ {
		for ix := ix0; ix <= ix1; ix++ {
			cx, cy := g.centre(ix, iy)
			t := 0.0
			if l2 > 0 {
				t = math.Min(math.Max(((cx-ax)*dx+(cy-ay)*dy)/l2, 0), 1)
			}
			ex, ey := ax+t*dx-cx, ay+t*dy-cy
			if ex*ex+ey*ey <= r2 {
				g.Set(ix, iy)
			}
		}
	}
}

// FillDisk sets the cells whose centres lie within r of (x, y).
func (g *Grid) FillDisk(x, y, r float64) { g.FillCapsule(x, y, x, y, r) }

// FillBox sets the cells whose centres lie in [x0, x1)×[y0, y1), and the
// cell holding the box's centre whatever the box's size, so that a box
// never vanishes and always covers its centre.
func (g *Grid) FillBox(x0, y0, x1, y1 float64) {
	ix0, iy0, ix1, iy1 := g.cellRange(x0, y0, x1, y1)
	for iy := iy0; iy <= iy1; iy++ {
		for ix := ix0; ix <= ix1; ix++ {
			if cx, cy := g.centre(ix, iy); cx >= x0 && cx < x1 && cy >= y0 && cy < y1 {
				g.Set(ix, iy)
			}
		}
	}
	g.Set(g.CellOf((x0+x1)/2, (y0+y1)/2))
}

// joinCorners removes every 2×2 block whose set cells touch only at a
// corner, by setting the block's lower-right cell (or, for the other
// diagonal, its lower-left one). Setting a cell can create such a block
// next to it, so those are checked again.
func (g *Grid) joinCorners() {
	var work [][2]int
	check := func(x, y int) {
		a, b, c, d := g.Get(x, y), g.Get(x+1, y), g.Get(x, y+1), g.Get(x+1, y+1)
		switch {
		case a && d && !b && !c:
			g.Set(x+1, y)
		case b && c && !a && !d:
			g.Set(x, y)
		default:
			return
		}
		// The cell just set belongs to the blocks around it.
		for oy := -1; oy <= 0; oy++ {
			for ox := -1; ox <= 1; ox++ {
				work = append(work, [2]int{x + ox, y + oy})
			}
		}
	}
	for y := -1; y < g.H; y++ {
		for x := -1; x < g.W; x++ {
			check(x, y)
		}
	}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		check(b[0], b[1])
	}
}
