package geo

import "github.com/paulmach/orb"

// planarSignedArea is the shoelace area of r in degrees², positive for
// counter-clockwise rings; only its sign and relative size are used.
func planarSignedArea(r orb.Ring) float64 {
	n := len(r)
	if n < 3 {
		return 0
	}
	// Relative to the first vertex, the two edges at it contribute
	// nothing, so the closing edge need not be summed.
	x0, y0 := r[0][0], r[0][1]
	var sum float64
	for i := 1; i < n; i++ {
		a, b := r[i-1], r[i]
		sum += (a[0]-x0)*(b[1]-y0) - (b[0]-x0)*(a[1]-y0)
	}
	return sum / 2
}

// Orient returns mp with shells counter-clockwise and holes clockwise, the
// winding RFC 7946 asks of GeoJSON. It reverses rings in place.
func Orient(mp orb.MultiPolygon) orb.MultiPolygon {
	for _, p := range mp {
		for i, r := range p {
			ccw := planarSignedArea(r) > 0
			if ccw != (i == 0) {
				r.Reverse()
			}
		}
	}
	return mp
}
