package gridcov

import (
	"slices"
	"testing"

	"github.com/paulmach/orb"
)

// sq is the unit square with lower left corner (x, y), counter-clockwise.
func sq(x, y float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{x, y}, {x + 1, y}, {x + 1, y + 1}, {x, y + 1}, {x, y}}}}
}

func reversedMP(mp orb.MultiPolygon) orb.MultiPolygon {
	out := mp.Clone()
	for _, p := range out {
		for _, r := range p {
			slices.Reverse(r)
		}
	}
	return out
}

func TestTiles(t *testing.T) {
	// A 2×1 rectangle with a vertex at (1, 0) and (1, 1), as its two
	// squares have.
	whole := orb.MultiPolygon{{{{0, 0}, {1, 0}, {2, 0}, {2, 1}, {1, 1}, {0, 1}, {0, 0}}}}
	// The same without those vertices: the squares meet it at T-junctions.
	plain := orb.MultiPolygon{{{{0, 0}, {2, 0}, {2, 1}, {0, 1}, {0, 0}}}}
	// A 3×3 square with a hole where the middle square is, and its eight
	// squares around.
	var ring []orb.MultiPolygon
	for i := range 3 {
		for j := range 3 {
			if i != 1 || j != 1 {
				ring = append(ring, sq(float64(i), float64(j)))
			}
		}
	}
	frame := orb.MultiPolygon{{
		{{0, 0}, {1, 0}, {2, 0}, {3, 0}, {3, 1}, {3, 2}, {3, 3}, {2, 3}, {1, 3}, {0, 3}, {0, 2}, {0, 1}, {0, 0}},
		{{1, 1}, {1, 2}, {2, 2}, {2, 1}, {1, 1}},
	}}
	for _, c := range []struct {
		name  string
		whole orb.MultiPolygon
		parts []orb.MultiPolygon
		want  bool
	}{
		{"two squares", whole, []orb.MultiPolygon{sq(0, 0), sq(1, 0)}, true},
		{"orientation does not matter", reversedMP(whole), []orb.MultiPolygon{reversedMP(sq(0, 0)), sq(1, 0)}, true},
		{"open rings", orb.MultiPolygon{{whole[0][0][:6]}}, []orb.MultiPolygon{sq(0, 0), {{sq(1, 0)[0][0][:4]}}}, true},
		{"T-junctions are left to the overlays", plain, []orb.MultiPolygon{sq(0, 0), sq(1, 0)}, false},
		{"a missing square", whole, []orb.MultiPolygon{sq(0, 0)}, false},
		{"a square twice", whole, []orb.MultiPolygon{sq(0, 0), sq(1, 0), sq(1, 0)}, false},
		{"a frame with a hole", frame, ring, true},
		{"a frame filled in", frame, append(slices.Clone(ring), sq(1, 1)), false},
	} {
		if got := tiles(c.whole, c.parts, edgeSum{}); got != c.want {
			t.Errorf("%s: tiles = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestResidualGaps(t *testing.T) {
	// A 3×3 square, every boundary lattice point a vertex.
	whole := orb.MultiPolygon{{{{0, 0}, {1, 0}, {2, 0}, {3, 0}, {3, 1}, {3, 2}, {3, 3}, {2, 3}, {1, 3}, {0, 3}, {0, 2}, {0, 1}, {0, 0}}}}
	squares := func(skip ...[2]int) []orb.MultiPolygon {
		var out []orb.MultiPolygon
		for i := range 3 {
			for j := range 3 {
				if !slices.Contains(skip, [2]int{i, j}) {
					out = append(out, sq(float64(i), float64(j)))
				}
			}
		}
		return out
	}
	for _, c := range []struct {
		name  string
		parts []orb.MultiPolygon
		gaps  int // -1: left to the overlays
	}{
		{"the middle missing", squares([2]int{1, 1}), 1},
		{"two apart", squares([2]int{0, 0}, [2]int{2, 2}), 2},
		{"two side by side make one gap", squares([2]int{0, 0}, [2]int{1, 0}), 1},
		// Gaps meeting at a corner leave a vertex with two edges out.
		{"two at a corner", squares([2]int{0, 0}, [2]int{1, 1}), -1},
		{"an overlap", append(squares([2]int{1, 1}), sq(0, 0)), -1},
	} {
		s := edgeSum{}
		if tiles(whole, c.parts, s) {
			t.Fatalf("%s: tiles", c.name)
		}
		gaps, ok := residualGaps(s)
		switch {
		case c.gaps < 0 && ok:
			t.Errorf("%s: residual read as gaps %v; want it left to the overlays", c.name, gaps)
		case c.gaps >= 0 && (!ok || len(gaps) != c.gaps):
			t.Errorf("%s: gaps %v (ok %v), want %d", c.name, gaps, ok, c.gaps)
		}
	}
}
