package gpkg_test

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/geo/format"
	"github.com/community-atlas/atlas/geo/format/gpkg"
	"github.com/community-atlas/atlas/geo/format/internal/formattest"
	"github.com/paulmach/orb"
)

// write returns the GeoPackage the writer makes of l.
func write(t *testing.T, l *format.Layer) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := gpkg.Write(context.Background(), &buf, l); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// What the writer writes reads back the same: fields with their types,
// values (Chinese text, 64-bit integers, nulls, booleans) and geometries.
func TestRoundTrip(t *testing.T) {
	want := formattest.Sample()
	got, err := gpkg.ReadBytes(context.Background(), write(t, want), "")
	if err != nil {
		t.Fatal(err)
	}
	formattest.SameLayer(t, got, want, 1e-9)
	if got.Name != "regions" || got.Source.Format != "geopackage" || got.Source.CRS != "EPSG:4326" {
		t.Errorf("name %q, source %+v", got.Name, got.Source)
	}
	if len(got.Source.Notes) != 0 {
		t.Errorf("notes %q", got.Source.Notes)
	}
	if got.Features[2].ID != "3" {
		t.Errorf("feature ID %q, want the fid 3", got.Features[2].ID)
	}
}

// Points are written without an envelope; they read back as points.
func TestRoundTripPoints(t *testing.T) {
	want := &format.Layer{Name: "clinics 诊所", Fields: []format.Field{{Name: "名称", Type: format.String}},
		Features: []format.Feature{
			{Geometry: orb.Point{120.8765432101, 32.0123456789}, Values: []any{"社区卫生服务站"}},
			{Geometry: orb.Point{-0.5, 1e-7}, Values: []any{nil}},
		}}
	want.CRS = formattest.Sample().CRS
	got, err := gpkg.ReadBytes(context.Background(), write(t, want), "clinics 诊所")
	if err != nil {
		t.Fatal(err)
	}
	formattest.SameLayer(t, got, want, 1e-9)
}

// ReadBytes leaves nothing behind in the temporary directory, whether the
// file reads or not.
func TestReadBytesRemovesItsFile(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	good := write(t, formattest.Sample())
	if _, err := gpkg.ReadBytes(context.Background(), good, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := gpkg.ReadBytes(context.Background(), []byte("not sqlite"), ""); err == nil {
		t.Fatal("no error for a text file")
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("left in the temporary directory: %v", left)
	}
}

// The fixture made by GDAL (testdata/README.md): a zone-prefixed CGCS2000
// Gauss-Krüger GeoPackage with two layers.
func TestReadGDALFixture(t *testing.T) {
	const path = "testdata/townships.gpkg"
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	beside, _ := os.ReadDir(filepath.Dir(path))
	infos, err := gpkg.Layers(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []gpkg.LayerInfo{{"townships", "geom", "GEOMETRY", 4528, 3}, {"offices", "geom", "POINT", 4528, 2}}
	if len(infos) != 2 || infos[0] != want[0] || infos[1] != want[1] {
		t.Errorf("layers %+v, want %+v", infos, want)
	}
	l, err := gpkg.Read(context.Background(), path, "")
	if err != nil {
		t.Fatal(err)
	}
	if l.Name != "townships" || l.Source.CRS != "EPSG:4528" ||
		strings.Join(l.Source.Notes, "|") != "layer townships read, the first of 2; the others: offices" {
		t.Errorf("layer %s, source %+v", l.Name, l.Source)
	}
	// Types as GDAL declared them: TEXT, MEDIUMINT, REAL, BOOLEAN, DATE.
	fields := []format.Field{{Name: "code"}, {Name: "name"}, {Name: "population", Type: format.Integer},
		{Name: "area_km2", Type: format.Real}, {Name: "coastal", Type: format.Boolean}, {Name: "surveyed"}}
	values := [][]any{
		{"320612001", "金沙街道", int64(125000), 58.25, false, "2024-05-01"},
		{"320612102", "二甲镇", int64(48000), 95.5, false, nil},
		{"320684100", "吕四港镇", int64(91000), 220.0, true, "2023-11-20"},
	}
	for i, f := range fields {
		if l.Fields[i] != f {
			t.Errorf("field %d: %+v, want %+v", i, l.Fields[i], f)
		}
	}
	for i, v := range values {
		for j := range v {
			if l.Features[i].Values[j] != v[j] {
				t.Errorf("feature %d %s: %#v, want %#v", i+1, fields[j].Name, l.Features[i].Values[j], v[j])
			}
		}
	}
	// The first corner of each township as ogr2ogr -f CSV prints it.
	corners := []orb.Point{{40575595.5987509, 3542132.11386329}, {40585045.3729011, 3542206.40889747},
		{40646392.6926477, 3548447.73984265}}
	for i, g := range []orb.Geometry{l.Features[0].Geometry, l.Features[1].Geometry, l.Features[2].Geometry} {
		var p orb.Point
		switch g := g.(type) {
		case orb.Polygon:
			p = g[0][0]
		case orb.MultiPolygon:
			p = g[0][0][0]
			if len(g) != 2 || len(g[0]) != 2 {
				t.Errorf("feature %d: %d parts, first with %d rings; want 2 and 2", i+1, len(g), len(g[0]))
			}
		}
		if math.Abs(p[0]-corners[i][0]) > 1e-6 || math.Abs(p[1]-corners[i][1]) > 1e-6 {
			t.Errorf("feature %d (%T): first corner %v, want %v", i+1, g, p, corners[i])
		}
	}
	offices, err := gpkg.Read(context.Background(), path, "offices")
	if err != nil {
		t.Fatal(err)
	}
	p, _ := offices.Features[1].Geometry.(orb.Point)
	if offices.Features[1].Values[0] != "吕四港镇政府" || offices.Features[1].Values[1] != int64(57) ||
		math.Abs(p[0]-40651164.5577347) > 1e-6 || math.Abs(p[1]-3552854.79811276) > 1e-6 {
		t.Errorf("office 2: %v at %v", offices.Features[1].Values, p)
	}
	// Read-only and immutable: the file is unchanged and nothing appears beside it.
	after, _ := os.ReadFile(path)
	entries, _ := os.ReadDir(filepath.Dir(path))
	if !bytes.Equal(before, after) || len(entries) != len(beside) {
		t.Errorf("reading changed the file or left files beside it: %v", entries)
	}
}
