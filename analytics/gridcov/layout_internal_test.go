package gridcov

import (
	"math/rand/v2"
	"slices"

	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
)

// Random rectilinear communities and grids on a lattice of 0.001° (about
// 100 m) at Nantong's latitude, measured both ways — through the exact
// tiling test and residual, and through the overlays alone — and checked
// against brute force: cut the plane along every x and y the rectangles
// use, and classify each cell by whether its centre is in the community and
// how many grids hold it. Every cell lies wholly inside or outside every
// rectangle, so the sums are exact, up to geo.Area's rounding.
const step = 0.001

// rect is a lattice rectangle [x0, x1) × [y0, y1), in steps.
type rect struct{ x0, y0, x1, y1 int }

func (r rect) contains(x, y float64) bool {
	return x > float64(r.x0) && x < float64(r.x1) && y > float64(r.y0) && y < float64(r.y1)
}

func (r rect) inside(o rect) bool {
	return r.x0 > o.x0 && r.y0 > o.y0 && r.x1 < o.x1 && r.y1 < o.y1
}

// ring is r's boundary, counter-clockwise, with a vertex at every lattice
// point so that neighbours' edges meet vertex to vertex.
func (r rect) ring() orb.Ring {
	pt := func(x, y int) orb.Point { return orb.Point{120 + float64(x)*step, 32 + float64(y)*step} }
	var ring orb.Ring
	for x := r.x0; x < r.x1; x++ {
		ring = append(ring, pt(x, r.y0))
	}
	for y := r.y0; y < r.y1; y++ {
		ring = append(ring, pt(r.x1, y))
	}
	for x := r.x1; x > r.x0; x-- {
		ring = append(ring, pt(x, r.y1))
	}
	for y := r.y1; y > r.y0; y-- {
		ring = append(ring, pt(r.x0, y))
	}
	return append(ring, ring[0])
}

// layout is a community (a rectangle, perhaps with a rectangular hole) and
// its grids.
type layout struct {
	shell rect
	hole  *rect
	grids []rect
}

// guillotine splits r into blocks by random straight cuts.
func guillotine(rng *rand.Rand, r rect, out []rect) []rect {
	w, h := r.x1-r.x0, r.y1-r.y0
	if (w < 2 && h < 2) || rng.IntN(3) == 0 {
		return append(out, r)
	}
	if w >= 2 && (h < 2 || rng.IntN(2) == 0) {
		x := r.x0 + 1 + rng.IntN(w-1)
		return guillotine(rng, rect{x, r.y0, r.x1, r.y1}, guillotine(rng, rect{r.x0, r.y0, x, r.y1}, out))
	}
	y := r.y0 + 1 + rng.IntN(h-1)
	return guillotine(rng, rect{r.x0, y, r.x1, r.y1}, guillotine(rng, rect{r.x0, r.y0, r.x1, y}, out))
}

// randomLayout tiles a community with blocks, then spoils the tiling at
// random: a block becomes a hole in the community, blocks go missing, grow
// by a step, or an extra grid is drawn anywhere near.
func randomLayout(rng *rand.Rand) layout {
	l := layout{shell: rect{0, 0, 3 + rng.IntN(6), 3 + rng.IntN(6)}}
	blocks := guillotine(rng, l.shell, nil)
	for i, b := range blocks {
		if l.hole == nil && b.inside(l.shell) && rng.IntN(2) == 0 {
			l.hole = &blocks[i]
			continue
		}
		switch rng.IntN(8) {
		case 0: // missing
			continue
		case 1: // grown by a step one way
			switch rng.IntN(4) {
			case 0:
				b.x0--
			case 1:
				b.y0--
			case 2:
				b.x1++
			default:
				b.y1++
			}
		}
		l.grids = append(l.grids, b)
	}
	if rng.IntN(4) == 0 {
		x, y := rng.IntN(l.shell.x1+2)-1, rng.IntN(l.shell.y1+2)-1
		l.grids = append(l.grids, rect{x, y, x + 1 + rng.IntN(3), y + 1 + rng.IntN(3)})
	}
	return l
}

func (l layout) community() orb.MultiPolygon {
	p := orb.Polygon{l.shell.ring()}
	if l.hole != nil {
		h := l.hole.ring()
		slices.Reverse(h)
		p = append(p, h)
	}
	return orb.MultiPolygon{p}
}

func (l layout) inCommunity(x, y float64) bool {
	return l.shell.contains(x, y) && (l.hole == nil || !l.hole.contains(x, y))
}

// want is the coverage brute force gives.
type want struct {
	covered, gap, overlap float64
	gaps                  int
	pairs                 map[[2]int]bool
	outside               []float64
}

func (l layout) bruteForce() want {
	xs, ys := []int{l.shell.x0, l.shell.x1}, []int{l.shell.y0, l.shell.y1}
	if l.hole != nil {
		xs, ys = append(xs, l.hole.x0, l.hole.x1), append(ys, l.hole.y0, l.hole.y1)
	}
	for _, g := range l.grids {
		xs, ys = append(xs, g.x0, g.x1), append(ys, g.y0, g.y1)
	}
	slices.Sort(xs)
	slices.Sort(ys)
	xs, ys = slices.Compact(xs), slices.Compact(ys)
	w := want{pairs: map[[2]int]bool{}, outside: make([]float64, len(l.grids))}
	gapCell := map[[2]int]bool{}
	for i := 0; i+1 < len(xs); i++ {
		for j := 0; j+1 < len(ys); j++ {
			cx, cy := float64(xs[i]+xs[i+1])/2, float64(ys[j]+ys[j+1])/2
			area := geo.Area(orb.MultiPolygon{{rect{xs[i], ys[j], xs[i+1], ys[j+1]}.ring()}})
			var in []int
			for k, g := range l.grids {
				if g.contains(cx, cy) {
					in = append(in, k)
				}
			}
			inC := l.inCommunity(cx, cy)
			for _, k := range in {
				if !inC {
					w.outside[k] += area
				}
			}
			for a := range in {
				for b := a + 1; b < len(in); b++ {
					w.pairs[[2]int{in[a], in[b]}] = true
				}
			}
			switch {
			case !inC:
			case len(in) == 0:
				w.gap += area
				gapCell[[2]int{i, j}] = true
			default:
				w.covered += area
				if len(in) > 1 {
					w.overlap += area
				}
			}
		}
	}
	w.gaps = components(gapCell)
	return w
}

// components counts the edge-connected components of cells.
func components(cells map[[2]int]bool) int {
	seen := map[[2]int]bool{}
	n := 0
	for c := range cells {
		if seen[c] {
			continue
		}
		n++
		stack := [][2]int{c}
		seen[c] = true
		for len(stack) > 0 {
			p := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, d := range [][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
				q := [2]int{p[0] + d[0], p[1] + d[1]}
				if cells[q] && !seen[q] {
					seen[q] = true
					stack = append(stack, q)
				}
			}
		}
	}
	return n
}
