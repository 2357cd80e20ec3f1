package table_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/geo/format"
	"github.com/community-atlas/atlas/geo/format/table"
	"github.com/paulmach/orb"
)

// wktCSV is a boundary table with its geometry in a column titled as
// nothing in particular: found by its cells.
const wktCSV = "代码,名称,形状\n" +
	"320612001001,甲社区,\"POLYGON((120 32,120.05 32,120.05 32.1,120 32.1,120 32))\"\n" +
	"320612001201,乙村,\"MULTIPOLYGON(((120.05 32,120.1 32,120.1 32.1,120.05 32.1,120.05 32)))\"\n"

func TestReadLayerWKTByContent(t *testing.T) {
	l, bad, err := table.ReadLayer("b.csv", []byte(wktCSV), "")
	if err != nil || len(bad) > 0 {
		t.Fatal(err, bad)
	}
	if l.Source.Geometry != "形状" || len(l.Fields) != 2 || l.Fields[0].Name != "代码" || l.Fields[1].Name != "名称" {
		t.Fatalf("geometry %q, fields %+v; want 形状 taken out of 代码, 名称", l.Source.Geometry, l.Fields)
	}
	if len(l.Features) != 2 || l.Features[0].ID != "2" || l.Features[1].ID != "3" {
		t.Fatalf("features %+v; want rows 2 and 3", l.Features)
	}
	p, ok := l.Features[0].Geometry.(orb.Polygon)
	if !ok || p[0][1] != (orb.Point{120.05, 32}) || l.Features[1].Values[1] != "乙村" {
		t.Errorf("feature 1 = %+v, feature 2 values %v", l.Features[0].Geometry, l.Features[1].Values)
	}
	if l.Source.CRS != "" {
		t.Errorf("CRS %q; a WKT table declares none", l.Source.CRS)
	}
}

// TestReadLayerEWKT: an EWKT SRID declares the CRS; a row with another is
// bad, as is a row whose WKT does not parse, each at its row and column.
func TestReadLayerEWKT(t *testing.T) {
	text := "id,geom\n" +
		"a,SRID=4549;POINT(500000 3550000)\n" +
		"b,SRID=4549;POINT(501000 3551000)\n" +
		"c,SRID=4528;POINT(40500000 3550000)\n" +
		"d,POINT(1 2\n"
	l, bad, err := table.ReadLayer("p.csv", []byte(text), "")
	if err != nil {
		t.Fatal(err)
	}
	if l.Source.CRS != "EPSG:4549" || len(l.Features) != 2 {
		t.Errorf("CRS %q with %d features; want EPSG:4549 with a and b", l.Source.CRS, len(l.Features))
	}
	if len(bad) != 2 || bad[0].Row != 4 || !strings.Contains(bad[0].Why, "row 2 has SRID=4549") ||
		bad[1].Row != 5 || bad[1].Column != "geom" || !strings.Contains(bad[1].Why, "not WKT") {
		t.Errorf("bad = %+v", bad)
	}
}

// TestReadLayerPoints: points by coordinate titles, and, without titles
// that say so, by numbers that are longitudes and latitudes.
func TestReadLayerPoints(t *testing.T) {
	for _, tc := range []struct{ text, geometry string }{
		{"编号,经度,纬度\nF1,120.02,32.05\n", "经度/纬度"},
		{"编号,X,Y\nF1,120.02,32.05\n", "X/Y"},
		{"编号,甲,乙\nF1,32.05,120.02\n", "乙/甲"},
	} {
		l, bad, err := table.ReadLayer("f.csv", []byte(tc.text), "")
		if err != nil || len(bad) > 0 {
			t.Fatal(tc.text, err, bad)
		}
		if l.Source.Geometry != tc.geometry || l.Features[0].Geometry != (orb.Point{120.02, 32.05}) {
			t.Errorf("%q: geometry from %q: %v", tc.text, l.Source.Geometry, l.Features[0].Geometry)
		}
	}
}

func TestReadLayerNoGeometry(t *testing.T) {
	_, _, err := table.ReadLayer("n.csv", []byte("代码,名称\n320612001001,甲社区\n"), "")
	var te *table.Error
	if !errors.As(err, &te) || !strings.Contains(te.Why, "no geometry") {
		t.Errorf("err = %v; want a table.Error saying there is no geometry", err)
	}
}

// TestReadLayerXLSX: a workbook's sheet, problems at the sheet and row.
func TestReadLayerXLSX(t *testing.T) {
	data := layerXLSX(t)
	l, bad, err := table.ReadLayer("b.xlsx", data, "")
	if err != nil {
		t.Fatal(err)
	}
	if l.Name != "regions" || l.Source.Format != "xlsx" || len(l.Features) != 1 || l.Features[0].Values[0] != "320612001001" {
		t.Errorf("layer %s (%s), features %+v", l.Name, l.Source.Format, l.Features)
	}
	if len(bad) != 1 || bad[0].Sheet != "regions" || bad[0].Row != 3 || bad[0].Column != "WKT" {
		t.Errorf("bad = %+v; want sheet regions row 3 column WKT", bad)
	}
}

// layerXLSX writes a sheet of regions with a WKT column, the second row's
// geometry cut short.
func layerXLSX(t testing.TB) []byte {
	tb := table.Table{Name: "regions", Columns: []format.Field{{Name: "WKT"}, {Name: "code"}, {Name: "population", Type: format.Integer}}}
	tb.Rows = [][]any{
		{"MULTIPOLYGON(((120 32,120.05 32,120.05 32.1,120 32.1,120 32)))", "320612001001", int64(3000)},
		{"MULTIPOLYGON(((120.05 32,120.1 32", "320612001201", int64(1000)},
	}
	var buf bytes.Buffer
	if err := tb.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzReadLayer: whatever the bytes, reading a table as a layer gives a
// layer whose features all have a geometry and a value a field, or an
// error that is a *table.Error; never a panic.
func FuzzReadLayer(f *testing.F) {
	f.Add("b.csv", []byte(wktCSV))
	f.Add("p.csv", []byte("id,geom\na,SRID=4549;POINT(500000 3550000)\nb,POINT EMPTY\nc,GEOMETRYCOLLECTION(POINT(1 2))\n"))
	f.Add("f.csv", []byte("编号,经度,纬度\nF1,120.02,32.05\nF2,abc,32\n"))
	f.Add("b.xlsx", layerXLSX(f))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if len(data) > maxFuzz {
			return
		}
		l, bad, err := table.ReadLayer(name, data, "")
		if err != nil {
			var te *table.Error
			if !errors.As(err, &te) {
				t.Fatalf("error %v (%T) is not a *table.Error", err, err)
			}
			return
		}
		for _, e := range bad {
			if e.Row < 1 || e.Why == "" {
				t.Fatalf("bad row %+v", e)
			}
		}
		for _, ft := range l.Features {
			if ft.Geometry == nil || len(ft.Values) != len(l.Fields) {
				t.Fatalf("feature %s: geometry %v, %d values for %d fields", ft.ID, ft.Geometry, len(ft.Values), len(l.Fields))
			}
		}
	})
}
