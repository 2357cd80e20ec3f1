package proj

import "math"

// webMercator is EPSG:3857: the spherical Mercator on the WGS 84 semi-major
// axis, latitude clamped to the square world of web maps.
func webMercator(lon, lat float64) (x, y float64) {
	const limit = 85.06
	lat = math.Max(-limit, math.Min(limit, lat))
	return WGS84.A * lon * rad, WGS84.A * math.Log(math.Tan(math.Pi/4+lat*rad/2))
}

// webMercatorInverse inverts webMercator.
func webMercatorInverse(x, y float64) (lon, lat float64) {
	return x / WGS84.A / rad, (2*math.Atan(math.Exp(y/WGS84.A)) - math.Pi/2) / rad
}
