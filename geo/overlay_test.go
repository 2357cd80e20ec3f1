package geo_test

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func TestOverlay(t *testing.T) {
	sq := func(x0, y0, x1, y1 float64) orb.MultiPolygon { return orb.MultiPolygon{rect(x0, y0, x1, y1)} }
	type op func(a, b orb.MultiPolygon) (orb.MultiPolygon, error)
	for _, c := range []struct {
		name  string
		op    op
		a, b  orb.MultiPolygon
		area  float64 // planar, by hand
		parts int
	}{
		{"union of squares sharing an edge", geo.Union, sq(0, 0, 1, 1), sq(1, 0, 2, 1), 2, 1},
		{"intersection along a shared edge is empty", geo.Intersection, sq(0, 0, 1, 1), sq(1, 0, 2, 1), 0, 0},
		{"difference along a shared edge", geo.Difference, sq(0, 0, 1, 1), sq(1, 0, 2, 1), 1, 1},
		{"union of squares touching at a corner", geo.Union, sq(0, 0, 1, 1), sq(1, 1, 2, 2), 2, 2},
		{"intersection of overlapping squares", geo.Intersection, sq(0, 0, 2, 2), sq(1, 1, 3, 3), 1, 1},
		{"union of overlapping squares", geo.Union, sq(0, 0, 2, 2), sq(1, 1, 3, 3), 7, 1},
		{"difference of overlapping squares", geo.Difference, sq(0, 0, 2, 2), sq(1, 1, 3, 3), 3, 1},
		// A sliver 1e-7 wide (a centimetre on the ground) survives.
		{"sliver", geo.Difference, sq(0, 0, 1, 1), sq(0, 1e-7, 1, 1), 1e-7, 1},
		{"sliver overlap", geo.Intersection, sq(0, 0, 1, 1), sq(0, 1-1e-7, 1, 2), 1e-7, 1},
		// A hole cut in the middle: one polygon with one hole.
		{"hole", geo.Difference, sq(0, 0, 3, 3), sq(1, 1, 2, 2), 8, 1},
		// A ring touching the other's boundary from inside at one point.
		{"touching ring inside", geo.Union, sq(0, 0, 4, 4), orb.MultiPolygon{{{{0, 2}, {1, 1}, {1, 3}, {0, 2}}}}, 16, 1},
		{"touching ring cut out", geo.Difference, sq(0, 0, 4, 4), orb.MultiPolygon{{{{0, 2}, {1, 1}, {1, 3}, {0, 2}}}}, 15, 1},
	} {
		got, err := c.op(c.a, c.b)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if a := planar.Area(got); math.Abs(a-c.area) > 1e-12 {
			t.Errorf("%s: area %.15g, want %.15g", c.name, a, c.area)
		}
		if len(got) != c.parts {
			t.Errorf("%s: %d polygons, want %d: %v", c.name, len(got), c.parts, got)
		}
		if err := geo.Validate(got); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

func TestUnionAllGrid(t *testing.T) {
	// A 3×3 grid of unit squares dissolves into one 3×3 square.
	var cells []orb.MultiPolygon
	for i := range 3 {
		for j := range 3 {
			cells = append(cells, orb.MultiPolygon{rect(float64(i), float64(j), float64(i+1), float64(j+1))})
		}
	}
	u, err := geo.UnionAll(cells)
	if err != nil {
		t.Fatal(err)
	}
	if len(u) != 1 || len(u[0]) != 1 {
		t.Fatalf("union %v, want one polygon without holes", u)
	}
	if a := planar.Area(u); a != 9 {
		t.Errorf("area %v, want 9", a)
	}
	// simplefeatures keeps the nodes where the inner grid lines met the
	// boundary: 4 corners and 8 such nodes.
	if n := len(u[0][0]) - 1; n != 12 {
		t.Errorf("%d vertices, want 12", n)
	}
	if u, err := geo.UnionAll(nil); err != nil || len(u) != 0 {
		t.Errorf("UnionAll(nil) = %v, %v", u, err)
	}
}

func TestSFRoundTrip(t *testing.T) {
	// A clockwise shell and counter-clockwise hole come back re-oriented
	// for RFC 7946 with the same coordinates.
	shell := reversed(rect(0, 0, 3, 3)[0])
	hole := rect(1, 1, 2, 2)[0]
	got := geo.FromSF(geo.ToSF(orb.MultiPolygon{{shell, hole}}))
	want := orb.MultiPolygon{{rect(0, 0, 3, 3)[0], reversed(hole)}}
	if len(got) != 1 || len(got[0]) != 2 || !sameRing(got[0][0], want[0][0]) || !sameRing(got[0][1], want[0][1]) {
		t.Errorf("got %v, want %v", got, want)
	}
	if planar.Area(got) != 8 {
		t.Errorf("area %v, want 8", planar.Area(got))
	}
	// An open ring is closed on the way in.
	open := orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}}}}
	if g := geo.FromSF(geo.ToSF(open)); len(g) != 1 || len(g[0][0]) != 4 {
		t.Errorf("open ring came back as %v", g)
	}
}

// sameRing reports whether two closed rings have the same vertex cycle in
// the same direction, from any starting vertex.
func sameRing(a, b orb.Ring) bool {
	if len(a) != len(b) {
		return false
	}
	n := len(a) - 1
	for s := range n {
		ok := true
		for i := range n {
			if a[(s+i)%n] != b[i] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func TestPointInMultiPolygon(t *testing.T) {
	mp := orb.MultiPolygon{{rect(0, 0, 3, 3)[0], reversed(rect(1, 1, 2, 2)[0])}, rect(5, 5, 6, 6)}
	for p, want := range map[orb.Point]bool{
		{0.5, 0.5}: true, {1.5, 1.5}: false, {5.5, 5.5}: true, {4, 4}: false,
	} {
		if got := geo.PointInMultiPolygon(mp, p); got != want {
			t.Errorf("PointInMultiPolygon(%v) = %v, want %v", p, got, want)
		}
	}
}

// Overlapping inputs: a 3×3 grid of unit squares plus an enlarged copy of
// the middle one overlapping its eight neighbours. The union is still the
// 3×3 square (area 9) with no hole, however the inputs overlap.
func TestUnionAllOverlapping(t *testing.T) {
	var cells []orb.MultiPolygon
	for i := range 3 {
		for j := range 3 {
			cells = append(cells, orb.MultiPolygon{rect(float64(i), float64(j), float64(i+1), float64(j+1))})
		}
	}
	cells = append(cells, orb.MultiPolygon{rect(0.9, 0.9, 2.1, 2.1)})
	u, err := geo.UnionAll(cells)
	if err != nil {
		t.Fatal(err)
	}
	if a := planar.Area(u); len(u) != 1 || len(u[0]) != 1 || math.Abs(a-9) > 1e-12 {
		t.Errorf("union %d polygons, %d rings, area %v; want one 3×3 square", len(u), len(u[0]), a)
	}
	// Three overlapping strips: [0,2]×[0,2] ∪ [1,3]×[0,2] ∪ [0.5,2.5]×[0.5,1.5]
	// is [0,3]×[0,2].
	u, err = geo.UnionAll([]orb.MultiPolygon{{rect(0, 0, 2, 2)}, {rect(1, 0, 3, 2)}, {rect(0.5, 0.5, 2.5, 1.5)}})
	if err != nil {
		t.Fatal(err)
	}
	if a := planar.Area(u); math.Abs(a-6) > 1e-12 {
		t.Errorf("union area %v, want 6", a)
	}
}

// Six generated grid cells, the third enlarged by 10% so that it overlaps
// its five neighbours: the case that made simplefeatures' UnionMany leave
// the enlarged cell's own part out as a hole. Every cell must lie inside the
// union, and the union be no larger than the cells together.
func TestUnionAllOverlappingCells(t *testing.T) {
	b, err := os.ReadFile("testdata/overlapping_cells.json")
	if err != nil {
		t.Fatal(err)
	}
	var cells []orb.MultiPolygon
	if err := json.Unmarshal(b, &cells); err != nil {
		t.Fatal(err)
	}
	u, err := geo.UnionAll(cells)
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	for i, c := range cells {
		sum += geo.Area(c)
		out, err := geo.Difference(c, u)
		if err != nil {
			t.Fatal(err)
		}
		if a := geo.Area(out); a > 1e-3 {
			t.Errorf("cell %d: %.0f m² of it outside the union", i, a)
		}
	}
	if a := geo.Area(u); a > sum || len(u) != 1 || len(u[0]) != 1 {
		t.Errorf("union of %d polygons, %d rings, %.0f m² (cells sum to %.0f m²)", len(u), len(u[0]), a, sum)
	}
}
