package geo_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
)

// seedRegion is one feature of seeds/generated/regions.geojson.
type seedRegion struct {
	code, parent, name, level string
	mp                        orb.MultiPolygon
}

// loadSeedRegions reads the generated Nantong regions with encoding/json
// alone.
func loadSeedRegions(t testing.TB) map[string]seedRegion {
	t.Helper()
	b, err := os.ReadFile("../seeds/generated/regions.geojson")
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Properties struct{ Code, Parent, Name, Level string }
			Geometry   struct{ Coordinates orb.MultiPolygon }
		}
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	out := map[string]seedRegion{}
	for _, f := range fc.Features {
		p := f.Properties
		out[p.Code] = seedRegion{p.Code, p.Parent, p.Name, p.Level, f.Geometry.Coordinates}
	}
	return out
}

// Whenever a Cover says it covers a seed region, the exact overlay finds
// none of the region's area outside the parent; and it says so for most
// regions, which are drawn inside their parents.
func TestCoverAgreesWithOverlayOnSeeds(t *testing.T) {
	regions := loadSeedRegions(t)
	covers := map[string]*geo.Cover{}
	shown, n := 0, 0
	for _, r := range regions {
		p, ok := regions[r.parent]
		if !ok {
			continue
		}
		if covers[p.code] == nil {
			covers[p.code] = geo.NewCover(p.mp)
		}
		n++
		if !covers[p.code].Covers(r.mp) {
			continue
		}
		shown++
		in, err := geo.Intersection(r.mp, p.mp)
		if err != nil {
			t.Fatal(err)
		}
		if out := geo.Area(r.mp) - geo.Area(in); out > 1e-9*geo.Area(r.mp) {
			t.Errorf("%s: covered by %s, but %.3f m² lie outside", r.code, p.code, out)
		}
	}
	t.Logf("%d of %d regions shown inside their parents without an overlay", shown, n)
	if shown < n*9/10 {
		t.Errorf("only %d of %d regions shown covered: the fast path rarely applies", shown, n)
	}
}

// A Cover does not claim what is not so: a square that reaches out of the
// parent, one that encloses the parent's hole, one that crosses the hole,
// one whose edge runs out and back through a notch; it claims the parent
// itself, a square inside, and a square on the parent's edge.
func TestCoverCases(t *testing.T) {
	shell := orb.Ring{{0, 0}, {10, 0}, {10, 10}, {6, 10}, {5, 6}, {4, 10}, {0, 10}, {0, 0}} // a notch down to (5,6)
	hole := orb.Ring{{2, 2}, {2, 3}, {3, 3}, {3, 2}, {2, 2}}
	parent := orb.MultiPolygon{{shell, hole}}
	sq := func(x0, y0, x1, y1 float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}}
	}
	c := geo.NewCover(parent)
	for _, tc := range []struct {
		name string
		mp   orb.MultiPolygon
		want bool
	}{
		{"inside, away from the hole", sq(5, 1, 9, 4), true},
		{"on the parent's edge", sq(7, 0, 10, 3), true},
		{"reaching out", sq(8, 1, 11, 3), false},
		{"enclosing the hole", sq(1, 1, 4, 4), false},
		{"across the hole", sq(2.5, 2.5, 5, 5), false},
		{"out and back through the notch", sq(3, 7, 7, 9), false},
		{"below the notch's tip", sq(3, 4, 7, 5.5), true},
		{"the shell alone", orb.MultiPolygon{{shell}}, false},
	} {
		if got := c.Covers(tc.mp); got != tc.want {
			t.Errorf("%s: Covers = %v, want %v", tc.name, got, tc.want)
		}
		if !tc.want {
			continue
		}
		in, err := geo.Intersection(tc.mp, parent)
		if err != nil {
			t.Fatal(err)
		}
		if d := geo.Area(tc.mp) - geo.Area(in); d > 1e-9*geo.Area(tc.mp) {
			t.Errorf("%s: the overlay finds %.3f m² outside", tc.name, d)
		}
	}
	// An island beside the parent's main shell.
	islands := geo.NewCover(orb.MultiPolygon{{shell}, {{{12, 0}, {14, 0}, {14, 2}, {12, 2}, {12, 0}}}})
	if !islands.Covers(sq(8, 0, 10, 2)) {
		t.Error("a square of the main shell beside an island is not shown covered")
	}
	if islands.Covers(sq(9, 0.5, 13, 1.5)) {
		t.Error("a square across the water to the island is shown covered")
	}
	plain := geo.NewCover(orb.MultiPolygon{{shell}})
	if !plain.Covers(orb.MultiPolygon{{shell}}) {
		t.Error("a shell does not cover itself")
	}
}
