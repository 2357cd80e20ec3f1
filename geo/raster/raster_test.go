package raster

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func identity(x, y float64) orb.Point { return orb.Point{x, y} }

// checkTrace traces g and checks the polygons against the cells: valid,
// every set cell's centre inside, every clear one's outside, area = cells.
func checkTrace(t *testing.T, g *Grid) orb.MultiPolygon {
	t.Helper()
	mp := g.Polygons(identity)
	if err := geo.Validate(mp); err != nil {
		t.Fatalf("invalid polygons: %v", err)
	}
	area := 0.0
	for _, p := range mp {
		if planar.Area(p[0]) <= 0 {
			t.Fatalf("shell not counter-clockwise: %v", p[0])
		}
		for _, h := range p[1:] {
			if planar.Area(h) >= 0 {
				t.Fatalf("hole not clockwise: %v", h)
			}
		}
		area += planar.Area(p)
	}
	if want := float64(g.Count()) * g.Cell * g.Cell; math.Abs(area-want) > 1e-6*want+1e-9 {
		t.Fatalf("area %g, want %g (%d cells)", area, want, g.Count())
	}
	for y := range g.H {
		for x := range g.W {
			cx, cy := g.centre(x, y)
			if in := planar.MultiPolygonContains(mp, orb.Point{cx, cy}); in != g.Get(x, y) {
				t.Fatalf("cell (%d, %d): set %v, inside %v", x, y, g.Get(x, y), in)
			}
		}
	}
	return mp
}

func TestTraceRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		g := New(0, 0, 9, 7, 1, 0)
		density := rng.Float64()
		for y := range g.H {
			for x := range g.W {
				if rng.Float64() < density {
					g.Set(x, y)
				}
			}
		}
		before := g.Count()
		checkTrace(t, g)
		if g.Count() < before {
			t.Fatalf("trial %d: tracing cleared cells", trial)
		}
	}
}

func TestTraceShapes(t *testing.T) {
	// A ring of cells: one polygon with one hole.
	g := New(0, 0, 4, 4, 1, 0)
	for y := range 5 {
		for x := range 5 {
			if x == 0 || y == 0 || x == 4 || y == 4 {
				g.Set(x, y)
			}
		}
	}
	mp := checkTrace(t, g)
	if len(mp) != 1 || len(mp[0]) != 2 || len(mp[0][0]) != 5 || len(mp[0][1]) != 5 {
		t.Fatalf("square ring: %v", mp)
	}
	// An island in the hole of a ring: two polygons, the island inside the
	// hole and not a hole of its own.
	g.Set(2, 2)
	mp = checkTrace(t, g)
	if len(mp) != 2 {
		t.Fatalf("ring with island: %d polygons", len(mp))
	}
	// Cells touching at a corner are joined by one more cell.
	g = New(0, 0, 1, 1, 1, 0)
	g.Set(0, 0)
	g.Set(1, 1)
	mp = checkTrace(t, g)
	if len(mp) != 1 || g.Count() != 3 {
		t.Fatalf("diagonal pair: %v, %d cells", mp, g.Count())
	}
}

func TestFillDisk(t *testing.T) {
	g := New(-10, -10, 10, 10, 0.25, 0)
	g.FillDisk(0, 0, 5)
	// Cells whose centres lie in the disk: about its area.
	if got, want := float64(g.Count())*0.0625, math.Pi*25; math.Abs(got-want) > 0.02*want {
		t.Fatalf("disk area %g, want about %g", got, want)
	}
	for y := range g.H {
		for x := range g.W {
			cx, cy := g.centre(x, y)
			if in := cx*cx+cy*cy <= 25; in != g.Get(x, y) {
				t.Fatalf("cell (%d, %d) centre (%g, %g): set %v, in disk %v", x, y, cx, cy, g.Get(x, y), in)
			}
		}
	}
	checkTrace(t, g)
}

func TestFillCapsule(t *testing.T) {
	g := New(0, 0, 20, 10, 0.5, 0)
	g.FillCapsule(2, 5, 18, 5, 2)
	// A stadium: a 16×4 rectangle and a disk of radius 2.
	want := 16*4 + math.Pi*4
	if got := float64(g.Count()) * 0.25; math.Abs(got-want) > 0.05*want {
		t.Fatalf("capsule area %g, want about %g", got, want)
	}
	checkTrace(t, g)
}

func TestFillBoxAndCap(t *testing.T) {
	g := New(0, 0, 1e6, 1e6, 1, 1000)
	if g.W*g.H > 1000 {
		t.Fatalf("grid of %d×%d cells exceeds the cap", g.W, g.H)
	}
	g = New(0, 0, 10, 10, 1, 0)
	g.FillBox(2, 2, 5, 4)
	if g.Count() != 6 {
		t.Fatalf("box: %d cells, want 6", g.Count())
	}
	g.FillBox(7.2, 7.2, 7.3, 7.3) // smaller than a cell: still one
	if g.Count() != 7 || !g.Get(7, 7) {
		t.Fatalf("tiny box not set")
	}
}

func TestComponents(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for trial := range 100 {
		g := New(0, 0, 11, 8, 1, 0)
		for y := range g.H {
			for x := range g.W {
				if rng.Float64() < 0.45 {
					g.Set(x, y)
				}
			}
		}
		polys, label := g.Components(identity)
		if err := geo.Validate(orb.MultiPolygon(polys)); err != nil {
			t.Fatalf("trial %d: invalid: %v", trial, err)
		}
		for y := range g.H {
			for x := range g.W {
				cx, cy := g.centre(x, y)
				l := label(x, y)
				if (l >= 0) != g.Get(x, y) {
					t.Fatalf("trial %d: cell (%d, %d) set %v, label %d", trial, x, y, g.Get(x, y), l)
				}
				for i, p := range polys {
					if in := planar.PolygonContains(p, orb.Point{cx, cy}); in != (i == l) {
						t.Fatalf("trial %d: cell (%d, %d) label %d, inside polygon %d: %v", trial, x, y, l, i, in)
					}
				}
			}
		}
	}
}

// TestCanvasCoarseLineConnected burns a thin diagonal line on cells much
// wider than its buffer: it must stay one polygon.
func TestCanvasCoarseLineConnected(t *testing.T) {
	line := orb.LineString{{120.0, 32.0}, {120.3, 32.17}}
	cv := NewCanvas(line.Bound(), 100, 200, 0)
	cv.Line(line, 5)
	mp := cv.Polygons()
	if len(mp) != 1 {
		t.Fatalf("a line became %d polygons", len(mp))
	}
	if err := geo.Validate(mp); err != nil {
		t.Fatal(err)
	}
	for _, p := range line {
		if !planar.MultiPolygonContains(mp, p) {
			t.Fatalf("line end %v outside", p)
		}
	}
}
