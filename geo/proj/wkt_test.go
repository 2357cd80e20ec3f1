package proj_test

import (
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/geo/proj"
	"github.com/paulmach/orb"
)

func readPrj(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/prj/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Every form GDAL writes (testdata/prj/gen.sh) reads as the EPSG code it
// was made from; the Xi'an 1980 and Beijing 1954 ones with the datum
// error, naming the datum, and the CRS still identified.
func TestParseWKTFromGDAL(t *testing.T) {
	want := map[string]string{}
	for _, form := range []string{"wkt_esri", "wkt1", "wkt_simple", "wkt_noct", "ogr2ogr-shp"} {
		want["epsg4549-"+form+".prj"] = "EPSG:4549"
		want["epsg4528-"+form+".prj"] = "EPSG:4528"
	}
	for _, code := range []string{"4490", "4326", "3857", "32650", "32750", "4497", "4508", "4513", "4554", "2385", "2362", "21460", "4214", "4610"} {
		want["epsg"+code+"-wkt_esri.prj"] = "EPSG:" + code
		want["epsg"+code+"-wkt1.prj"] = "EPSG:" + code
	}
	datums := map[string]string{"2385": "Xi'an 1980", "2362": "Xi'an 1980", "4610": "Xi'an 1980", "21460": "Beijing 1954", "4214": "Beijing 1954"}
	for file, code := range want {
		c, err := proj.ParseWKT(readPrj(t, file))
		if c.Code != code {
			t.Errorf("%s: %s (%v), want %s", file, c.Code, err, code)
		}
		datum, shift := datums[strings.TrimPrefix(code, "EPSG:")]
		if !shift && err != nil {
			t.Errorf("%s: %v", file, err)
		}
		if shift && (!errors.Is(err, proj.ErrNeedsDatumShift) || !strings.Contains(err.Error(), datum) ||
			!strings.Contains(err.Error(), "--towgs84 dx,dy,dz,rx,ry,rz,s") || !c.NeedsDatumShift()) {
			t.Errorf("%s: %v, want the %s datum error", file, err, datum)
		}
	}
	c, _ := proj.ParseWKT(readPrj(t, "epsg4549-wkt_esri.prj"))
	if c.Name() != "CGCS2000 / 3-degree Gauss-Kruger CM 120E (EPSG:4549)" || c.Geographic() {
		t.Errorf("name %q, geographic %v", c.Name(), c.Geographic())
	}
	if c, err := proj.ParseWKT(readPrj(t, "epsg4555-wkt_esri.prj")); !errors.Is(err, proj.ErrNeedsDatumShift) ||
		!strings.Contains(err.Error(), "New Beijing") || !c.Geographic() {
		t.Errorf("New Beijing: %s, %v", c.Name(), err)
	}
}

// The WKT of every CRS Parse knows reads back as it.
func TestParseWKTOwnDefinitions(t *testing.T) {
	for _, code := range []string{"4326", "4490", "3857", "4491", "4512", "4513", "4554", "32601", "32760", "2327", "2390", "2401", "2442", "21413", "21463", "gcj02", "bd09"} {
		c, _ := proj.Parse(code)
		back, err := proj.ParseWKT(c.WKT)
		if back.Code != c.Code || back.Name() != c.Name() || (err != nil) != c.NeedsDatumShift() {
			t.Errorf("%s: read back as %s, %v", c.Code, back.Name(), err)
		}
	}
}

// Transverse Mercators that are no EPSG code: expected values from
// cs2cs +proj=longlat +ellps=GRS80 +to <the PROJ string> (and +datum=WGS84
// for the shifted one), PROJ 9.1.1.
func TestParseWKTCustomTransverseMercator(t *testing.T) {
	esri := readPrj(t, "local-cm120.5-wkt_esri.prj") // +lon_0=120.5 +x_0=300000 +ellps=GRS80
	named := strings.Replace(esri, "D_Unknown_based_on_GRS80_ellipsoid", "D_China_2000", 1)
	offset := strings.NewReplacer(`"Central_Meridian",120.5`, `"Central_Meridian",120.75`, `"False_Easting",300000.0`, `"False_Easting",50000`,
		`"False_Northing",0.0`, `"False_Northing",-3000`, `"Scale_Factor",1.0`, `"Scale_Factor",0.9999`,
		`"Latitude_Of_Origin",0.0`, `"Latitude_Of_Origin",30`).Replace(named)
	for _, c := range []struct {
		name, wkt    string
		lon, lat     float64
		wantE, wantN float64
	}{
		{"ESRI, unknown datum on GRS80", esri, 120.8644, 32.0106, 334429.4413, 3543085.8713},
		{"ESRI, CGCS2000", named, 120.8644, 32.0106, 334429.4413, 3543085.8713},
		{"origin 30°N, k 0.9999", offset, 120.8644, 32.0106, 60807.6939, 219897.8654},
		{"Beijing 1954 with TOWGS84", readPrj(t, "beijing-towgs84-wkt1.prj"), 117.2, 39.1, 517244.7072, 4329671.2159},
	} {
		crs, err := proj.ParseWKT(c.wkt)
		if err != nil || crs.Code != "" || crs.EPSG != 0 {
			t.Fatalf("%s: %s, %v", c.name, crs.Code, err)
		}
		e, n := crs.Forward(c.lon, c.lat)
		if math.Abs(e-c.wantE) > 1e-3 || math.Abs(n-c.wantN) > 1e-3 {
			t.Errorf("%s: %.4f %.4f, want %.4f %.4f", c.name, e, n, c.wantE, c.wantN)
		}
		p := crs.Unproject(orb.Point{c.wantE, c.wantN}).(orb.Point)
		if math.Abs(p[0]-c.lon) > 1e-8 || math.Abs(p[1]-c.lat) > 1e-8 {
			t.Errorf("%s: unprojected to %v", c.name, p)
		}
		t.Logf("%s: %s", c.name, crs.Name())
	}
}

func TestParseWKTRefuses(t *testing.T) {
	esri := readPrj(t, "epsg4549-wkt_esri.prj")
	for name, c := range map[string]struct{ wkt, want string }{
		"empty":      {"", "keyword"},
		"truncated":  {esri[:len(esri)/2], "WKT at byte"},
		"trailing":   {esri + "]", "after the end"},
		"projection": {strings.Replace(esri, "Gauss_Kruger", "Lambert_Conformal_Conic", 1), `"Lambert_Conformal_Conic" is not supported`},
		"feet":       {strings.Replace(esri, `UNIT["Meter",1.0]`, `UNIT["Foot_US",0.3048006096012192]`, 1), "not metres"},
		"paris":      {strings.Replace(esri, `PRIMEM["Greenwich",0.0]`, `PRIMEM["Paris",2.33722917]`, 1), "not Greenwich"},
		"no datum":   {`GEOGCS["x",PRIMEM["Greenwich",0]]`, "no DATUM"},
		"spheroid":   {`GEOGCS["x",DATUM["D_Mars",SPHEROID["Mars",3396190,169.9]]]`, "no usable SPHEROID"},
		"towgs84":    {`GEOGCS["x",DATUM["D_X",SPHEROID["Krasovsky",6378245,298.3],TOWGS84[1,2,"three"]]]`, "TOWGS84 parameter 3"},
		"wkt2":       {`GEOGCRS["WGS 84",DATUM["World Geodetic System 1984",ELLIPSOID["WGS 84",6378137,298.257223563]]]`, "not a CRS ParseWKT reads"},
		"deep":       {strings.Repeat("A[", 40) + strings.Repeat("]", 40), "nested more than"},
		"long":       {`GEOGCS["` + strings.Repeat("x", 70000) + `"]`, "more than"},
		"scale":      {strings.Replace(esri, `"Scale_Factor",1.0`, `"Scale_Factor",0`, 1), "out of range"},
	} {
		crs, err := proj.ParseWKT(c.wkt)
		if err == nil || !strings.Contains(err.Error(), c.want) || crs.Code != "" || crs.Forward != nil {
			t.Errorf("%s: %v (%s), want an error with %q", name, err, crs.Code, c.want)
		}
	}
}

func FuzzParseWKT(f *testing.F) {
	for _, name := range []string{"epsg4549-wkt_esri.prj", "epsg4528-wkt1.prj", "epsg2385-wkt1.prj", "beijing-towgs84-wkt1.prj", "epsg3857-wkt_esri.prj"} {
		b, err := os.ReadFile("testdata/prj/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := proj.ParseWKT(s)
		if err != nil && !errors.Is(err, proj.ErrNeedsDatumShift) {
			return
		}
		if c.NeedsDatumShift() != (err != nil) {
			t.Fatalf("error %v with NeedsDatumShift %v", err, c.NeedsDatumShift())
		}
		if err == nil {
			// A usable CRS converts points without panicking.
			c.Unproject(orb.Point{500000, 3500000})
			c.Project(orb.Point{120, 32})
		}
	})
}
