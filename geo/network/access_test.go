package network

import (
	"strings"
	"testing"

	"github.com/paulmach/osm"
)

func tags(kvs string) osm.Tags {
	var ts osm.Tags
	for _, kv := range strings.Fields(kvs) {
		k, v, _ := strings.Cut(kv, "=")
		ts = append(ts, osm.Tag{Key: k, Value: v})
	}
	return ts
}

func TestAccess(t *testing.T) {
	// want: walk, bicycle, car forward, car backward ("-" for unusable).
	for _, c := range []struct{ tags, want string }{
		{"highway=residential", "wbFB"},
		{"highway=motorway", "--F-"},
		{"highway=motorway oneway=no", "--FB"},
		{"highway=footway", "w---"},
		{"highway=footway bicycle=yes", "wb--"},
		{"highway=cycleway", "-b--"},
		{"highway=cycleway foot=designated", "wb--"},
		{"highway=path", "wb--"},
		{"highway=track", "wb--"},
		{"highway=track motor_vehicle=yes", "wbFB"},
		{"highway=steps", "w---"},
		{"highway=primary oneway=yes", "wbF-"},
		{"highway=primary oneway=-1", "wb-B"},
		{"highway=primary oneway=reversible", "wb--"},
		{"highway=secondary junction=roundabout", "wbF-"},
		{"highway=service access=private", "----"},
		{"highway=service access=private foot=yes", "w---"},
		{"highway=service access=no bicycle=permissive", "-b--"},
		{"highway=residential motor_vehicle=no", "wb--"},
		{"highway=residential vehicle=no", "w---"},
		{"highway=residential motorcar=destination", "wbFB"},
		{"highway=trunk bicycle=use_sidepath", "w-FB"},
		{"highway=residential access=unknown", "wbFB"},
		{"highway=construction", "----"},
		{"highway=proposed", "----"},
		{"highway=bus_stop", "----"},
		{"highway=service area=yes", "----"},
		{"highway=pedestrian area=yes", "w---"},
	} {
		a, ok := access(tags(c.tags))
		got := []byte("----")
		if a.fwd[Walk] {
			got[0] = 'w'
		}
		if a.fwd[Bicycle] {
			got[1] = 'b'
		}
		if a.fwd[Car] {
			got[2] = 'F'
		}
		if a.bwd[Car] {
			got[3] = 'B'
		}
		if string(got) != c.want || ok != (c.want != "----") {
			t.Errorf("%s: %s (usable %v), want %s", c.tags, got, ok, c.want)
		}
		if a.bwd[Walk] != a.fwd[Walk] || a.bwd[Bicycle] != a.fwd[Bicycle] {
			t.Errorf("%s: walking or cycling one way only", c.tags)
		}
	}
}

func TestCarSpeeds(t *testing.T) {
	for _, c := range []struct {
		tags     string
		fwd, bwd float64
	}{
		{"highway=residential", 25, 25},
		{"highway=motorway", 90, 90},
		{"highway=primary maxspeed=70", 70, 70},
		{"highway=primary maxspeed=30~mph", 30 * 1.609344, 30 * 1.609344},
		{"highway=primary maxspeed=50~km/h", 50, 50},
		{"highway=primary maxspeed=DE:urban", 60, 60},
		{"highway=primary maxspeed=none", 60, 60},
		{"highway=primary maxspeed=0", 60, 60},
		{"highway=primary maxspeed=50;70", 50, 50},
		{"highway=living_street maxspeed=walk", 5, 5},
		{"highway=secondary maxspeed:forward=40 maxspeed:backward=30", 40, 30},
		{"highway=track", defaultCarKmh, defaultCarKmh},
	} {
		// Values with spaces are written with ~ here.
		ts := tags(c.tags)
		for i := range ts {
			ts[i].Value = strings.ReplaceAll(ts[i].Value, "~", " ")
		}
		fwd, bwd := carSpeeds(ts, ts.Find("highway"))
		if fwd != c.fwd || bwd != c.bwd {
			t.Errorf("%s: %g / %g km/h, want %g / %g", c.tags, fwd, bwd, c.fwd, c.bwd)
		}
	}
}
