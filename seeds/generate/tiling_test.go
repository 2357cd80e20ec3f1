package main

import (
	"math"
	"testing"
	"time"

	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
)

// tilingTolerance is the largest gap or overlap allowed between a region's
// children and the region, as a share of its area.
const tilingTolerance = 1e-6

// checkTiling checks that children tile parent: their areas add up to the
// parent's, their union is the parent (no gap, no overlap) and none sticks
// out of it, all within tilingTolerance of the parent's area.
func checkTiling(t *testing.T, parent *region) {
	t.Helper()
	a := geo.Area(parent.geom)
	tol := tilingTolerance * a
	var sum float64
	geoms := make([]orb.MultiPolygon, len(parent.children))
	for i, c := range parent.children {
		sum += geo.Area(c.geom)
		geoms[i] = c.geom
	}
	if d := math.Abs(sum - a); d > tol {
		t.Errorf("%s %s: children's areas add up to %.1f m², the region has %.1f m² (off by %.2e)", parent.code, parent.name, sum, a, d/a)
	}
	u, err := geo.UnionAll(geoms)
	if err != nil {
		t.Fatalf("%s: union of children: %v", parent.code, err)
	}
	if d := math.Abs(geo.Area(u) - a); d > tol {
		t.Errorf("%s %s: union of children %.1f m², region %.1f m² (off by %.2e)", parent.code, parent.name, geo.Area(u), a, d/a)
	}
	out, err := geo.Difference(u, parent.geom)
	if err != nil {
		t.Fatalf("%s: %v", parent.code, err)
	}
	if d := geo.Area(out); d > tol {
		t.Errorf("%s %s: children stick out of it by %.1f m²", parent.code, parent.name, d)
	}
}

func TestTownshipsTileCounties(t *testing.T) {
	a := testAtlas(t)
	start := time.Now()
	for _, c := range a.counties {
		checkTiling(t, c)
	}
	t.Logf("checked %d counties in %s", len(a.counties), time.Since(start))
}

func TestCommunitiesTileTownships(t *testing.T) {
	a := testAtlas(t)
	start := time.Now()
	for _, tw := range a.townships {
		checkTiling(t, tw)
	}
	t.Logf("checked %d townships in %s", len(a.townships), time.Since(start))
}

func TestCountiesTileCity(t *testing.T) {
	checkTiling(t, testAtlas(t).city)
}
