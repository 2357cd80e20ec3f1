package proj

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// ErrNeedsDatumShift says a CRS is on a datum (Xi'an 1980, Beijing 1954 or
// another the package does not know) whose relation to WGS 84 is not in the
// data: Parse and ParseWKT return it, wrapped in a message naming the datum,
// together with the CRS, which WithTOWGS84 makes usable.
var ErrNeedsDatumShift = errors.New("datum shift parameters needed (--towgs84 dx,dy,dz,rx,ry,rz,s)")

// datum is a geodetic datum as far as lon/lat conversion needs it. CGCS2000
// and WGS 84 agree to a few centimetres and are taken as one (wgs); any
// other datum needs its seven Helmert parameters to WGS 84.
type datum struct {
	name      string
	ellipsoid Ellipsoid
	wgs       bool
	shift     bool       // toWGS84 holds the parameters
	toWGS84   [7]float64 // position vector: m, m, m, ″, ″, ″, ppm
}

var (
	datumCGCS2000 = datum{name: "CGCS2000", ellipsoid: GRS80, wgs: true}
	datumWGS84    = datum{name: "WGS 84", ellipsoid: WGS84, wgs: true}
	datumXian     = datum{name: "Xi'an 1980", ellipsoid: IAG1975}
	datumBeijing  = datum{name: "Beijing 1954", ellipsoid: Krassovsky}
)

func (d datum) usable() bool { return d.wgs || d.shift }

// needsShift is the error for a CRS on a datum without parameters; the
// wording keeps "not a supported CRS", as export requests see it too.
func needsShift(what string, d datum) error {
	return fmt.Errorf("%s is not a supported CRS without datum parameters: %s differs from WGS 84/CGCS2000 by up to a few hundred metres and the data does not say by how much; give the seven-parameter Helmert shift to WGS 84 (metres, arc-seconds, ppm): %w",
		what, d.name, ErrNeedsDatumShift)
}

// WithTOWGS84 returns c on its own datum shifted to WGS 84 by the
// position-vector Helmert transformation p = dx, dy, dz (metres), rx, ry, rz
// (arc-seconds), s (ppm) — the convention of WKT's TOWGS84 and of PROJ —
// on c's ellipsoid (IAG 1975 for Xi'an 1980, Krassovsky for Beijing 1954).
// It is meant for the CRS Parse or ParseWKT return with ErrNeedsDatumShift;
// on a CGCS2000 or WGS 84 CRS it applies the shift all the same, and GCJ-02
// and BD-09, which are no datums, are returned unchanged.
func WithTOWGS84(c CRS, p [7]float64) CRS {
	if c.def.kind == kindGCJ02 || c.def.kind == kindBD09 {
		return c
	}
	d := c.def
	d.datum.wgs, d.datum.shift, d.datum.toWGS84 = false, true, p
	return c.with(d)
}

// helmert applies the seven parameters to an Earth-centred point, or their
// exact inverse.
func helmert(p [7]float64, x [3]float64, inverse bool) [3]float64 {
	const sec = math.Pi / 648000
	rx, ry, rz, m := p[3]*sec, p[4]*sec, p[5]*sec, 1+p[6]*1e-6
	r := [3][3]float64{{1, -rz, ry}, {rz, 1, -rx}, {-ry, rx, 1}}
	if !inverse {
		var out [3]float64
		for i := range 3 {
			out[i] = p[i] + m*(r[i][0]*x[0]+r[i][1]*x[1]+r[i][2]*x[2])
		}
		return out
	}
	b := [3]float64{(x[0] - p[0]) / m, (x[1] - p[1]) / m, (x[2] - p[2]) / m}
	return solve3(r, b)
}

// solve3 solves r·x = b by Cramer's rule.
func solve3(r [3][3]float64, b [3]float64) [3]float64 {
	det := func(m [3][3]float64) float64 {
		return m[0][0]*(m[1][1]*m[2][2]-m[1][2]*m[2][1]) - m[0][1]*(m[1][0]*m[2][2]-m[1][2]*m[2][0]) + m[0][2]*(m[1][0]*m[2][1]-m[1][1]*m[2][0])
	}
	d := det(r)
	var out [3]float64
	for c := range 3 {
		m := r
		for i := range 3 {
			m[i][c] = b[i]
		}
		out[c] = det(m) / d
	}
	return out
}

// toECEF converts lon/lat (degrees, on the ellipsoid's surface) to
// Earth-centred coordinates.
func toECEF(el Ellipsoid, lon, lat float64) [3]float64 {
	e2 := flattening(el) * (2 - flattening(el))
	sin, cos := math.Sincos(lat * rad)
	n := el.A / math.Sqrt(1-e2*sin*sin)
	return [3]float64{n * cos * math.Cos(lon*rad), n * cos * math.Sin(lon*rad), n * (1 - e2) * sin}
}

// fromECEF converts Earth-centred coordinates to lon/lat, dropping the
// height; the iteration reaches 1e-12 rad near the surface in a few steps.
func fromECEF(el Ellipsoid, x [3]float64) (lon, lat float64) {
	e2 := flattening(el) * (2 - flattening(el))
	p := math.Hypot(x[0], x[1])
	phi := math.Atan2(x[2], p*(1-e2))
	for range 10 {
		sin, cos := math.Sincos(phi)
		n := el.A / math.Sqrt(1-e2*sin*sin)
		h := p/cos - n
		next := math.Atan2(x[2], p*(1-e2*n/(n+h)))
		done := math.Abs(next-phi) < 1e-14
		phi = next
		if done {
			break
		}
	}
	return math.Atan2(x[1], x[0]) / rad, phi / rad
}

func flattening(el Ellipsoid) float64 {
	if el.InvF == 0 {
		return 0
	}
	return 1 / el.InvF
}

// shiftFuncs returns the conversions between lon/lat on d and WGS 84.
func (d datum) shiftFuncs() (toWGS, fromWGS func(lon, lat float64) (float64, float64)) {
	toWGS = func(lon, lat float64) (float64, float64) {
		return fromECEF(WGS84, helmert(d.toWGS84, toECEF(d.ellipsoid, lon, lat), false))
	}
	fromWGS = func(lon, lat float64) (float64, float64) {
		return fromECEF(d.ellipsoid, helmert(d.toWGS84, toECEF(WGS84, lon, lat), true))
	}
	return toWGS, fromWGS
}

// shiftText is p as TOWGS84 spells it, for names.
func shiftText(p [7]float64) string {
	s := make([]string, len(p))
	for i, v := range p {
		s[i] = fmtFloat(v)
	}
	return "TOWGS84[" + strings.Join(s, ",") + "]"
}
