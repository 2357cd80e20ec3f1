package importer_test

import (
	"context"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/server/importer"
)

// problemText returns the messages of an import error, or fails.
func problemText(t *testing.T, err error) string {
	t.Helper()
	var ie *importer.Error
	if !errors.As(err, &ie) {
		t.Fatalf("error %v is not an importer.Error", err)
	}
	var msgs []string
	for _, p := range ie.Problems {
		msgs = append(msgs, p.String())
	}
	return strings.Join(msgs, "; ")
}

// TestColumnsFoundByContent: headers an office chose (a code column named
// nothing recognisable, 名称, 人口（人）) and no level or parent: the code is
// found by its values, the level by its length, the parent by its prefix.
func TestColumnsFoundByContent(t *testing.T) {
	_, idx := fixture(t)
	data := collection(
		feature(`"字段1":"320612002","名称":"兴东街道","人口（人）":9000,"总户数":3200`, eastHalf),
		feature(`"字段1":"320612002001","名称":"丙社区居委会","人口（人）":5000`, eastWest),
	)
	cs, rep, err := importer.ReadBoundariesWith(context.Background(), "b.geojson", data, idx, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs.Regions) != 2 {
		t.Fatalf("%d regions", len(cs.Regions))
	}
	town, comm := cs.Regions[0], cs.Regions[1]
	if town.Code != "320612002" || town.Level != "township" || town.Parent != "320612" || town.Population != 9000 || town.Households != 3200 {
		t.Errorf("township %+v", town)
	}
	if comm.Level != "community" || comm.Parent != "320612002" || comm.Kind != "urban" || comm.Population != 5000 {
		t.Errorf("community %+v", comm)
	}
	want := map[string]string{"code": "字段1 (by its values: division codes)", "name": "名称 (by its header)",
		"population": "人口（人） (by its header)", "households": "总户数 (by its header)"}
	for role, col := range want {
		if rep.Columns[role] != col {
			t.Errorf("column of %s = %q, want %q", role, rep.Columns[role], col)
		}
	}
	if rep.Format != importer.FormatGeoJSON || rep.CRS == nil || rep.CRS.From != "degrees" || rep.Regions.New != 2 {
		t.Errorf("report %+v crs %+v regions %+v", rep, rep.CRS, rep.Regions)
	}
}

// TestUpdateKeepsWhatTheFileLacks: a file with codes and new names only
// renames; population, households and kind stay as stored, and the report
// counts changed and unchanged regions.
func TestUpdateKeepsWhatTheFileLacks(t *testing.T) {
	_, idx := fixture(t)
	stored, _ := idx.Region("320612001001")
	data := collection(
		feature(`"code":"320612001001","name":"甲社区"`, `[[[120,32],[120.05,32],[120.05,32.1],[120,32.1],[120,32]]]`),
	)
	cs, rep, err := importer.ReadBoundariesWith(context.Background(), "b.geojson", data, idx, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := cs.Regions[0]
	if r.Name != "甲社区" || r.Population != stored.Population || r.Households != stored.Households || r.Kind != stored.Kind {
		t.Errorf("updated %+v, stored %+v", r, stored)
	}
	if rep.Regions.Changed != 1 || len(rep.Regions.Items) != 1 || strings.Join(rep.Regions.Items[0].Fields, ",") != "name" {
		t.Errorf("changes %+v", rep.Regions)
	}
}

// TestRegionWithoutCodeMatchedByName: a feature with a name and no code
// takes the code of the region of that name where its label point lies.
func TestRegionWithoutCodeMatchedByName(t *testing.T) {
	_, idx := fixture(t)
	stored, _ := idx.Region("320612001201")
	data := collection(feature(`"名称":"`+stored.Name+`","人口":1234`, `[[[120.05,32],[120.1,32],[120.1,32.1],[120.05,32.1],[120.05,32]]]`))
	cs, _, err := importer.ReadBoundariesWith(context.Background(), "b.geojson", data, idx, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if cs.Regions[0].Code != stored.Code || cs.Regions[0].Population != 1234 {
		t.Errorf("matched %+v", cs.Regions[0])
	}
	data = collection(feature(`"名称":"无此村委会"`, `[[[120.05,32],[120.1,32],[120.1,32.1],[120.05,32.1],[120.05,32]]]`))
	_, _, err = importer.ReadBoundariesWith(context.Background(), "b.geojson", data, idx, importer.Options{})
	if msg := problemText(t, err); !strings.Contains(msg, "无此村委会") || !strings.Contains(msg, "label point") {
		t.Errorf("unmatched name: %s", msg)
	}
}

// gkSquare is the 120.1–120.2°E, 32.0–32.1°N square in CGCS2000 3-degree
// Gauss-Krüger CM 120E (EPSG:4549), as cs2cs gives its corners, with the
// zone prefix 40 when prefixed.
func gkSquare(prefixed bool) string {
	e := func(x float64) float64 {
		if prefixed {
			return x + 40e6
		}
		return x
	}
	// printf '32.0 120.1\n32.0 120.2\n32.1 120.2\n32.1 120.1\n' | cs2cs -f %.4f EPSG:4490 EPSG:4549
	// (PROJ 9; EPSG:4549 gives northing first).
	pts := [][2]float64{{509449.3163, 3541856.8039}, {518898.6453, 3541869.9132}, {518878.1049, 3552958.7115}, {509439.0461, 3552945.5798}}
	var b strings.Builder
	b.WriteString("[[")
	for _, p := range append(pts, pts[0]) {
		b.WriteString("[")
		b.WriteString(strconv.FormatFloat(e(p[0]), 'f', 4, 64) + "," + strconv.FormatFloat(p[1], 'f', 4, 64))
		b.WriteString("],")
	}
	s := strings.TrimSuffix(b.String(), ",")
	return s + "]]"
}

// TestProjectedFileNeedsItsCRS: projected numbers without a CRS are refused
// with the range seen and the flag to use; with --crs they land where the
// degrees would (to a centimetre); zone-prefixed numbers read in the zone
// without a prefix are caught, not written thousands of kilometres away.
func TestProjectedFileNeedsItsCRS(t *testing.T) {
	_, idx := fixture(t)
	data := collection(feature(`"code":"320612002","name":"兴东街道"`, gkSquare(false)))
	_, _, err := importer.ReadBoundariesWith(context.Background(), "gk.geojson", data, idx, importer.Options{})
	if msg := problemText(t, err); !strings.Contains(msg, "not degrees") || !strings.Contains(msg, "--crs") {
		t.Errorf("no CRS: %s", msg)
	}
	cs, rep, err := importer.ReadBoundariesWith(context.Background(), "gk.geojson", data, idx, importer.Options{CRS: "EPSG:4549"})
	if err != nil {
		t.Fatal(err)
	}
	b := cs.Regions[0].Geometry.Bound()
	const cm = 1e-7 // about a centimetre in degrees here
	if math.Abs(b.Min[0]-120.1) > cm || math.Abs(b.Max[0]-120.2) > cm || math.Abs(b.Min[1]-32) > cm || math.Abs(b.Max[1]-32.1) > cm {
		t.Errorf("placed at %v", b)
	}
	if rep.CRS.From != "option" || !strings.Contains(rep.CRS.Name, "4549") {
		t.Errorf("crs report %+v", rep.CRS)
	}
	prefixed := collection(feature(`"code":"320612002","name":"兴东街道"`, gkSquare(true)))
	_, _, err = importer.ReadBoundariesWith(context.Background(), "gk.geojson", prefixed, idx, importer.Options{CRS: "EPSG:4549"})
	if msg := problemText(t, err); !strings.Contains(msg, "zone") || !strings.Contains(msg, "EPSG:4528") {
		t.Errorf("prefixed read without prefix: %s", msg)
	}
	cs, _, err = importer.ReadBoundariesWith(context.Background(), "gk.geojson", prefixed, idx, importer.Options{CRS: "EPSG:4528"})
	if err != nil {
		t.Fatal(err)
	}
	if b := cs.Regions[0].Geometry.Bound(); math.Abs(b.Min[0]-120.1) > cm {
		t.Errorf("prefixed placed at %v", b)
	}
}

// TestLegacyCRSMember: a GeoJSON file naming its CRS the pre-RFC 7946 way
// is read in it.
func TestLegacyCRSMember(t *testing.T) {
	_, idx := fixture(t)
	data := []byte(`{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4549"}},"features":[` +
		feature(`"code":"320612002","name":"兴东街道"`, gkSquare(false)) + `]}`)
	cs, rep, err := importer.ReadBoundariesWith(context.Background(), "gk.geojson", data, idx, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.CRS.From != "file" || math.Abs(cs.Regions[0].Geometry.Bound().Min[0]-120.1) > 1e-7 {
		t.Errorf("report %+v, bound %v", rep.CRS, cs.Regions[0].Geometry.Bound())
	}
}
