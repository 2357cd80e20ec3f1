package proj_test

import (
	"bufio"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/geo/proj"
)

var chinaLats = []float64{18.2, 25, 31.7, 39.9, 47.5, 53.4}

// gkCase is a Gauss-Krüger zone: cs2cs takes EPSG:4490 as lat lon and
// gives these zones as northing easting.
func gkCase(code int, lon0, falseE, half float64) refCase {
	c := "EPSG:" + strconv.Itoa(code)
	return refCase{key: c, swapIn: true, swapOut: true,
		fwdArgs: []string{"-f", "%.10f", "EPSG:4490", c}, invArgs: []string{"-f", "%.10f", c, "EPSG:4490"},
		lonLat: zonePoints(lon0, half, chinaLats), grid: gridPoints(falseE, []float64{2.0e6, 3.3e6, 4.45e6, 5.9e6})}
}

// epsg4326Case is a CRS cs2cs gives easting first, from EPSG:4326 (lat lon).
func epsg4326Case(code int, pts, grid [][2]float64) refCase {
	c := "EPSG:" + strconv.Itoa(code)
	return refCase{key: c, swapIn: true, fwdArgs: []string{"-f", "%.10f", "EPSG:4326", c},
		invArgs: []string{"-f", "%.10f", c, "EPSG:4326"}, lonLat: pts, grid: grid}
}

// shiftedCase is a CRS on Xi'an 1980 or Beijing 1954 with seven
// parameters, given to cs2cs as the PROJ string of its EPSG code plus
// +towgs84, from WGS 84 lon/lat.
func shiftedCase(t *testing.T, code int, towgs84 string, pts, grid [][2]float64) refCase {
	c := "EPSG:" + strconv.Itoa(code)
	def, err := exec.Command("projinfo", "-o", "PROJ", "-q", c).Output()
	if err != nil {
		t.Fatalf("projinfo %s: %v", c, err)
	}
	local := append(strings.Fields(strings.ReplaceAll(string(def), "+type=crs", "")), "+towgs84="+towgs84)
	wgs := []string{"+proj=longlat", "+datum=WGS84", "+no_defs"}
	fwd := append(append(append([]string{"-f", "%.10f"}, wgs...), "+to"), local...)
	inv := append(append(append([]string{"-f", "%.10f"}, local...), "+to"), wgs...)
	return refCase{key: c + "+" + towgs84, fwdArgs: fwd, invArgs: inv, lonLat: pts, grid: grid}
}

func refCases(t *testing.T) []refCase {
	var cases []refCase
	for _, z := range []int{25, 40, 45} { // 3° with the zone prefix: EPSG:4513–4533
		cases = append(cases, gkCase(4513+z-25, float64(3*z), float64(z)*1e6+5e5, 1.5))
	}
	for _, z := range []int{25, 40, 45} { // 3° central meridians: EPSG:4534–4554
		cases = append(cases, gkCase(4534+z-25, float64(3*z), 5e5, 1.5))
	}
	for _, z := range []int{13, 19, 23} { // 6° with the prefix: EPSG:4491–4501, out to ±3.5°
		cases = append(cases, gkCase(4491+z-13, float64(6*z-3), float64(z)*1e6+5e5, 3.5))
	}
	for _, z := range []int{13, 20, 23} { // 6° central meridians: EPSG:4502–4512
		cases = append(cases, gkCase(4502+z-13, float64(6*z-3), 5e5, 3.5))
	}
	north := []float64{0.5, 15, 31.7, 45, 62, 79}
	cases = append(cases,
		epsg4326Case(32650, zonePoints(117, 3.5, north), gridPoints(5e5, []float64{1e5, 2.2e6, 3.5e6, 5e6, 7.7e6})),
		epsg4326Case(32601, zonePoints(-177, 3, north), gridPoints(5e5, []float64{1e5, 3.5e6, 7.7e6})),
		epsg4326Case(32750, zonePoints(117, 3, []float64{-60, -33.9, -12, -0.5}), gridPoints(5e5, []float64{3.4e6, 6.2e6, 9.95e6})),
		epsg4326Case(3857, zonePoints(0, 179.5, []float64{-84, -45, 0, 31.7, 60, 84.9}), gridPoints(1.3e7, []float64{-1.9e7, 0, 3.8e6, 1.9e7})),
		shiftedCase(t, 2385, "24,-123,-94,0.02,-0.25,-0.13,1.1", zonePoints(120, 1.5, chinaLats), gridPoints(5e5, []float64{2e6, 3.6e6, 5.9e6})),
		shiftedCase(t, 21460, "15.8,-154.4,-82.3,0,0,0,0", zonePoints(117, 3, chinaLats), gridPoints(5e5, []float64{2e6, 3.6e6, 5.9e6})),
		shiftedCase(t, 2413, "-12.3,-130.8,-79.1,-1.2,0.8,2.4,-3.2", zonePoints(111, 1.5, chinaLats), gridPoints(37.5e6, []float64{2e6, 4.4e6})),
		shiftedCase(t, 4610, "24,-123,-94,0.02,-0.25,-0.13,1.1", zonePoints(110, 20, chinaLats), [][2]float64{{73.5, 18.2}, {105, 35}, {134.7, 53.4}}),
	)
	return cases
}

// keyCRS reads a reference file key: "EPSG:4549" or "EPSG:2385+dx,…,s".
func keyCRS(t *testing.T, key string) proj.CRS {
	code, shift, shifted := strings.Cut(key, "+")
	c, err := proj.Parse(code)
	if !shifted {
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	var p [7]float64
	for i, s := range strings.Split(shift, ",") {
		p[i], _ = strconv.ParseFloat(s, 64)
	}
	return proj.WithTOWGS84(c, p)
}

// TestAgainstCS2CS compares both directions with PROJ: 1 mm in metres and
// 1e-8° (1.1 mm) in degrees.
func TestAgainstCS2CS(t *testing.T) {
	if *regen {
		writeCS2CS(t, refCases(t))
	}
	f, err := os.Open(cs2csFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	worst := map[string]float64{}
	n := 0
	for sc := bufio.NewScanner(f); sc.Scan(); {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		fields := strings.Fields(line)
		var v [4]float64
		for i := range v {
			v[i], _ = strconv.ParseFloat(fields[2+i], 64)
		}
		c := keyCRS(t, fields[1])
		dir := fields[0]
		conv := c.Forward
		if dir == "inv" {
			conv = c.Inverse
		}
		x, y := conv(v[0], v[1])
		// In degrees the longitude error shrinks with cos(latitude); the
		// error is logged in metres either way.
		degrees := dir == "inv" || c.Geographic()
		d, tol, metres := math.Max(math.Abs(x-v[2]), math.Abs(y-v[3])), 1e-3, 1.0
		if degrees {
			d, tol, metres = math.Max(math.Abs(x-v[2])*math.Cos(v[3]*math.Pi/180), math.Abs(y-v[3])), 1e-8, 111320
		}
		if d > tol {
			t.Errorf("%s %s %v %v: got %.10f %.10f, cs2cs %.10f %.10f", dir, fields[1], v[0], v[1], x, y, v[2], v[3])
		}
		d *= metres
		worst[dir+" "+fields[1]] = math.Max(worst[dir+" "+fields[1]], d)
		n++
	}
	if n < 500 {
		t.Fatalf("only %d reference points", n)
	}
	for k, w := range worst {
		t.Logf("%-60s worst %.2e m", k, w)
	}
}
