package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// The WGS84 ellipsoid. CGCS2000 uses GRS80, whose flattening differs from
// WGS84 in the 12th significant digit: no area here can tell them apart.
const (
	wgs84A = 6378137.0
	wgs84F = 1 / 298.257223563
)

var (
	ellE2 = wgs84F * (2 - wgs84F) // first eccentricity squared
	ellE  = math.Sqrt(ellE2)
	// qPole is q(90°), and authalicR the radius of the sphere with the
	// ellipsoid's surface area.
	qPole     = authalicQ(1)
	authalicR = wgs84A * math.Sqrt(qPole/2)
)

// authalicQ is the function q(φ) of the authalic latitude, given sin φ:
// sin β = q(φ)/q(90°) (Snyder, Map Projections: A Working Manual, eq. 3-12).
func authalicQ(sinPhi float64) float64 {
	es := ellE * sinPhi
	return (1 - ellE2) * (sinPhi/(1-es*es) - math.Log((1-es)/(1+es))/(2*ellE))
}

// authalicY is the y coordinate, in metres, of the Lambert cylindrical
// equal-area projection of the authalic sphere at latitude lat (degrees):
// y = R·sin β, where β is the authalic latitude. Its x is R·λ.
func authalicY(lat float64) float64 {
	return authalicR * authalicQ(math.Sin(lat*math.Pi/180)) / qPole
}

// Area is the area of mp in m² on the WGS84 (or GRS80) ellipsoid.
//
// Each ring is mapped to the authalic sphere with a cylindrical equal-area
// projection (x = R·λ, y = R·sin β) and its planar area summed there: the
// projection keeps areas exact, and unlike a spherical formula it needs no
// choice of earth radius (a sphere of the equatorial radius overstates
// areas by up to 0.7%). For polygons with edges of a few kilometres, like
// the county and community boundaries here, the result agrees with PostGIS
// ST_Area(geography) to well under 0.01%. Holes subtract; ring orientation
// does not matter.
//
// An edge is taken as straight in lon/lat, as the overlay functions take
// it, not as a chord in the projection: the shoelace term of each edge uses
// the mean of y along it (three-point Gauss–Legendre, exact to rounding for
// edges of less than a degree). So an area does not change when an edge is
// split at an extra vertex, which the overlays do wherever polygons meet,
// and the parts of a partition add up to the whole to 1e-12. With chords, a
// 10 km edge split in two changes the area by thousands of m².
func Area(mp orb.MultiPolygon) float64 {
	var sum float64
	for _, p := range mp {
		sum += PolygonArea(p)
	}
	return sum
}

// PolygonArea is the ellipsoidal area of p in m²; see Area.
func PolygonArea(p orb.Polygon) float64 {
	if len(p) == 0 {
		return 0
	}
	a := math.Abs(ringSignedArea(p[0]))
	for _, h := range p[1:] {
		a -= math.Abs(ringSignedArea(h))
	}
	return a
}

// Three-point Gauss–Legendre nodes on [0, 1] and their weights.
var (
	glNodes   = [3]float64{0.5 - 0.5*math.Sqrt(0.6), 0.5, 0.5 + 0.5*math.Sqrt(0.6)}
	glWeights = [3]float64{5.0 / 18, 8.0 / 18, 5.0 / 18}
)

// ringSignedArea is the area enclosed by r in the equal-area plane, with
// edges straight in lon/lat: positive for counter-clockwise rings. The ring
// may be open or closed.
func ringSignedArea(r orb.Ring) float64 {
	n := len(r)
	if n < 3 {
		return 0
	}
	// A = Σ (x_i − x_{i+1})·ȳ_i over the edges, ȳ_i the mean y along edge
	// i. Measuring y from the first vertex changes nothing (Σ Δx = 0 round
	// a closed ring) but keeps the terms, and their rounding, small.
	y0 := authalicY(r[0][1])
	var sum float64
	for i := range n {
		a, b := r[i], r[(i+1)%n]
		dLon := a[0] - b[0]
		if dLon == 0 {
			continue // a meridian edge encloses nothing against the axis
		}
		var ybar float64
		if a[1] == b[1] {
			ybar = authalicY(a[1]) - y0
		} else {
			for k, t := range glNodes {
				ybar += glWeights[k] * (authalicY(a[1]+t*(b[1]-a[1])) - y0)
			}
		}
		sum += dLon * ybar
	}
	return sum * authalicR * math.Pi / 180
}
