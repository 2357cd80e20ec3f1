package geo_test

import (
	"math"
	"testing"

	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
)

// zoneArea integrates the area element of the WGS84 ellipsoid,
// dA = M(φ)·N(φ)·cos φ dφ dλ, over a lon/lat rectangle with Simpson's rule:
// an oracle independent of the authalic-latitude formula geo.Area uses.
func zoneArea(lon0, lat0, lon1, lat1 float64) float64 {
	const a, f = 6378137.0, 1 / 298.257223563
	e2 := f * (2 - f)
	g := func(phi float64) float64 {
		s := math.Sin(phi)
		w := 1 - e2*s*s
		m := a * (1 - e2) / math.Pow(w, 1.5) // meridional radius of curvature
		n := a / math.Sqrt(w)                // prime vertical radius of curvature
		return m * n * math.Cos(phi)
	}
	const steps = 2000
	p0, p1 := lat0*math.Pi/180, lat1*math.Pi/180
	h := (p1 - p0) / steps
	sum := g(p0) + g(p1)
	for i := 1; i < steps; i++ {
		w := 2.0
		if i%2 == 1 {
			w = 4
		}
		sum += w * g(p0+float64(i)*h)
	}
	return sum * h / 3 * (lon1 - lon0) * math.Pi / 180
}

func TestAreaOneDegreeCells(t *testing.T) {
	for _, c := range []struct {
		name       string
		lon0, lat0 float64
	}{
		{"equator", 0, 0},
		{"32N (Nantong)", 120, 32},
		{"southern", -60, -45},
	} {
		cell := orb.MultiPolygon{rect(c.lon0, c.lat0, c.lon0+1, c.lat0+1)}
		got := geo.Area(cell)
		want := zoneArea(c.lon0, c.lat0, c.lon0+1, c.lat0+1)
		if !within(got, want, 1e-9) {
			t.Errorf("%s: Area = %.3f m², ellipsoid integral %.3f m² (rel. diff %.2e)", c.name, got, want, (got-want)/want)
		}
	}
}

func TestAreaAgainstSphere(t *testing.T) {
	// orb/geo uses a sphere of the equatorial radius a. At 32°N the
	// ellipsoid's area element M·N is 0.3% smaller than a², so the two agree
	// within 0.5%.
	cell := orb.MultiPolygon{rect(120, 32, 121, 33)}
	if got, sphere := geo.Area(cell), orbgeo.Area(cell); !within(got, sphere, 0.005) {
		t.Errorf("at 32°N: Area = %.0f m², sphere %.0f m²", got, sphere)
	}
	for _, c := range loadCounties(t) {
		if got, sphere := geo.Area(c.mp), orbgeo.Area(c.mp); !within(got, sphere, 0.005) {
			t.Errorf("%s: Area = %.0f m², sphere %.0f m²", c.name, got, sphere)
		}
	}
	// At the equator M·N = a²(1−e²): the sphere overstates by e² ≈ 0.67%,
	// which is why Area does not use one.
	e2 := 0.00669437999014
	eq := orb.MultiPolygon{rect(0, 0, 0.01, 0.01)}
	if got, sphere := geo.Area(eq), orbgeo.Area(eq); !within(got/sphere, 1-e2, 1e-6) {
		t.Errorf("at the equator: Area/sphere = %.8f, want 1−e² = %.8f", got/sphere, 1-e2)
	}
}

func TestAreaOrientationAndHoles(t *testing.T) {
	outer := rect(120, 32, 120.1, 32.1)
	hole := rect(120.02, 32.02, 120.04, 32.04)
	whole := geo.PolygonArea(outer)

	cw := orb.Polygon{outer[0].Clone()}
	cw[0].Reverse()
	if got := geo.PolygonArea(cw); !within(got, whole, 1e-12) {
		t.Errorf("clockwise shell: %.3f m², want %.3f", got, whole)
	}
	want := whole - geo.PolygonArea(hole)
	for _, h := range []orb.Ring{hole[0], reversed(hole[0])} {
		if got := geo.Area(orb.MultiPolygon{{outer[0], h}}); !within(got, want, 1e-12) {
			t.Errorf("with hole: %.3f m², want %.3f", got, want)
		}
	}
	// The hole is 1/25 of the shell in lon/lat; on the ellipsoid the ratio
	// differs only by the change of scale over 0.02° of latitude.
	if r := geo.PolygonArea(hole) / whole; math.Abs(r-0.04) > 0.04*1e-3 {
		t.Errorf("hole/shell = %.6f, want about 0.04", r)
	}
	if geo.Area(nil) != 0 || geo.PolygonArea(nil) != 0 {
		t.Error("empty geometry has non-zero area")
	}
}

func reversed(r orb.Ring) orb.Ring {
	c := r.Clone()
	c.Reverse()
	return c
}

// The README of the Nantong data gives what PostGIS 3.3 measured for the
// repaired county polygons: areas summing to 9,817.60 km² and a union of
// 9,817.55 km². Both agree with Area to 1e-5 (0.1 km²), the difference
// between straight edges in the equal-area plane and geodesic edges.
func TestAreaCountiesMatchPostGIS(t *testing.T) {
	var sum float64
	var fixed []orb.MultiPolygon
	for _, c := range loadCounties(t) {
		mp, err := geo.MakeValid(c.mp)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		sum += geo.Area(mp)
		fixed = append(fixed, mp)
	}
	if !within(sum/1e6, 9817.60, 1e-5) {
		t.Errorf("sum of county areas %.3f km², PostGIS 9817.60", sum/1e6)
	}
	u, err := geo.UnionAll(fixed)
	if err != nil {
		t.Fatal(err)
	}
	union := geo.Area(u)
	if !within(union/1e6, 9817.55, 1e-5) {
		t.Errorf("area of the union %.3f km², PostGIS 9817.55", union/1e6)
	}
	if overlap := (sum - union) / 1e6; overlap < -1e-3 || overlap > 0.05 {
		t.Errorf("overlap between counties %.4f km², want at most PostGIS's 0.045", overlap)
	}
}

func BenchmarkArea(b *testing.B) {
	cs := loadCounties(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range cs {
			geo.Area(c.mp)
		}
	}
}

// Edges are straight in lon/lat, so an extra vertex on an edge changes
// nothing, and the two halves of a polygon cut along a diagonal add up to
// it: what makes the areas of a partition add up to the whole.
func TestAreaAdditive(t *testing.T) {
	tri := orb.Polygon{{{120, 32}, {121, 32}, {120.5, 33}, {120, 32}}}
	split := orb.Polygon{{{120, 32}, {121, 32}, {120.75, 32.5}, {120.5, 33}, {120, 32}}}
	if a, b := geo.PolygonArea(tri), geo.PolygonArea(split); !within(b, a, 1e-13) {
		t.Errorf("extra vertex on an edge: %.6f m² → %.6f m²", a, b)
	}
	quad := orb.Polygon{{{120, 32}, {121.3, 32.2}, {121, 33}, {120.1, 32.8}, {120, 32}}}
	h1 := orb.Polygon{{{120, 32}, {121.3, 32.2}, {121, 33}, {120, 32}}}
	h2 := orb.Polygon{{{120, 32}, {121, 33}, {120.1, 32.8}, {120, 32}}}
	if a, b := geo.PolygonArea(quad), geo.PolygonArea(h1)+geo.PolygonArea(h2); !within(b, a, 1e-13) {
		t.Errorf("halves add up to %.6f m², the whole is %.6f m²", b, a)
	}
}
