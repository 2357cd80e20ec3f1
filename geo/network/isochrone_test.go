package network

import (
	"math"
	"testing"

	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// TestIsochroneAndorra checks a 15-minute walk's polygon in Andorra la
// Vella: valid; holding every node reached and every point of the road
// reached; and holding no node that lies further than the buffer (and a
// cell) from all the road reached.
func TestIsochroneAndorra(t *testing.T) {
	n := andorra(t)
	start := mustSnap(t, n, Walk, orb.Point{1.5218, 42.5063})
	r, err := n.Search(Query{Mode: Walk, Budget: 900, OffSpeed: WalkKmh}, []Snap{start})
	if err != nil {
		t.Fatal(err)
	}
	mp := r.Polygon()
	if err := geo.Validate(mp); err != nil {
		t.Fatalf("invalid isochrone: %v", err)
	}
	if r.ReachedNodes() < 20 {
		t.Fatalf("only %d nodes reached", r.ReachedNodes())
	}
	var road []orb.LineString
	for _, p := range r.Pieces() {
		road = append(road, n.Cut(int(p.Seg), p.From, p.To))
	}
	for _, ls := range road {
		for _, q := range ls {
			if !planar.MultiPolygonContains(mp, q) {
				t.Fatalf("road point %v reached but outside the isochrone", q)
			}
		}
	}
	outside := 0
	for i := range n.Lon {
		q := orb.Point{n.Lon[i], n.Lat[i]}
		in := planar.MultiPolygonContains(mp, q)
		if !math.IsInf(r.NodeTime(uint32(i)), 1) && !in {
			t.Fatalf("node %d reached but outside the isochrone", i)
		}
		if !in {
			outside++
			continue
		}
		d := math.Inf(1)
		for _, ls := range road {
			for k := range ls {
				a, b := ls[k], ls[min(k+1, len(ls)-1)]
				d = math.Min(d, pointSegmentMetres(q, a, b))
			}
		}
		if d > Buffer+2*Cell {
			t.Fatalf("node %d inside the isochrone but %g m from the road reached", i, d)
		}
	}
	if outside == 0 {
		t.Fatal("every node inside a 15-minute walk")
	}
	// The area is about the buffered road: its length × twice the buffer,
	// less overlaps at junctions, plus the ends.
	area := geo.Area(mp)
	if lo, hi := 0.8*r.LengthKM()*1000*Buffer, 2.4*r.LengthKM()*1000*Buffer; area < lo || area > hi {
		t.Errorf("area %g m², want between %g and %g for %g km of road", area, lo, hi, r.LengthKM())
	}
}

// pointSegmentMetres is the distance from q to segment ab, in a plane
// tangent at q.
func pointSegmentMetres(q, a, b orb.Point) float64 {
	pl := newPlane(q)
	ax, ay := pl.fwd(a.Lon(), a.Lat())
	bx, by := pl.fwd(b.Lon(), b.Lat())
	_, d2 := closest(0, 0, ax, ay, bx, by)
	return math.Sqrt(d2)
}

func TestIsochroneNothingReached(t *testing.T) {
	n := mustRead(t, town)
	r, err := n.Search(Query{Mode: Walk, Budget: 60, OffSpeed: WalkKmh}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if mp := r.Polygon(); len(mp) != 0 || r.ReachedNodes() != 0 || r.LengthKM() != 0 {
		t.Fatalf("a search from nowhere reached %v", mp)
	}
}
