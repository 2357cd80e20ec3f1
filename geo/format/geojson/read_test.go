package geojson_test

import (
	"bytes"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/geo/format"
	"github.com/community-atlas/atlas/geo/format/geojson"
	"github.com/community-atlas/atlas/geo/format/internal/formattest"
	"github.com/community-atlas/atlas/geo/proj"
	"github.com/paulmach/orb"
)

// What the writer writes reads back the same, in EPSG:4326 and, with the
// legacy crs member, in Gauss-Krüger.
func TestRoundTrip(t *testing.T) {
	for _, name := range []string{"EPSG:4326", "EPSG:4549"} {
		crs, err := proj.Parse(name)
		if err != nil {
			t.Fatal(err)
		}
		want := formattest.Sample().Reproject(crs)
		var buf bytes.Buffer
		if err := geojson.Write(&buf, want); err != nil {
			t.Fatal(err)
		}
		got, err := geojson.Read(buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		formattest.SameLayer(t, got, want, 1e-9)
		wantCRS := map[string]string{"EPSG:4326": "", "EPSG:4549": "EPSG:4549"}[name]
		if got.Name != "regions" || got.Source.CRS != wantCRS || got.Source.Format != "geojson" {
			t.Errorf("%s: name %q, source %+v", name, got.Name, got.Source)
		}
		if got.Features[1].ID != "320612001201" {
			t.Errorf("%s: feature ID %q", name, got.Features[1].ID)
		}
	}
}

// GDAL's GeoJSON of the GeoPackage fixture: the crs URN, the types, the
// Gauss-Krüger coordinates.
func TestReadGDAL(t *testing.T) {
	data, err := os.ReadFile("testdata/townships-epsg4528.geojson")
	if err != nil {
		t.Fatal(err)
	}
	l, err := geojson.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if l.Source.CRS != "EPSG:4528" || l.Name != "townships" || len(l.Features) != 3 {
		t.Fatalf("source %+v, name %q, %d features", l.Source, l.Name, len(l.Features))
	}
	want := []format.Field{{Name: "code"}, {Name: "name"}, {Name: "population", Type: format.Integer},
		{Name: "area_km2", Type: format.Real}, {Name: "coastal", Type: format.Boolean}, {Name: "surveyed"}}
	for i, f := range want {
		if l.Fields[i] != f {
			t.Errorf("field %d: %+v, want %+v", i, l.Fields[i], f)
		}
	}
	v := l.Features[2].Values
	if v[1] != "吕四港镇" || v[2] != int64(91000) || v[3] != 220.0 || v[4] != true || v[5] != "2023-11-20" {
		t.Errorf("feature 3: %v", v)
	}
	mp, ok := l.Features[1].Geometry.(orb.MultiPolygon)
	if !ok || len(mp) != 2 || len(mp[0]) != 2 {
		t.Fatalf("feature 2: %T", l.Features[1].Geometry)
	}
	if p := mp[0][0][0]; math.Abs(p[0]-40585045.3729011) > 1e-6 || math.Abs(p[1]-3542206.40889747) > 1e-6 {
		t.Errorf("feature 2 first corner %v", p)
	}
}

// A single Feature and a bare geometry are layers of one feature.
func TestReadFeatureAndGeometry(t *testing.T) {
	l, err := geojson.Read([]byte(`{"type":"Feature","id":7,"geometry":{"type":"Point","coordinates":[120.5,32.25]},"properties":{"名称":"村卫生室"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Features) != 1 || l.Features[0].ID != "7" || l.Features[0].Values[0] != "村卫生室" ||
		l.Features[0].Geometry != (orb.Point{120.5, 32.25}) || l.Fields[0].Name != "名称" {
		t.Errorf("feature: %+v, fields %+v", l.Features, l.Fields)
	}
	l, err = geojson.Read([]byte(`{"type":"LineString","coordinates":[[1,2],[3,4.5]]}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Features) != 1 || len(l.Fields) != 0 || !orb.Equal(l.Features[0].Geometry, orb.LineString{{1, 2}, {3, 4.5}}) {
		t.Errorf("bare geometry: %+v", l.Features)
	}
}

// Types are inferred across features; mixes and objects become text, with
// notes; a property a feature lacks is null.
func TestInferFields(t *testing.T) {
	l, err := geojson.Read([]byte(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[
		{"type":"Feature","geometry":null,"properties":{"n":1,"x":1,"b":true,"m":"a","o":{"k":[1, 2]},"big":9007199254740993}},
		{"type":"Feature","geometry":null,"properties":{"n":2,"x":2.5,"b":null,"m":3,"o":null,"big":null,"late":"迟"}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]format.Type{"n": format.Integer, "x": format.Real, "b": format.Boolean, "m": format.String,
		"o": format.String, "big": format.Integer, "late": format.String}
	var names []string
	for _, f := range l.Fields {
		names = append(names, f.Name)
		if f.Type != types[f.Name] {
			t.Errorf("field %s: type %v, want %v", f.Name, f.Type, types[f.Name])
		}
	}
	if strings.Join(names, ",") != "n,x,b,m,o,big,late" {
		t.Errorf("fields in the order %v", names)
	}
	want := [][]any{{int64(1), 1.0, true, "a", `{"k":[1,2]}`, int64(9007199254740993), nil},
		{int64(2), 2.5, nil, "3", nil, nil, "迟"}}
	for i, w := range want {
		for j := range w {
			if l.Features[i].Values[j] != w[j] {
				t.Errorf("feature %d %s: %#v, want %#v", i+1, names[j], l.Features[i].Values[j], w[j])
			}
		}
	}
	if err := l.Check(); err != nil {
		t.Error(err)
	}
	notes := strings.Join(l.Source.Notes, "|")
	for _, n := range []string{"CRS from the crs member urn:ogc:def:crs:OGC:1.3:CRS84", "feature 1 has no geometry",
		"property m mixes text with numbers or booleans: read as text", "property o holds objects or arrays: read as JSON text"} {
		if !strings.Contains(notes, n) {
			t.Errorf("notes %q lack %q", notes, n)
		}
	}
	if l.Source.CRS != "urn:ogc:def:crs:OGC:1.3:CRS84" {
		t.Errorf("CRS %q", l.Source.CRS)
	}
}

// Errors say what is wrong and in which feature.
func TestReadErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"type":"FeatureCollection","features":[`, "not a GeoJSON document"},
		{`[1,2]`, "not a GeoJSON document"},
		{`{"features":[]}`, `no "type" member`},
		{`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null},{"type":"Feature","geometry":{"type":"Polygon","coordinates":"x"}}]}`, "feature 2: geometry"},
		{`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null},{"type":"Feature","geometry":{"type":"Circle","coordinates":[1,2]}}]}`, "feature 2: geometry"},
		{`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null},{"type":"Feature","geometry":null,"properties":[1]}]}`, "feature 2: properties: not an object"},
		{`{"type":"FeatureCollection","features":[{"type":"Point","coordinates":[1,2]}]}`, `feature 1: type "Point", not Feature`},
		{`{"type":"Topology"}`, "feature 1: geometry"},
	} {
		if _, err := geojson.Read([]byte(c.in)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.in, err, c.want)
		}
	}
}
