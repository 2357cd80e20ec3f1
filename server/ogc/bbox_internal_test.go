package ogc

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func TestParseBBox(t *testing.T) {
	b, err := parseBBox(" 120.1, 32 ,121,32.5")
	if err != nil || b != (orb.Bound{Min: orb.Point{120.1, 32}, Max: orb.Point{121, 32.5}}) {
		t.Errorf("bbox %v %v", b, err)
	}
	if b, err := parseBBox("120,32,0,121,33,10"); err != nil || b.Max != (orb.Point{121, 33}) {
		t.Errorf("6-number bbox %v %v", b, err)
	}
	for in, msg := range map[string]string{
		"1,2,3":          "has 3 numbers",
		"a,2,3,4":        `item 1 "a" is not a number`,
		"1,2,NaN,4":      `item 3 "NaN" is not a number`,
		"121,32,120,33":  "minimum longitude 121 is east of the maximum 120",
		"120,33,121,32":  "minimum latitude 33 is north",
		"120,-91,121,32": "latitudes must lie within",
		"120,32,121,Inf": "is not a number",
		"":               "has 1 numbers",
	} {
		if _, err := parseBBox(in); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("parseBBox(%q) = %v, want %q", in, err, msg)
		}
	}
}

// intersectsBound agrees with a brute-force test on a fine grid of sample
// points for random triangles and boxes (up to the grid's resolution, so
// only answers where the sampling finds an intersection are compared one
// way, and disjointness is checked against the exact bound test).
func TestIntersectsBoundAgainstSampling(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 300; n++ {
		tri := orb.Polygon{orb.Ring{{r.Float64() * 10, r.Float64() * 10}, {r.Float64() * 10, r.Float64() * 10}, {r.Float64() * 10, r.Float64() * 10}}}
		tri[0] = append(tri[0], tri[0][0])
		x, y := r.Float64()*10, r.Float64()*10
		box := orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + r.Float64()*3, y + r.Float64()*3}}
		sampled := false
		for i := 0; i <= 60 && !sampled; i++ {
			for j := 0; j <= 60; j++ {
				p := orb.Point{box.Min[0] + (box.Max[0]-box.Min[0])*float64(i)/60, box.Min[1] + (box.Max[1]-box.Min[1])*float64(j)/60}
				if planar.PolygonContains(tri, p) {
					sampled = true
					break
				}
			}
		}
		got := intersectsBound(tri, box)
		if sampled && !got {
			t.Fatalf("triangle %v and box %v share a point but intersectsBound says no", tri, box)
		}
		if !tri.Bound().Intersects(box) && got {
			t.Fatalf("disjoint bounds but intersectsBound says yes: %v %v", tri, box)
		}
	}
}

func FuzzParseBBox(f *testing.F) {
	for _, s := range []string{"120,32,121,33", "1,2,3", "120,32,0,121,33,10", "-180,-90,180,90", "1e308,0,1e308,1", ",,,", "120,32,121,33,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1024 {
			return
		}
		b, err := parseBBox(s)
		if err != nil {
			return
		}
		if b.Min[0] > b.Max[0] || b.Min[1] > b.Max[1] || b.Min[1] < -90 || b.Max[1] > 90 {
			t.Fatalf("%q gave an invalid box %v", s, b)
		}
	})
}
