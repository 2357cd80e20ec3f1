package proj

import "math"

// Ellipsoid is a reference ellipsoid: semi-major axis a (m) and inverse
// flattening.
type Ellipsoid struct{ A, InvF float64 }

// The ellipsoids used here.
var (
	GRS80 = Ellipsoid{6378137, 298.257222101} // CGCS2000
	WGS84 = Ellipsoid{6378137, 298.257223563}
)

// TransverseMercator is a transverse Mercator projection (Gauss-Krüger).
type TransverseMercator struct {
	Ellipsoid      Ellipsoid
	Lon0, Lat0     float64 // natural origin, degrees
	K0             float64 // scale factor on the central meridian
	FalseE, FalseN float64 // metres
}

// tmSeries holds the constants of Krüger's series for one ellipsoid.
type tmSeries struct {
	e, a  float64    // eccentricity, rectifying radius
	alpha [4]float64 // coefficients of the forward series
}

func newSeries(el Ellipsoid) tmSeries {
	f := 1 / el.InvF
	n := f / (2 - f)
	n2, n3, n4 := n*n, n*n*n, n*n*n*n
	return tmSeries{
		e: math.Sqrt(f * (2 - f)),
		a: el.A / (1 + n) * (1 + n2/4 + n4/64),
		alpha: [4]float64{
			n/2 - 2*n2/3 + 5*n3/16 + 41*n4/180,
			13*n2/48 - 3*n3/5 + 557*n4/1440,
			61*n3/240 - 103*n4/140,
			49561 * n4 / 161280,
		},
	}
}

// xiEta maps latitude and longitude from the central meridian (radians) to
// the normalised transverse coordinates ξ (northing) and η (easting).
func (s tmSeries) xiEta(phi, dlam float64) (xi, eta float64) {
	t := math.Sinh(math.Atanh(math.Sin(phi)) - s.e*math.Atanh(s.e*math.Sin(phi)))
	xi0 := math.Atan2(t, math.Cos(dlam))
	eta0 := math.Atanh(math.Sin(dlam) / math.Sqrt(1+t*t))
	xi, eta = xi0, eta0
	for j, a := range s.alpha {
		k := 2 * float64(j+1)
		xi += a * math.Sin(k*xi0) * math.Cosh(k*eta0)
		eta += a * math.Cos(k*xi0) * math.Sinh(k*eta0)
	}
	return xi, eta
}

// Forward projects lon/lat in degrees to easting and northing in metres.
func (p TransverseMercator) Forward(lon, lat float64) (e, n float64) {
	return p.Func()(lon, lat)
}

// Func returns Forward with the series constants computed once, for
// projecting many points.
func (p TransverseMercator) Func() func(lon, lat float64) (e, n float64) {
	s := newSeries(p.Ellipsoid)
	rad := math.Pi / 180
	xiOrigin, _ := s.xiEta(p.Lat0*rad, 0)
	return func(lon, lat float64) (float64, float64) {
		xi, eta := s.xiEta(lat*rad, (lon-p.Lon0)*rad)
		return p.FalseE + p.K0*s.a*eta, p.FalseN + p.K0*s.a*(xi-xiOrigin)
	}
}

// webMercator is EPSG:3857: the spherical Mercator on the WGS 84 semi-major
// axis, latitude clamped to the square world of web maps.
func webMercator(lon, lat float64) (x, y float64) {
	const r, limit = 6378137.0, 85.06
	lat = math.Max(-limit, math.Min(limit, lat))
	rad := math.Pi / 180
	return r * lon * rad, r * math.Log(math.Tan(math.Pi/4+lat*rad/2))
}
