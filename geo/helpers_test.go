package geo_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/paulmach/orb"
)

// county is one feature of the real Nantong county file.
type county struct {
	name string
	mp   orb.MultiPolygon
}

// loadCounties reads seeds/nantong/counties_2013.geojson with encoding/json
// alone, so that these tests do not lean on any GeoJSON code under test.
func loadCounties(t testing.TB) []county {
	t.Helper()
	b, err := os.ReadFile("../seeds/nantong/counties_2013.geojson")
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Properties struct{ Name string }
			Geometry   struct {
				Type        string
				Coordinates json.RawMessage
			}
		}
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	var out []county
	for _, f := range fc.Features {
		var mp orb.MultiPolygon
		switch f.Geometry.Type {
		case "Polygon":
			var p orb.Polygon
			err = json.Unmarshal(f.Geometry.Coordinates, &p)
			mp = orb.MultiPolygon{p}
		case "MultiPolygon":
			err = json.Unmarshal(f.Geometry.Coordinates, &mp)
		default:
			t.Fatalf("%s: unexpected geometry %s", f.Properties.Name, f.Geometry.Type)
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, county{f.Properties.Name, mp})
	}
	if len(out) != 8 {
		t.Fatalf("got %d counties, want 8", len(out))
	}
	return out
}

// rect is the counter-clockwise rectangle [x0,x1]×[y0,y1].
func rect(x0, y0, x1, y1 float64) orb.Polygon {
	return orb.Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}
}

// within reports whether got is within rel (relative) of want.
func within(got, want, rel float64) bool {
	d := got - want
	if d < 0 {
		d = -d
	}
	if want < 0 {
		want = -want
	}
	return d <= rel*want
}
