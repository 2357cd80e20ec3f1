package main

import (
	"math"
	"testing"

	"github.com/community-atlas/atlas/geo"
	"github.com/community-atlas/atlas/seeds"
	"github.com/paulmach/orb"
)

// The reconciled counties cover the same ground as the eight 2013 polygons
// (their union, repaired), 崇川区 takes in 港闸区, and the development zone
// is carved out of 崇川区 and 通州区 within its sketch.
func TestCountiesReconciled(t *testing.T) {
	shapes, err := readCounties(seeds.Files)
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]countyShape{}
	var total float64
	var geoms []orb.MultiPolygon
	for _, s := range shapes {
		if err := geo.Validate(s.geom); err != nil {
			t.Errorf("%s: %v", s.code, err)
		}
		if !geo.PointInMultiPolygon(s.geom, s.seat) {
			t.Errorf("%s: seat %v outside", s.code, s.seat)
		}
		byCode[s.code] = s
		total += geo.Area(s.geom)
		geoms = append(geoms, s.geom)
	}
	if len(shapes) != 8 || !byCode[devZone].generated {
		t.Fatalf("%d shapes; development zone generated: %v", len(shapes), byCode[devZone].generated)
	}
	// No overlaps: the areas add up to the area of the union, which is the
	// 9,817.5 km² of the 2013 polygons.
	u, err := geo.UnionAll(geoms)
	if err != nil {
		t.Fatal(err)
	}
	if d := math.Abs(total - geo.Area(u)); d > 1e-6*total {
		t.Errorf("counties overlap by %.0f m²", d)
	}
	if km2 := total / 1e6; math.Abs(km2-9817.52) > 0.1 {
		t.Errorf("counties cover %.2f km², want the 9,817.52 km² of the repaired 2013 polygons", km2)
	}
	zone := byCode[devZone].geom
	if out, _ := geo.Difference(zone, orb.MultiPolygon{devZoneSketch}); geo.Area(out) > 1 {
		t.Errorf("zone sticks out of its sketch by %.0f m²", geo.Area(out))
	}
	if a := geo.Area(zone) / 1e6; a < 150 || a > 400 {
		t.Errorf("zone of %.1f km²", a)
	}
	// 崇川区 keeps the seat of the 2013 file's 崇川区, not 港闸区's.
	if s := byCode["320613"].seat; s != (orb.Point{120.857434, 32.009875}) {
		t.Errorf("崇川区 seat %v", s)
	}
}
