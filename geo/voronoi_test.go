package geo_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func randomSites(r *rand.Rand, n int, b orb.Bound) []orb.Point {
	sites := make([]orb.Point, n)
	for i := range sites {
		sites[i] = orb.Point{
			b.Min[0] + r.Float64()*(b.Max[0]-b.Min[0]),
			b.Min[1] + r.Float64()*(b.Max[1]-b.Min[1]),
		}
	}
	return sites
}

func TestVoronoiTilesBound(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, c := range []struct {
		n int
		b orb.Bound
	}{
		{1, orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}}},
		{2, orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}}},
		{50, orb.Bound{Min: orb.Point{120.5, 31.8}, Max: orb.Point{121.1, 32.2}}},
		{400, orb.Bound{Min: orb.Point{-3, -1}, Max: orb.Point{3, 1}}},
	} {
		sites := randomSites(r, c.n, c.b)
		cells := geo.Voronoi(sites, c.b)
		if len(cells) != c.n {
			t.Fatalf("%d sites: %d cells", c.n, len(cells))
		}
		boundArea := planar.Area(c.b)
		var sum float64
		var mps []orb.MultiPolygon
		for i, cell := range cells {
			if cell == nil {
				t.Fatalf("%d sites: site %d has no cell", c.n, i)
			}
			if !planar.PolygonContains(cell, sites[i]) {
				t.Errorf("%d sites: site %d %v outside its cell", c.n, i, sites[i])
			}
			if !convexCCW(cell[0]) {
				t.Errorf("%d sites: cell %d is not a convex counter-clockwise ring", c.n, i)
			}
			sum += planar.Area(cell)
			mps = append(mps, orb.MultiPolygon{cell})
		}
		if math.Abs(sum-boundArea) > 1e-12*boundArea {
			t.Errorf("%d sites: cells sum to %.15g, bound %.15g", c.n, sum, boundArea)
		}
		u, err := geo.UnionAll(mps)
		if err != nil {
			t.Fatalf("%d sites: %v", c.n, err)
		}
		if a := planar.Area(u); len(u) != 1 || len(u[0]) != 1 || math.Abs(a-boundArea) > 1e-12*boundArea {
			t.Errorf("%d sites: union is %d polygons of area %.15g, want the bound %.15g", c.n, len(u), a, boundArea)
		}
	}
}

// Brute-force oracle: a random point lies in the cell of its nearest site.
func TestVoronoiNearestSite(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	b := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{2, 1}}
	sites := randomSites(r, 60, b)
	cells := geo.Voronoi(sites, b)
	for range 2000 {
		p := randomSites(r, 1, b)[0]
		best, bestD := -1, math.Inf(1)
		for i, s := range sites {
			if d := planar.DistanceSquared(p, s); d < bestD {
				best, bestD = i, d
			}
		}
		if !planar.PolygonContains(cells[best], p) {
			t.Fatalf("point %v: nearest site %d, but not in its cell", p, best)
		}
	}
}

func TestVoronoiDuplicateSite(t *testing.T) {
	b := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{2, 1}}
	cells := geo.Voronoi([]orb.Point{{0.5, 0.5}, {1.5, 0.5}, {0.5, 0.5}}, b)
	if cells[2] != nil {
		t.Errorf("repeated site got a cell %v", cells[2])
	}
	// The two distinct sites split the bound along x = 1.
	if a := planar.Area(cells[0]); a != 1 {
		t.Errorf("left cell area %v, want 1", a)
	}
}

// convexCCW reports whether the closed ring turns left at every vertex.
func convexCCW(r orb.Ring) bool {
	n := len(r) - 1
	for i := range n {
		a, b, c := r[i], r[(i+1)%n], r[(i+2)%n]
		if (b[0]-a[0])*(c[1]-a[1])-(b[1]-a[1])*(c[0]-a[0]) < -1e-15 {
			return false
		}
	}
	return n >= 3
}

func BenchmarkVoronoi(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	bd := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{1, 1}}
	sites := randomSites(r, 500, bd)
	b.ReportAllocs()
	for b.Loop() {
		geo.Voronoi(sites, bd)
	}
}
