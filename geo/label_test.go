package geo_test

import (
	"math"
	"testing"

	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// groundDist is the distance in metres between nearby lon/lat points on a
// sphere, good to a fraction of a percent over a few kilometres.
func groundDist(a, b orb.Point) float64 {
	const r = 6378137.0
	k := math.Pi / 180
	dx := (a[0] - b[0]) * k * math.Cos((a[1]+b[1])/2*k)
	dy := (a[1] - b[1]) * k
	return r * math.Hypot(dx, dy)
}

func TestLabelPointShapes(t *testing.T) {
	for _, c := range []struct {
		name string
		mp   orb.MultiPolygon
		want orb.Point // the known pole, or the zero point for inside-only checks
	}{
		// A square on the ground: 0.01° of longitude at 60°N is 0.005° of
		// latitude, so the pole is the centre.
		{"ground square at 60N", orb.MultiPolygon{rect(10, 60, 10.02, 60.01)}, orb.Point{10.01, 60.005}},
		// A C shape: the pole is in the thick back, not at the centroid
		// (which lies in the mouth).
		{"C shape", orb.MultiPolygon{{{{0, 0}, {0.03, 0}, {0.03, 0.01}, {0.01, 0.01}, {0.01, 0.02}, {0.03, 0.02}, {0.03, 0.03}, {0, 0.03}, {0, 0}}}}, orb.Point{}},
		// A square with a large square hole: the pole is in the frame.
		{"frame", orb.MultiPolygon{{rect(0, 0, 0.05, 0.05)[0], reversed(rect(0.01, 0.01, 0.04, 0.04)[0])}}, orb.Point{}},
		// A thin crescent-like L: 30 m wide arms.
		{"thin L", orb.MultiPolygon{{{{0, 0}, {0.02, 0}, {0.02, 0.0003}, {0.0003, 0.0003}, {0.0003, 0.02}, {0, 0.02}, {0, 0}}}}, orb.Point{}},
		// Only the largest polygon counts.
		{"largest of two", orb.MultiPolygon{rect(0, 0, 0.001, 0.001), rect(1, 0, 1.002, 0.002)}, orb.Point{1.001, 0.001}},
	} {
		got := geo.LabelPoint(c.mp)
		if !planar.MultiPolygonContains(c.mp, got) {
			t.Errorf("%s: label %v is outside", c.name, got)
		}
		if c.want != (orb.Point{}) {
			if d := groundDist(got, c.want); d > 2 {
				t.Errorf("%s: label %v is %.1f m from the pole %v", c.name, got, d, c.want)
			}
		}
	}
}

func TestLabelPointFrameCorner(t *testing.T) {
	// In a 0.05° frame around a 0.03° hole at the equator, a point midway
	// along a side is 0.005° from both rings, but a point on a diagonal near
	// a corner does better: at (d, d) it is d from the outer ring and
	// √2·(0.01−d) from the hole's corner, equal when d = 0.01·√2/(1+√2).
	frame := orb.MultiPolygon{{rect(0, 0, 0.05, 0.05)[0], reversed(rect(0.01, 0.01, 0.04, 0.04)[0])}}
	want := 0.01 * math.Sqrt2 / (1 + math.Sqrt2)
	p := geo.LabelPoint(frame)
	dShell := min(p[0], p[1], 0.05-p[0], 0.05-p[1])
	// 1 m of precision is 9e-6° at the equator.
	if math.Abs(dShell-want) > 1e-5 {
		t.Errorf("label %v is %.6f° from the outer ring, want %.6f°", p, dShell, want)
	}
}

func TestLabelPointCounties(t *testing.T) {
	for _, c := range loadCounties(t) {
		mp, err := geo.MakeValid(c.mp)
		if err != nil {
			t.Fatal(err)
		}
		p := geo.LabelPoint(mp)
		if !planar.MultiPolygonContains(mp, p) {
			t.Errorf("%s: label %v is outside", c.name, p)
		}
		// The label must beat the centroid-based guess by being at least as
		// far from the boundary; check it is well inside: more than 1 km.
		if d := boundaryDist(mp, p); d < 1000 {
			t.Errorf("%s: label %v only %.0f m from the boundary", c.name, p, d)
		}
	}
}

// boundaryDist is the ground distance in metres from p to the nearest
// vertex-to-vertex edge of mp, by brute force in a local plane.
func boundaryDist(mp orb.MultiPolygon, p orb.Point) float64 {
	k := math.Cos(p[1] * math.Pi / 180)
	best := math.Inf(1)
	for _, poly := range mp {
		for _, r := range poly {
			for i := 0; i+1 < len(r); i++ {
				a := orb.Point{(r[i][0] - p[0]) * k, r[i][1] - p[1]}
				b := orb.Point{(r[i+1][0] - p[0]) * k, r[i+1][1] - p[1]}
				best = min(best, planar.DistanceFromSegment(a, b, orb.Point{}))
			}
		}
	}
	return best * math.Pi / 180 * 6378137
}

func TestLabelPointEmpty(t *testing.T) {
	if p := geo.LabelPoint(nil); p != (orb.Point{}) {
		t.Errorf("LabelPoint(nil) = %v", p)
	}
}

func BenchmarkLabelPoint(b *testing.B) {
	cs := loadCounties(b)
	mp, _ := geo.MakeValid(cs[3].mp)
	b.ReportAllocs()
	for b.Loop() {
		geo.LabelPoint(mp)
	}
}
