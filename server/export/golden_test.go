package export_test

import (
	"bytes"
	"context"
	"flag"
	"math"
	"testing"
	"time"

	"github.com/community-atlas/atlas/geo/format/geojson"
	"github.com/community-atlas/atlas/geo/format/gpkg"
	"github.com/community-atlas/atlas/geo/format/shp"
	"github.com/community-atlas/atlas/geo/proj"
	"github.com/community-atlas/atlas/internal/golden"
	"github.com/community-atlas/atlas/server/export"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// shapefileDate is the modification time given to the Shapefile writer; it
// lands in the zip entries and the DBF header.
var shapefileDate = time.Date(2014, 1, 2, 0, 0, 0, 0, time.UTC)

// Every layer format in EPSG:4326 and in a Gauss-Krüger CRS, compared with
// testdata/layer-<crs>.*: GeoJSON indented, CSV with WKT byte for byte, the
// GeoPackage read back through SQLite, the zipped Shapefile as its listing,
// .prj and .cpg text and DBF records.
func TestLayerGolden(t *testing.T) {
	ctx := context.Background()
	for _, name := range []string{"EPSG:4326", "EPSG:4549"} {
		crs, err := proj.Parse(name)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(crs.Slug(), func(t *testing.T) {
			l := sample()
			if crs.Code != proj.Default.Code {
				l = toMillimetres(l.Reproject(crs))
			}
			base := "layer-" + crs.Slug()
			golden.Check(t, base+".geojson", golden.JSON(t, golden.Output(t, func(b *bytes.Buffer) error { return geojson.Write(b, l) })), *update)
			golden.Check(t, base+".csv", golden.Output(t, func(b *bytes.Buffer) error { return export.WriteCSVWKT(b, l) }), *update)
			gpkg := golden.Output(t, func(b *bytes.Buffer) error { return gpkg.Write(ctx, b, l) })
			golden.Check(t, base+".gpkg.json", golden.Marshal(t, readGPKG(t, gpkg, l.Name)), *update)
			zipped := golden.Output(t, func(b *bytes.Buffer) error { return shp.Write(b, l, "regions_2013", shapefileDate) })
			golden.Check(t, base+".shp.json", golden.Marshal(t, readShapefile(t, zipped)), *update)
		})
	}
}

// toMillimetres rounds projected coordinates to the millimetre. The golden
// files hold the writers' output, not the projection (which
// TestReprojectionMatchesGDAL and geo/proj check): rounded, the numbers do
// not hang on the last bits of floating-point arithmetic, which may differ
// between CPU architectures.
func toMillimetres(l *export.Layer) *export.Layer {
	round := func(p orb.Point) orb.Point {
		return orb.Point{math.Round(p[0]*1000) / 1000, math.Round(p[1]*1000) / 1000}
	}
	for i := range l.Features {
		l.Features[i].Geometry = project.Geometry(l.Features[i].Geometry, round)
	}
	return l
}
