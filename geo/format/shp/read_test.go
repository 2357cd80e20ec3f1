package shp_test

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/community-atlas/atlas/geo/format"
	"github.com/community-atlas/atlas/geo/format/internal/formattest"
	"github.com/community-atlas/atlas/geo/format/shp"
	"github.com/community-atlas/atlas/geo/proj"
	"github.com/paulmach/orb"
)

// write zips the layer as the writer does, named base.
func write(t testing.TB, l *format.Layer, base string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := shp.Write(&buf, l, base, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readOne reads a zip that must hold one set.
func readOne(t *testing.T, data []byte) *format.Layer {
	t.Helper()
	ls, err := shp.ReadZip(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) != 1 {
		t.Fatalf("%d layers, want 1", len(ls))
	}
	return ls[0]
}

// points is a point layer with a Chinese field name and values.
func points() *format.Layer {
	return &format.Layer{Name: "clinics", CRS: proj.Default,
		Fields: []format.Field{{Name: "编号", Type: format.String}, {Name: "beds", Type: format.Integer}},
		Features: []format.Feature{
			{Geometry: orb.Point{120.8512345678, 32.0123456789}, Values: []any{"社区卫生服务中心一", int64(40)}},
			{Geometry: orb.Point{-0.5, 89.999999999}, Values: []any{"村卫生室", nil}},
		}}
}

// What the writer writes the reader reads back: values, Chinese text and
// nulls; polygons with holes and multipolygons (a one-part multipolygon
// comes back as a polygon) and points, to 1e-9.
func TestRoundTrip(t *testing.T) {
	want := formattest.Sample()
	want.Features[2].Values[3] = 0.25 // the writer keeps 8 decimals; 1/3 would not come back
	got := readOne(t, write(t, want, "regions_2013"))
	if got.Name != "regions_2013" || got.Source.Format != "shapefile" || got.Source.CRS != proj.Default.WKT ||
		got.Source.Encoding != "UTF-8" {
		t.Errorf("layer %s, source %+v", got.Name, got.Source)
	}
	if _, ok := got.Features[0].Geometry.(orb.Polygon); !ok {
		t.Errorf("a one-part shape is a %T, want a polygon", got.Features[0].Geometry)
	}
	for i := range got.Features {
		got.Features[i].Geometry = format.Multi(got.Features[i].Geometry)
	}
	formattest.SameLayer(t, got, want, 1e-9)
	// Outer rings come back counter-clockwise, holes clockwise (RFC 7946).
	hole := got.Features[1].Geometry.(orb.MultiPolygon)[0]
	if hole[0].Orientation() != orb.CCW || hole[1].Orientation() != orb.CW {
		t.Errorf("orientations %v, %v", hole[0].Orientation(), hole[1].Orientation())
	}

	pts := points()
	formattest.SameLayer(t, readOne(t, write(t, pts, "clinics")), pts, 1e-9)
}

// In every CRS the exports offer, the coordinates come back as written
// (to 1e-9 of a unit: far below a centimetre) and the .prj as the CRS's
// WKT.
func TestRoundTripCRS(t *testing.T) {
	for _, crs := range proj.Supported {
		t.Run(crs.Slug(), func(t *testing.T) {
			want := formattest.Sample().Reproject(crs)
			want.Features[2].Values[3] = 0.25
			got := readOne(t, write(t, want, "regions"))
			if got.Source.CRS != crs.WKT {
				t.Errorf(".prj %q, want %q", got.Source.CRS, crs.WKT)
			}
			for i := range got.Features {
				got.Features[i].Geometry = format.Multi(got.Features[i].Geometry)
			}
			formattest.SameLayer(t, got, want, 1e-9)
		})
	}
}

// files reads a fixture set from testdata.
func files(t *testing.T, base string, exts ...string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, ext := range exts {
		data, err := os.ReadFile(filepath.Join("testdata", base+ext))
		if err != nil {
			t.Fatal(err)
		}
		out[ext] = data
	}
	return out
}

// GDAL's GBK Shapefiles read with their Chinese names and numbers, whether
// the .cpg, the DBF language byte or the text itself says GBK.
func TestGDALFixtures(t *testing.T) {
	for _, c := range []struct {
		name, base string
		exts       []string
		note       string
	}{
		{"cpg", "communities", []string{".shp", ".dbf", ".prj", ".cpg"}, `text read as GB18030, as the .cpg declares ("GBK")`},
		{"language byte", "communities_ldid77", []string{".shp", ".dbf", ".prj"},
			"text read as GB18030: no .cpg, and the DBF language driver 0x4D is code page 936 (GBK)"},
		{"content", "communities", []string{".shp", ".dbf"},
			"no .cpg, and the DBF language driver 0x00 names no code page; text read as GB18030 (GBK), as it is not valid UTF-8"},
	} {
		t.Run(c.name, func(t *testing.T) {
			l, err := shp.ReadNamed(c.base, files(t, c.base, c.exts...))
			if err != nil {
				t.Fatal(err)
			}
			if l.Source.Encoding != "GB18030" || strings.Join(l.Source.Notes, "|") != c.note {
				t.Errorf("encoding %s, notes %q", l.Source.Encoding, l.Source.Notes)
			}
			checkCommunities(t, l)
			wantPRJ := strings.HasPrefix(l.Source.CRS, `PROJCS["CGCS2000_3_Degree_GK_CM_120E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000"`)
			if hasPRJ := len(c.exts) > 2; wantPRJ != hasPRJ {
				t.Errorf("CRS %q", l.Source.CRS)
			}
		})
	}
}

// checkCommunities checks the fixture's fields, values and geometries
// against testdata/communities.geojson and GDAL's coordinates.
func checkCommunities(t *testing.T, l *format.Layer) {
	t.Helper()
	want := &format.Layer{
		Fields: []format.Field{{Name: "行政代码"}, {Name: "名称"}, {Name: "人口", Type: format.Integer},
			{Name: "面积", Type: format.Real}, {Name: "普查日期"}},
		Features: []format.Feature{
			{Geometry: orb.Polygon{{{575595.598750874, 3542132.11386329}, {580320.472313643, 3542168.16853834},
				{580276.849469393, 3547712.79998316}, {575554.54253137, 3547676.71458236}, {575595.598750874, 3542132.11386329}}},
				Values: []any{"320612001001", "金沙街道甲社区居委会", int64(3000), 4.25, "2020-11-01"}},
			{Geometry: l.Features[1].Geometry, Values: []any{"320612001201", "乙村委会", int64(1250), nil, nil}},
			{Geometry: l.Features[2].Geometry, Values: []any{"320612001202", "丙村委会", nil, 0.75, "2021-03-15"}},
		},
	}
	formattest.SameLayer(t, l, want, 1e-6)
	hole, ok := l.Features[1].Geometry.(orb.Polygon)
	if !ok || len(hole) != 2 || !near(hole[1][0], orb.Point{586916.462484979, 3544440.1829727}) {
		t.Errorf("feature 2: %v, want a polygon whose hole starts at GDAL's 586916.462484979 3544440.1829727", l.Features[1].Geometry)
	}
	if mp, ok := l.Features[2].Geometry.(orb.MultiPolygon); !ok || len(mp) != 2 || !near(mp[1][0][0], orb.Point{603605.343848358, 3575650.74061247}) {
		t.Errorf("feature 3: %v, want two polygons, the second from GDAL's 603605.343848358 3575650.74061247", l.Features[2].Geometry)
	}
}

// near compares with GDAL's printed coordinates (15 significant digits).
func near(a, b orb.Point) bool { return formattest.SameGeometry(a, b, 1e-6) }

// zipOf zips entries (name, body) as Chinese Windows does: names in GBK
// bytes without the UTF-8 flag.
func zipOf(t testing.TB, entries ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e[0], NonUTF8: true, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(e[1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
