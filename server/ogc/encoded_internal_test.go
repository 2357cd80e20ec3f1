package ogc

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/atlas"
	"github.com/community-atlas/atlas/server/importer"
	"github.com/paulmach/orb"
)

// The index finds, for any box, exactly the features a scan of the whole
// collection with the same exact test finds, in collection order: on the
// seeded communities (polygons), facilities (points) and grids.
func TestIndexMatchesScan(t *testing.T) {
	cat, err := atlas.LoadCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	cs, err := importer.Seeds(cat)
	if err != nil {
		t.Fatal(err)
	}
	s := analytics.NewSnapshot(1, cat, &analytics.Dataset{Regions: cs.Regions, Facilities: cs.Facilities, Grids: cs.Grids})
	all := s.Bound()
	rng := rand.New(rand.NewPCG(3, 4))
	for _, col := range newCollections(nil) {
		set := &encodedSet{src: col.Source(s)}
		set.indexBounds()
		if set.src.Len() == 0 {
			if col.ID == "provinces" {
				continue // the seeds' top is the city
			}
			t.Fatalf("%s: no features in the seeds", col.ID)
		}
		nonEmpty := 0
		for range 300 {
			// Boxes from a few metres to the whole city.
			w, h := all.Max[0]-all.Min[0], all.Max[1]-all.Min[1]
			size := w * rng.Float64() * rng.Float64() * rng.Float64()
			x, y := all.Min[0]+rng.Float64()*w, all.Min[1]+rng.Float64()*h
			b := orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + size, y + size*h/w}}
			var want []int
			for i := range set.src.Len() {
				if intersectsBound(set.src.Geometry(i), b) {
					want = append(want, i)
				}
			}
			got := set.within(b)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("%s, box %v: index %v, scan %v", col.ID, b, got, want)
			}
			if len(want) > 0 {
				nonEmpty++
			}
		}
		if nonEmpty < 50 {
			t.Errorf("%s: only %d of 300 boxes met a feature", col.ID, nonEmpty)
		}
	}
}
