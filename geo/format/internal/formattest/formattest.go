// Package formattest holds what the format codecs' tests share: a sample
// layer with every attribute type, and comparisons of what a reader gives
// back with what a writer was given.
package formattest

import (
	"math"
	"slices"
	"testing"

	"github.com/community-atlas/atlas/geo/format"
	"github.com/community-atlas/atlas/geo/proj"
	"github.com/paulmach/orb"
)

// Sample is three features in EPSG:4326 — a square, a square with a hole
// and a two-part multipolygon — with Chinese text, integers, reals,
// booleans and nulls.
func Sample() *format.Layer {
	sq := func(x, y, d float64) orb.Ring {
		return orb.Ring{{x, y}, {x + d, y}, {x + d, y + d}, {x, y + d}, {x, y}}
	}
	hole := sq(120.82, 32.02, 0.02)
	hole.Reverse()
	return &format.Layer{
		Name: "regions",
		CRS:  proj.Default,
		Fields: []format.Field{
			{Name: "code", Type: format.String}, {Name: "name", Type: format.String},
			{Name: "population", Type: format.Integer}, {Name: "share", Type: format.Real},
			{Name: "meets", Type: format.Boolean},
		},
		Features: []format.Feature{
			{ID: "320612001001", Geometry: orb.MultiPolygon{{sq(120.80, 32.00, 0.05)}},
				Values: []any{"320612001001", "金沙街道甲社区居委会", int64(3000), 8.5, true}},
			{ID: "320612001201", Geometry: orb.MultiPolygon{{sq(120.80, 32.00, 0.1), hole}},
				Values: []any{"320612001201", "乙村委会 \"东\"", int64(-1 << 40), nil, nil}},
			{ID: "320612001202", Geometry: orb.MultiPolygon{{sq(121.0, 32.0, 0.01)}, {sq(121.1, 32.1, 0.0123456789)}},
				Values: []any{"320612001202", "", int64(0), 1.0 / 3, false}},
		},
	}
}

// SameLayer checks that got has want's fields (in any order: GeoJSON
// objects have none), and its features' values and geometries (coordinates
// to within tol), in order.
func SameLayer(t *testing.T, got, want *format.Layer, tol float64) {
	t.Helper()
	if len(got.Fields) != len(want.Fields) {
		t.Fatalf("fields %v, want %v", got.Fields, want.Fields)
	}
	at := make([]int, len(want.Fields))
	for i, f := range want.Fields {
		at[i] = slices.IndexFunc(got.Fields, func(g format.Field) bool { return g.Name == f.Name })
		if at[i] < 0 || got.Fields[at[i]].Type != f.Type {
			t.Fatalf("field %+v missing in %+v", f, got.Fields)
		}
	}
	if len(got.Features) != len(want.Features) {
		t.Fatalf("%d features, want %d", len(got.Features), len(want.Features))
	}
	for i, f := range want.Features {
		g := got.Features[i]
		for j, v := range f.Values {
			if g.Values[at[j]] != v {
				t.Errorf("feature %d %s: %#v, want %#v", i+1, want.Fields[j].Name, g.Values[at[j]], v)
			}
		}
		if !SameGeometry(g.Geometry, f.Geometry, tol) {
			t.Errorf("feature %d: geometry %v, want %v", i+1, g.Geometry, f.Geometry)
		}
	}
}

// SameGeometry reports whether a and b are of the same type with the same
// structure and coordinates within tol.
func SameGeometry(a, b orb.Geometry, tol float64) bool {
	pa, pb := points(a), points(b)
	if a == nil || b == nil || a.GeoJSONType() != b.GeoJSONType() || len(pa) != len(pb) {
		return false
	}
	for i := range pa {
		if math.IsNaN(pa[i][0]) != math.IsNaN(pb[i][0]) {
			return false
		}
		if math.Abs(pa[i][0]-pb[i][0]) > tol || math.Abs(pa[i][1]-pb[i][1]) > tol {
			return false
		}
	}
	return true
}

// points flattens a geometry, with a NaN point closing each ring and line so
// that a different structure cannot compare equal.
func points(g orb.Geometry) []orb.Point {
	brk := orb.Point{math.NaN(), 0}
	switch g := g.(type) {
	case orb.Point:
		return []orb.Point{g}
	case orb.MultiPoint:
		return g
	case orb.LineString:
		return append(append([]orb.Point{}, g...), brk)
	case orb.Ring:
		return append(append([]orb.Point{}, g...), brk)
	case orb.MultiLineString:
		return flatten(g)
	case orb.Polygon:
		return append(flatten(g), brk)
	case orb.MultiPolygon:
		return flatten(g)
	case orb.Collection:
		return append(flatten(g), brk)
	}
	return nil
}

func flatten[G orb.Geometry](parts []G) []orb.Point {
	var out []orb.Point
	for _, p := range parts {
		out = append(out, points(p)...)
	}
	return out
}

// Fuzz runs read on the fuzzer's inputs of up to max bytes: it must not
// panic, and a layer it reads must pass the layer's own check.
func Fuzz(f *testing.F, max int, read func([]byte) (*format.Layer, error)) {
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > max {
			return
		}
		l, err := read(data)
		if err != nil {
			return
		}
		if err := l.Check(); err != nil {
			t.Fatal(err)
		}
	})
}
