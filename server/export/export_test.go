package export_test

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/community-atlas/atlas/geo/format/geojson"
	"github.com/community-atlas/atlas/geo/format/gpkg"
	"github.com/community-atlas/atlas/geo/format/shp"
	"github.com/community-atlas/atlas/geo/proj"
	"github.com/community-atlas/atlas/server/export"
	"github.com/community-atlas/atlas/server/internal/ogrtest"
	"github.com/paulmach/orb"
)

// sample is three features: a square, a square with a hole, and a
// two-part multipolygon, with Chinese text, numbers, booleans and nulls.
func sample() *export.Layer {
	sq := func(x, y, d float64) orb.Ring {
		return orb.Ring{{x, y}, {x + d, y}, {x + d, y + d}, {x, y + d}, {x, y}}
	}
	hole := sq(120.82, 32.02, 0.02)
	hole.Reverse()
	return &export.Layer{
		Name: "regions",
		CRS:  proj.Default,
		Fields: []export.Field{
			{Name: "code", Type: export.String}, {Name: "name", Title: "名称", Type: export.String},
			{Name: "population", Type: export.Integer}, {Name: "registered_volunteers", Type: export.Real},
			{Name: "registered_volunteers_meets", Type: export.Boolean},
		},
		Features: []export.Feature{
			{ID: "320612001001", Geometry: orb.MultiPolygon{{sq(120.80, 32.00, 0.05)}},
				Values: []any{"320612001001", "金沙街道甲社区居委会", int64(3000), 8.5, true}},
			{ID: "320612001201", Geometry: orb.Polygon{sq(120.80, 32.00, 0.1), hole},
				Values: []any{"320612001201", "乙村委会", int64(1000), nil, nil}},
			{ID: "320612001202", Geometry: orb.MultiPolygon{{sq(121.0, 32.0, 0.01)}, {sq(121.1, 32.1, 0.01)}},
				Values: []any{"320612001202", "丙村", int64(0), 4.25, false}},
		},
	}
}

// write saves the output of a writer in dir/name.
func write(t *testing.T, dir, name string, fn func(*bytes.Buffer) error) string {
	t.Helper()
	var buf bytes.Buffer
	if err := fn(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func unzip(t *testing.T, path, dir string) []string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		os.WriteFile(filepath.Join(dir, f.Name), b.Bytes(), 0o644)
	}
	return names
}

// Every layer format is read back by GDAL: feature count, geometry type,
// CRS, and the attribute values including Chinese text and nulls.
func TestLayersReadByGDAL(t *testing.T) {
	ogrtest.Require(t)
	dir := t.TempDir()
	l := sample()
	ctx := context.Background()
	gpkg := write(t, dir, "l.gpkg", func(b *bytes.Buffer) error { return gpkg.Write(ctx, b, l) })
	geojson := write(t, dir, "l.geojson", func(b *bytes.Buffer) error { return geojson.Write(b, l) })
	csv := write(t, dir, "l.csv", func(b *bytes.Buffer) error { return export.WriteCSVWKT(b, l) })
	zipped := write(t, dir, "l.shp.zip", func(b *bytes.Buffer) error {
		return shp.Write(b, l, "regions_2013", time.Date(2014, 1, 2, 0, 0, 0, 0, time.UTC))
	})
	names := unzip(t, zipped, dir)
	if strings.Join(names, " ") != "regions_2013.shp regions_2013.shx regions_2013.dbf regions_2013.prj regions_2013.cpg" {
		t.Errorf("zip holds %v", names)
	}
	shpPath := filepath.Join(dir, "regions_2013.shp")
	for _, path := range []string{gpkg, geojson, csv, shpPath} {
		info := ogrtest.Run(t, "ogrinfo", "-ro", "-al", path)
		if c := ogrtest.FeatureCounts(info); len(c) != 1 || c[0] != 3 {
			t.Errorf("%s: feature counts %v", filepath.Base(path), c)
		}
		for _, want := range []string{"金沙街道甲社区居委会", "乙村委会", "= 8.5", "= 4.25", "= 3000"} {
			if !strings.Contains(info, want) {
				t.Errorf("%s: %q missing in\n%s", filepath.Base(path), want, info)
			}
		}
		if path != csv && !strings.Contains(info, `ID["EPSG",4326]`) {
			t.Errorf("%s: CRS is not EPSG:4326:\n%s", filepath.Base(path), head(info))
		}
		if path != csv && !strings.Contains(info, "Geometry: Multi Polygon") && !strings.Contains(info, "Geometry: Polygon") {
			t.Errorf("%s: geometry type:\n%s", filepath.Base(path), head(info))
		}
	}
	// Shapefile names are cut to 10 characters, the clash suffixed.
	info := ogrtest.Run(t, "ogrinfo", "-ro", "-al", "-so", shpPath)
	for _, want := range []string{"registered: Real", "register_2: String (1.0)", "population: Integer"} {
		if !strings.Contains(info, want) {
			t.Errorf("shapefile fields: %q missing in\n%s", want, info)
		}
	}
	// GeoPackage types: booleans and 64-bit integers survive.
	info = ogrtest.Run(t, "ogrinfo", "-ro", "-al", "-so", gpkg)
	for _, want := range []string{"registered_volunteers_meets: Integer(Boolean)", "population: Integer64", "Geometry: Multi Polygon", "Extent: (120.800000, 32.000000) - (121.110000, 32.110000)"} {
		if !strings.Contains(info, want) {
			t.Errorf("geopackage: %q missing in\n%s", want, info)
		}
	}
}

// Our Gauss-Krüger output agrees with GDAL's own reprojection of the
// EPSG:4326 GeoPackage to within a millimetre.
func TestReprojectionMatchesGDAL(t *testing.T) {
	ogrtest.Require(t)
	dir := t.TempDir()
	ctx := context.Background()
	l := sample()
	src := write(t, dir, "src.gpkg", func(b *bytes.Buffer) error { return gpkg.Write(ctx, b, l) })
	for _, name := range []string{"EPSG:4549", "EPSG:4529", "EPSG:3857"} {
		c, _ := proj.Parse(name)
		ours := write(t, dir, c.Slug()+".gpkg", func(b *bytes.Buffer) error { return gpkg.Write(ctx, b, l.Reproject(c)) })
		theirs := filepath.Join(dir, c.Slug()+"-gdal.csv")
		ogrtest.Run(t, "ogr2ogr", "-f", "CSV", "-t_srs", name, "-lco", "GEOMETRY=AS_WKT", theirs, src)
		oursCSV := filepath.Join(dir, c.Slug()+"-ours.csv")
		ogrtest.Run(t, "ogr2ogr", "-f", "CSV", "-lco", "GEOMETRY=AS_WKT", oursCSV, ours)
		a, b := coords(t, theirs), coords(t, oursCSV)
		if len(a) != len(b) || len(a) == 0 {
			t.Fatalf("%s: %d vs %d coordinates", name, len(a), len(b))
		}
		for i := range a {
			if d := a[i] - b[i]; d > 0.001 || d < -0.001 {
				t.Fatalf("%s: coordinate %d: GDAL %.4f, ours %.4f", name, i, a[i], b[i])
			}
		}
		info := ogrtest.Run(t, "ogrinfo", "-ro", "-al", "-so", ours)
		if !strings.Contains(info, `ID["EPSG",`+strings.TrimPrefix(name, "EPSG:")+`]`) {
			t.Errorf("%s: CRS not recognised:\n%s", name, head(info))
		}
	}
}

func head(s string) string {
	if len(s) > 1500 {
		return s[:1500]
	}
	return s
}
