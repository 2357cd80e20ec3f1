package kml_test

import (
	"archive/zip"
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/geo/format"
	"github.com/community-atlas/atlas/geo/format/kml"
	"github.com/paulmach/orb"
)

func read(t *testing.T, path string) *format.Layer {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	l, err := kml.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// The survey reads the same from the KML and the KMZ: every placemark at
// any folder depth, its fields and geometry.
func TestReadSurvey(t *testing.T) {
	for _, c := range []struct{ path, format string }{{"testdata/survey.kml", "kml"}, {"testdata/survey.kmz", "kmz"}} {
		l := read(t, c.path)
		if l.Name != "金沙街道走访.kml" || l.Source.CRS != "EPSG:4326" || l.Source.Format != c.format {
			t.Errorf("%s: name %q, source %+v", c.path, l.Name, l.Source)
		}
		fields := []format.Field{{Name: "name"}, {Name: "description"}, {Name: "建筑面积", Type: format.Real},
			{Name: "医生", Type: format.Integer}, {Name: "编号"}, {Name: "户数", Type: format.Integer}, {Name: "folder"}}
		if len(l.Fields) != len(fields) {
			t.Fatalf("%s: fields %+v", c.path, l.Fields)
		}
		for i, f := range fields {
			if l.Fields[i] != f {
				t.Errorf("%s: field %d %+v, want %+v", c.path, i, l.Fields[i], f)
			}
		}
		values := [][]any{
			{"甲社区卫生服务站", "<b>已走访</b> 2024-05-01", 152.5, int64(3), "007", nil, "卫生设施"},
			{"乙村卫生室", nil, 80.0, int64(1), nil, nil, "卫生设施 / 村卫生室"},
			{"甲社区", nil, nil, nil, nil, nil, "边界"},
			{"乙村（两块）", nil, nil, nil, nil, int64(412), "边界"},
			{"巡查路线", nil, nil, nil, nil, nil, nil},
		}
		if len(l.Features) != len(values) {
			t.Fatalf("%s: %d features", c.path, len(l.Features))
		}
		for i, v := range values {
			for j := range v {
				if l.Features[i].Values[j] != v[j] {
					t.Errorf("%s: placemark %d %s: %#v, want %#v", c.path, i+1, fields[j].Name, l.Features[i].Values[j], v[j])
				}
			}
		}
		geoms := []orb.Geometry{
			orb.Point{120.8251234, 32.0263456},
			orb.Point{120.9012, 32.0551},
			orb.Polygon{{{120.80, 32.00}, {120.85, 32.00}, {120.85, 32.05}, {120.80, 32.05}, {120.80, 32.00}},
				{{120.82, 32.02}, {120.82, 32.03}, {120.83, 32.03}, {120.83, 32.02}, {120.82, 32.02}}},
			orb.MultiPolygon{{{{120.90, 32.00}, {121.00, 32.00}, {121.00, 32.10}, {120.90, 32.00}}},
				{{{121.02, 32.02}, {121.04, 32.02}, {121.04, 32.04}, {121.02, 32.02}}}},
			orb.LineString{{120.8251234, 32.0263456}, {120.9012, 32.0551}, {121.01, 32.03}},
		}
		for i, g := range geoms {
			if !orb.Equal(l.Features[i].Geometry, g) {
				t.Errorf("%s: placemark %d: %v, want %v", c.path, i+1, l.Features[i].Geometry, g)
			}
		}
		if err := l.Check(); err != nil {
			t.Error(err)
		}
	}
}

func kmz(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const doc = `<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>%s</name>%s</Placemark></kml>`

func placemark(name, geom string) string {
	return strings.Replace(strings.Replace(doc, "%s", name, 1), "%s", geom, 1)
}

// A KMZ without doc.kml gives its first .kml; GBK text is decoded; a
// placemark without geometry is noted; a mixed MultiGeometry is a
// collection; Ovital's spaces after commas are tolerated.
func TestReadVariants(t *testing.T) {
	l, err := kml.Read(kmz(t, map[string]string{"a/路线.kml": placemark("a", "<Point><coordinates>121, 32</coordinates></Point>")}))
	if err != nil || l.Features[0].Geometry != (orb.Point{121, 32}) || l.Source.Notes[0] != "read a/路线.kml of the KMZ" {
		t.Fatalf("kmz: %v, %+v", err, l)
	}
	gbk := []byte("<?xml version=\"1.0\" encoding=\"GBK\"?>\n<kml><Placemark><name>\xb4\xe5</name></Placemark></kml>")
	l, err = kml.Read(gbk)
	if err != nil || l.Features[0].Values[0] != "村" || l.Source.Encoding != "GB18030" ||
		l.Source.Notes[0] != "placemark 1 (村) has no geometry" {
		t.Fatalf("gbk: %v, %+v", err, l)
	}
	l, err = kml.Read([]byte(placemark("m", "<MultiGeometry><Point><coordinates>1,2</coordinates></Point><LineString><coordinates>1,2 3,4</coordinates></LineString></MultiGeometry>")))
	if err != nil || !orb.Equal(l.Features[0].Geometry, orb.Collection{orb.Point{1, 2}, orb.LineString{{1, 2}, {3, 4}}}) {
		t.Fatalf("collection: %v, %+v", err, l)
	}
}

// Errors name the placemark and what is wrong.
func TestReadErrors(t *testing.T) {
	for _, c := range []struct {
		in   []byte
		want string
	}{
		{[]byte(`{"type":"FeatureCollection"}`), "not a KML document"},
		{[]byte(`<gpx></gpx>`), "root element is gpx"},
		{[]byte(`<kml><Placemark>`), "kml: placemark 1"},
		{[]byte(placemark("甲", "<Point><coordinates>121.5</coordinates></Point>")), `placemark 1 (甲): Point: coordinate 1 "121.5" is not lon,lat[,alt]`},
		{[]byte(placemark("乙", "<Point><coordinates>3512345.1,40512345.2</coordinates></Point>")), "not a longitude and latitude in degrees"},
		{[]byte(placemark("丙", "<Polygon><outerBoundaryIs><LinearRing><coordinates>1,2 3,4</coordinates></LinearRing></outerBoundaryIs></Polygon>")), "Polygon: outer boundary: 2 coordinates, fewer than 4"},
		{[]byte(placemark("丁", "<LineString><coordinates>1,x</coordinates></LineString>")), `LineString: coordinate 1 "1,x"`},
		{kmz(t, map[string]string{"notes.txt": "x"}), "holds no .kml file"},
		{[]byte("PK\x03\x04truncated"), "KMZ is not a readable zip"},
		{[]byte(`<?xml version="1.0" encoding="Big5"?><kml></kml>`), `text encoding "Big5" is not supported`},
	} {
		if _, err := kml.Read(c.in); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%.60s: error %v, want %q", c.in, err, c.want)
		}
	}
}
