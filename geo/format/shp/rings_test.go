package shp

import (
	"testing"

	"github.com/paulmach/orb"
)

// square is a closed ring, clockwise (as the format wants outer rings)
// when cw.
func square(x, y, d float64, cw bool) []orb.Point {
	r := orb.Ring{{x, y}, {x + d, y}, {x + d, y + d}, {x, y + d}, {x, y}}
	if cw {
		r.Reverse()
	}
	return r
}

// Rings are grouped by orientation: each hole goes to the smallest outer
// ring holding it (an island in a lake in an island), a hole outside every
// outer ring stands alone, and rings all counter-clockwise are all outer.
func TestPolygonRings(t *testing.T) {
	for _, c := range []struct {
		name  string
		parts [][]orb.Point
		want  []int // rings per polygon
	}{
		{"one outer", [][]orb.Point{square(0, 0, 10, true)}, []int{1}},
		{"outer and hole", [][]orb.Point{square(0, 0, 10, true), square(2, 2, 2, false)}, []int{2}},
		{"nested", [][]orb.Point{square(0, 0, 10, true), square(1, 1, 8, false), square(2, 2, 6, true), square(3, 3, 1, false)},
			[]int{2, 2}},
		{"hole first", [][]orb.Point{square(2, 2, 2, false), square(0, 0, 10, true)}, []int{2}},
		{"stray hole", [][]orb.Point{square(0, 0, 1, true), square(5, 5, 1, false)}, []int{1, 1}},
		{"all counter-clockwise", [][]orb.Point{square(0, 0, 1, false), square(5, 5, 1, false)}, []int{1, 1}},
		{"unclosed triangle", [][]orb.Point{{{0, 0}, {0, 1}, {1, 0}}}, []int{1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			g, err := polygon(c.parts)
			if err != nil {
				t.Fatal(err)
			}
			mp, ok := g.(orb.MultiPolygon)
			if p, single := g.(orb.Polygon); single {
				mp, ok = orb.MultiPolygon{p}, len(c.want) == 1
			}
			if !ok || len(mp) != len(c.want) {
				t.Fatalf("%T %v, want %d polygons", g, g, len(c.want))
			}
			for i, p := range mp {
				if len(p) != c.want[i] {
					t.Errorf("polygon %d has %d rings, want %d", i+1, len(p), c.want[i])
				}
				for j, r := range p {
					if want := map[bool]orb.Orientation{true: orb.CCW, false: orb.CW}[j == 0]; r.Orientation() != want {
						t.Errorf("polygon %d ring %d is %v", i+1, j+1, r.Orientation())
					}
				}
			}
		})
	}
	// The nested case: the small hole belongs to the inner island.
	g, _ := polygon([][]orb.Point{square(0, 0, 10, true), square(1, 1, 8, false), square(2, 2, 6, true), square(3, 3, 1, false)})
	if hole := g.(orb.MultiPolygon)[1][1]; hole.Bound() != (orb.Bound{Min: orb.Point{3, 3}, Max: orb.Point{4, 4}}) {
		t.Errorf("the inner island's hole is %v", hole)
	}
}
