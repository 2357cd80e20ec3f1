package proj_test

import (
	"math"
	"testing"

	"github.com/community-atlas/atlas/geo/proj"
	"github.com/paulmach/orb"
)

// coordtransform's published pair (Python package coordTransform_py and
// its ports): wgs84_to_bd09(116.404, 39.915).
func TestBD09PublishedPair(t *testing.T) {
	lon, lat := proj.BD09(116.404, 39.915)
	if math.Abs(lon-116.41662724378733) > 1e-9 || math.Abs(lat-39.922699552216216) > 1e-9 {
		t.Errorf("BD09 = %.14f %.14f", lon, lat)
	}
}

// metres between two nearby lon/lat points.
func metres(a, b orb.Point) float64 {
	dx := (a[0] - b[0]) * math.Cos(a[1]*math.Pi/180)
	return math.Hypot(dx, a[1]-b[1]) * 111320
}

// Shifting a grid over China to GCJ-02 or BD-09 and back through
// Unproject returns every point to well under the 0.5 m required.
func TestGCJ02AndBD09RoundTrip(t *testing.T) {
	for _, name := range []string{"gcj02", "bd09"} {
		c, err := proj.Parse(name)
		if err != nil || !c.Geographic() {
			t.Fatal(name, err)
		}
		worst, n := 0.0, 0
		for lon := 73.6; lon < 135; lon += 0.37 {
			for lat := 18.1; lat < 53.5; lat += 0.29 {
				in := orb.Point{lon, lat}
				shifted := c.Project(in).(orb.Point)
				if metres(in, shifted) < 1 && name == "gcj02" {
					t.Fatalf("%s: %v not shifted", name, in)
				}
				worst = math.Max(worst, metres(in, c.Unproject(shifted).(orb.Point)))
				n++
			}
		}
		t.Logf("%s: %d points, worst round trip %.2e m", name, n, worst)
		if worst > 0.01 {
			t.Errorf("%s: round trip off by %.3f m", name, worst)
		}
	}
}
