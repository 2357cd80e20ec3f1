package healthcov

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/community-atlas/atlas/geo/network"
	"github.com/community-atlas/atlas/seeds"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
)

// TestLatticeMatchesPointTests: on every generated region of the seeds, on
// rectangles with and without holes, and on random star-shaped polygons,
// the column scan finds exactly the cell centres that
// planar.MultiPolygonContains finds one by one, in the same order.
func TestLatticeMatchesPointTests(t *testing.T) {
	shapes := seedShapes(t)
	rng := rand.New(rand.NewPCG(5, 6))
	for range 300 {
		x, y, w, h := 120+rng.Float64(), 32+rng.Float64(), 0.001+rng.Float64()*0.05, 0.001+rng.Float64()*0.05
		box := orb.Ring{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}, {x, y}}
		hole := orb.Ring{{x + w/4, y + h/4}, {x + w/4, y + 3*h/4}, {x + 3*w/4, y + 3*h/4}, {x + 3*w/4, y + h/4}, {x + w/4, y + h/4}}
		var star orb.Ring
		for k := range 40 {
			a, r := float64(k)/40*2*math.Pi, w*(0.3+0.7*rng.Float64())
			star = append(star, orb.Point{x + r*math.Cos(a), y + r*math.Sin(a)})
		}
		star = append(star, star[0])
		shapes = append(shapes, orb.MultiPolygon{{box}}, orb.MultiPolygon{{box, hole}}, orb.MultiPolygon{{star}, {hole}})
	}
	points := 0
	for n, mp := range shapes {
		got, spacing := lattice(mp)
		want := referenceLattice(mp, spacing)
		if !slices.Equal(got, want) {
			t.Fatalf("shape %d: %d points by column, %d by point test", n, len(got), len(want))
		}
		points += len(got)
	}
	if points < 100000 {
		t.Errorf("only %d lattice points compared", points)
	}
}

// seedShapes are the generated regions of the seeds.
func seedShapes(t testing.TB) []orb.MultiPolygon {
	b, err := seeds.Files.ReadFile("generated/regions.geojson")
	if err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		t.Fatal(err)
	}
	var out []orb.MultiPolygon
	for _, f := range fc.Features {
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			out = append(out, orb.MultiPolygon{g})
		case orb.MultiPolygon:
			out = append(out, g)
		}
	}
	if len(out) < 2000 {
		t.Fatalf("%d seed shapes", len(out))
	}
	return out
}

// referenceLattice tests every cell centre of lattice's grid on its own.
func referenceLattice(mp orb.MultiPolygon, spacing float64) []orb.Point {
	b := mp.Bound()
	ky := network.EarthRadius * math.Pi / 180
	kx := ky * math.Cos(b.Center().Lat()*math.Pi/180)
	dlon, dlat := spacing/kx, spacing/ky
	var out []orb.Point
	for j := 0; b.Min.Lat()+(float64(j)+0.5)*dlat <= b.Max.Lat(); j++ {
		for i := 0; b.Min.Lon()+(float64(i)+0.5)*dlon <= b.Max.Lon(); i++ {
			p := orb.Point{b.Min.Lon() + (float64(i)+0.5)*dlon, b.Min.Lat() + (float64(j)+0.5)*dlat}
			if planar.MultiPolygonContains(mp, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// BenchmarkLattice places the population lattice of every generated seed
// region, by column scan and by one point test per cell centre (as
// lattice first did):
//
//	go test -run='^$' -bench=Lattice ./analytics/healthcov
func BenchmarkLattice(b *testing.B) {
	shapes := seedShapes(b)
	b.Run("column", func(b *testing.B) {
		for b.Loop() {
			for _, mp := range shapes {
				lattice(mp)
			}
		}
	})
	spacings := make([]float64, len(shapes))
	for i, mp := range shapes {
		_, spacings[i] = lattice(mp)
	}
	b.Run("point", func(b *testing.B) {
		for b.Loop() {
			for i, mp := range shapes {
				referenceLattice(mp, spacings[i])
			}
		}
	})
}
