package proj

import "math"

// Ellipsoid is a reference ellipsoid: semi-major axis a (m) and inverse
// flattening.
type Ellipsoid struct{ A, InvF float64 }

// The ellipsoids used here.
var (
	GRS80      = Ellipsoid{6378137, 298.257222101} // CGCS2000
	WGS84      = Ellipsoid{6378137, 298.257223563}
	Krassovsky = Ellipsoid{6378245, 298.3}   // Beijing 1954
	IAG1975    = Ellipsoid{6378140, 298.257} // Xi'an 1980
)

const rad = math.Pi / 180

// TransverseMercator is a transverse Mercator projection (Gauss-Krüger).
type TransverseMercator struct {
	Ellipsoid      Ellipsoid
	Lon0, Lat0     float64 // natural origin, degrees
	K0             float64 // scale factor on the central meridian
	FalseE, FalseN float64 // metres
}

// tmSeries holds the constants of Krüger's series, to sixth order in the
// third flattening n (Karney 2011, eqs. 35 and 36): the truncation error
// is below a micrometre across a 6° zone, so PROJ's agreement is limited
// by floating point alone.
type tmSeries struct {
	e, a        float64 // eccentricity, rectifying radius
	alpha, beta [6]float64
}

func newSeries(el Ellipsoid) tmSeries {
	f := 1 / el.InvF
	n := f / (2 - f)
	n2, n3, n4, n5, n6 := n*n, n*n*n, n*n*n*n, n*n*n*n*n, n*n*n*n*n*n
	return tmSeries{
		e: math.Sqrt(f * (2 - f)),
		a: el.A / (1 + n) * (1 + n2/4 + n4/64 + n6/256),
		alpha: [6]float64{
			n/2 - 2*n2/3 + 5*n3/16 + 41*n4/180 - 127*n5/288 + 7891*n6/37800,
			13*n2/48 - 3*n3/5 + 557*n4/1440 + 281*n5/630 - 1983433*n6/1935360,
			61*n3/240 - 103*n4/140 + 15061*n5/26880 + 167603*n6/181440,
			49561*n4/161280 - 179*n5/168 + 6601661*n6/7257600,
			34729*n5/80640 - 3418889*n6/1995840,
			212378941 * n6 / 319334400,
		},
		beta: [6]float64{
			n/2 - 2*n2/3 + 37*n3/96 - n4/360 - 81*n5/512 + 96199*n6/604800,
			n2/48 + n3/15 - 437*n4/1440 + 46*n5/105 - 1118711*n6/3870720,
			17*n3/480 - 37*n4/840 - 209*n5/4480 + 5569*n6/90720,
			4397*n4/161280 - 11*n5/504 - 830251*n6/7257600,
			4583*n5/161280 - 108847*n6/3991680,
			20648693 * n6 / 638668800,
		},
	}
}

// krueger adds the series with coefficients c to (ξ, η), sign +1 for the
// forward direction and -1 for the inverse.
func krueger(c *[6]float64, sign, xi0, eta0 float64) (xi, eta float64) {
	xi, eta = xi0, eta0
	for j, a := range c {
		k := 2 * float64(j+1)
		xi += sign * a * math.Sin(k*xi0) * math.Cosh(k*eta0)
		eta += sign * a * math.Cos(k*xi0) * math.Sinh(k*eta0)
	}
	return xi, eta
}

// conformalTau is tan χ, χ the conformal latitude, for τ = tan φ
// (Karney 2011, eq. 7).
func conformalTau(e, tau float64) float64 {
	sigma := math.Sinh(e * math.Atanh(e*tau/math.Hypot(1, tau)))
	return tau*math.Hypot(1, sigma) - sigma*math.Hypot(1, tau)
}

// geodeticTau inverts conformalTau by Newton's method (Karney 2011, eqs.
// 19–21), which converges to full precision in two or three steps.
func geodeticTau(e, taup float64) float64 {
	e2m := 1 - e*e
	tau := taup / e2m
	for range 8 {
		tp := conformalTau(e, tau)
		d := (taup - tp) * (1 + e2m*tau*tau) / (e2m * math.Hypot(1, tp) * math.Hypot(1, tau))
		tau += d
		if math.Abs(d) <= 1e-14*math.Max(1, math.Abs(tau)) {
			break
		}
	}
	return tau
}

// xiEta maps latitude and longitude from the central meridian (radians) to
// the normalised transverse coordinates ξ (northing) and η (easting).
func (s tmSeries) xiEta(phi, dlam float64) (xi, eta float64) {
	t := conformalTau(s.e, math.Tan(phi))
	xi0 := math.Atan2(t, math.Cos(dlam))
	eta0 := math.Asinh(math.Sin(dlam) / math.Hypot(t, math.Cos(dlam)))
	return krueger(&s.alpha, 1, xi0, eta0)
}

// phiLam inverts xiEta.
func (s tmSeries) phiLam(xi, eta float64) (phi, dlam float64) {
	xi0, eta0 := krueger(&s.beta, -1, xi, eta)
	taup := math.Sin(xi0) / math.Hypot(math.Sinh(eta0), math.Cos(xi0))
	return math.Atan(geodeticTau(s.e, taup)), math.Atan2(math.Sinh(eta0), math.Cos(xi0))
}

// Forward projects lon/lat in degrees to easting and northing in metres.
func (p TransverseMercator) Forward(lon, lat float64) (e, n float64) {
	return p.Func()(lon, lat)
}

// Inverse converts easting and northing in metres to lon/lat in degrees.
func (p TransverseMercator) Inverse(e, n float64) (lon, lat float64) {
	return p.InverseFunc()(e, n)
}

// Func returns Forward with the series constants computed once, for
// projecting many points.
func (p TransverseMercator) Func() func(lon, lat float64) (e, n float64) {
	s := newSeries(p.Ellipsoid)
	xiOrigin, _ := s.xiEta(p.Lat0*rad, 0)
	return func(lon, lat float64) (float64, float64) {
		xi, eta := s.xiEta(lat*rad, (lon-p.Lon0)*rad)
		return p.FalseE + p.K0*s.a*eta, p.FalseN + p.K0*s.a*(xi-xiOrigin)
	}
}

// InverseFunc returns Inverse with the series constants computed once.
func (p TransverseMercator) InverseFunc() func(e, n float64) (lon, lat float64) {
	s := newSeries(p.Ellipsoid)
	xiOrigin, _ := s.xiEta(p.Lat0*rad, 0)
	return func(e, n float64) (float64, float64) {
		xi := (n-p.FalseN)/(p.K0*s.a) + xiOrigin
		eta := (e - p.FalseE) / (p.K0 * s.a)
		phi, dlam := s.phiLam(xi, eta)
		return wrapLon(p.Lon0 + dlam/rad), phi / rad
	}
}

// wrapLon brings a longitude into [-180, 180], for zones by the
// antimeridian.
func wrapLon(lon float64) float64 {
	if lon < -180 || lon > 180 {
		lon = math.Remainder(lon, 360)
	}
	return lon
}
