package proj_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/geo/proj"
	"github.com/paulmach/orb"
)

// The EPSG Guidance Note 7-2 worked example for the transverse Mercator
// (OSGB 1936 / British National Grid): 50°30'N 0°30'E.
func TestTransverseMercatorEPSGExample(t *testing.T) {
	p := proj.TransverseMercator{Ellipsoid: proj.Ellipsoid{A: 6377563.396, InvF: 299.3249646},
		Lon0: -2, Lat0: 49, K0: 0.9996012717, FalseE: 400000, FalseN: -100000}
	e, n := p.Forward(0.5, 50.5)
	if math.Abs(e-577274.99) > 0.01 || math.Abs(n-69740.50) > 0.01 {
		t.Errorf("OSGB example: %.3f %.3f, want 577274.99 69740.50", e, n)
	}
}

// Reference coordinates from PROJ 9.1.1 (cs2cs EPSG:4490 EPSG:xxxx) for
// three points: Nantong's centre, Qidong on the coast, and a point on the
// 120°E meridian.
func TestGaussKrugerAgainstPROJ(t *testing.T) {
	pts := [][2]float64{{120.8644, 32.0106}, {121.6561, 31.8094}, {120.0, 32.5}}
	want := map[string][][2]float64{
		"EPSG:4549": {{581671.8413, 3543354.4179}, {656822.7284, 3521912.5573}, {500000, 3597298.0326}},
		"EPSG:4528": {{40581671.8413, 3543354.4179}, {40656822.7284, 3521912.5573}, {40500000, 3597298.0326}},
		"EPSG:4550": {{298203.0408, 3545021.9219}, {372743.4470, 3521504.4685}, {218014.8573, 3601266.7869}},
		"EPSG:4529": {{41298203.0408, 3545021.9219}, {41372743.4470, 3521504.4685}, {41218014.8573, 3601266.7869}},
		"EPSG:3857": {{13454563.4630, 3764702.1223}, {13542695.1039, 3738317.3369}, {13358338.8952, 3829123.8370}},
		"EPSG:4490": {{120.8644, 32.0106}, {121.6561, 31.8094}, {120.0, 32.5}},
	}
	for name, ws := range want {
		c, err := proj.Parse(name)
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range pts {
			x, y := c.Forward(p[0], p[1])
			if math.Abs(x-ws[i][0]) > 0.001 || math.Abs(y-ws[i][1]) > 0.001 {
				t.Errorf("%s %v: %.4f %.4f, want %.4f %.4f", name, p, x, y, ws[i][0], ws[i][1])
			}
		}
	}
}

// Published WGS 84 → GCJ-02 pairs: eviltransform's test cases (Shanghai,
// Shenzhen, Beijing) to 1e-9°, and the Jiaxing point of the geotool CLI's
// tests, whose implementation rounds differently, to 1e-6° (0.1 m).
func TestGCJ02PublishedPairs(t *testing.T) {
	cases := [][4]float64{
		{121.5272106, 31.1774276, 121.531541859215, 31.17530398364597},
		{113.912316, 22.543847, 113.9171764808363, 22.540796131694766},
		{116.377817, 39.911954, 116.38404722455657, 39.91334545536069},
		{121.0917077, 30.6107779, 121.09626935575027, 30.608604331756705},
	}
	for _, c := range cases {
		lon, lat := proj.GCJ02(c[0], c[1])
		tol := 1e-9
		if c[0] == 121.0917077 {
			tol = 1e-6
		}
		if math.Abs(lon-c[2]) > tol || math.Abs(lat-c[3]) > tol {
			t.Errorf("GCJ02(%v, %v) = %.12f %.12f, want %.12f %.12f", c[0], c[1], lon, lat, c[2], c[3])
		}
	}
	if lon, lat := proj.GCJ02(2.35, 48.85); lon != 2.35 || lat != 48.85 {
		t.Errorf("Paris was shifted to %v %v", lon, lat)
	}
}

func TestProjectGeometry(t *testing.T) {
	c, _ := proj.Parse("epsg:4549")
	in := orb.Polygon{{{120, 32.5}, {120.8644, 32.0106}, {120, 32}, {120, 32.5}}}
	out := c.Project(in).(orb.Polygon)
	if in[0][0] != (orb.Point{120, 32.5}) {
		t.Error("Project changed its input")
	}
	if math.Abs(out[0][0][0]-500000) > 0.001 || math.Abs(out[0][1][0]-581671.8413) > 0.001 {
		t.Errorf("projected ring %v", out[0])
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]string{
		"": "EPSG:4326", "4326": "EPSG:4326", " epsg:4549 ": "EPSG:4549", "urn:ogc:def:crs:EPSG::4528": "EPSG:4528",
		"http://www.opengis.net/def/crs/EPSG/0/3857": "EPSG:3857", "CRS84": "EPSG:4326",
		"http://www.opengis.net/def/crs/OGC/1.3/CRS84": "EPSG:4326", "gcj02": "GCJ02", "GCJ-02": "GCJ02",
		"OGC:CRS84": "EPSG:4326", "bd09": "BD09", "BD-09": "BD09", "4490": "EPSG:4490", "epsg:4491": "EPSG:4491",
		"4512": "EPSG:4512", "EPSG:4513": "EPSG:4513", "urn:ogc:def:crs:EPSG::4554": "EPSG:4554",
		"HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/0/32650": "EPSG:32650", "32760": "EPSG:32760", "EPSG:3857": "EPSG:3857",
	} {
		c, err := proj.Parse(in)
		if err != nil || c.Code != want {
			t.Errorf("Parse(%q) = %s, %v; want %s", in, c.Code, err, want)
		}
	}
	for _, bad := range []string{"EPSG:2391", "wgs84", "EPSG:", "0", "bd", "EPSG:32661", "EPSG:4555", "45490", "EPSG:+4549", "EPSG:0004549"} {
		if c, err := proj.Parse(bad); err == nil || c.Code != "" || !strings.Contains(err.Error(), "is not a supported CRS (EPSG:4326") {
			t.Errorf("Parse(%q): %v", bad, err)
		}
	}
	if c, _ := proj.Parse("4549"); c.Slug() != "epsg4549" || !strings.Contains(c.WKT, `AUTHORITY["EPSG","4549"]`) {
		t.Errorf("slug %s, wkt %s", c.Slug(), c.WKT)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "4326", "EPSG:4549", "urn:ogc:def:crs:EPSG::4528", "gcj02", "CRS84", "EPSG:-1", "EPSG:99999999999999999999", "bd09", "EPSG:2385", "32650", "21460"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 256 {
			return
		}
		c, err := proj.Parse(s)
		if errors.Is(err, proj.ErrNeedsDatumShift) != c.NeedsDatumShift() {
			t.Fatalf("%q: error %v with a CRS that needs a shift: %v", s, err, c.NeedsDatumShift())
		}
		if err != nil {
			return
		}
		again, err := proj.Parse(c.Code)
		if err != nil || again.Code != c.Code || again.Name() != c.Name() {
			t.Fatalf("%q parsed as %s, which does not parse back: %v", s, c.Code, err)
		}
	})
}
