package importer

import (
	"fmt"
	"math"

	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
)

// maxVertices caps one geometry's vertices: a boundary this detailed is not a
// community polygon, and it would slow every tile and overlay.
const maxVertices = 200_000

// normalise turns a GeoJSON geometry into a valid MultiPolygon, applying only
// repairs that cannot change what the polygon means: closing an open ring,
// dropping repeated consecutive points, and orienting shells
// counter-clockwise and holes clockwise. Anything else that is invalid —
// self-intersections, holes outside their shell, overlapping parts — is
// rejected with the reason, since guessing the intended shape could move a
// boundary.
func normalise(g orb.Geometry) (orb.MultiPolygon, error) {
	var mp orb.MultiPolygon
	switch v := g.(type) {
	case orb.Polygon:
		mp = orb.MultiPolygon{v}
	case orb.MultiPolygon:
		mp = v
	case nil:
		return nil, fmt.Errorf("geometry is missing")
	default:
		return nil, fmt.Errorf("geometry is a %s; a Polygon or MultiPolygon is needed", g.GeoJSONType())
	}
	if len(mp) == 0 {
		return nil, fmt.Errorf("geometry is empty")
	}
	out := make(orb.MultiPolygon, 0, len(mp))
	n := 0
	for i, poly := range mp {
		if len(poly) == 0 {
			return nil, fmt.Errorf("polygon %d has no rings", i+1)
		}
		var p orb.Polygon
		for j, ring := range poly {
			r, err := cleanRing(ring, j == 0)
			if err != nil {
				return nil, fmt.Errorf("polygon %d ring %d: %w", i+1, j+1, err)
			}
			n += len(r)
			p = append(p, r)
		}
		out = append(out, p)
	}
	if n > maxVertices {
		return nil, fmt.Errorf("geometry has %d vertices, more than the limit of %d", n, maxVertices)
	}
	if err := geo.Validate(out); err != nil {
		return nil, fmt.Errorf("invalid geometry: %w", err)
	}
	return out, nil
}

// cleanRing checks coordinates, closes the ring, drops repeated points and
// orients it (shells counter-clockwise, holes clockwise, as RFC 7946 says).
func cleanRing(ring orb.Ring, shell bool) (orb.Ring, error) {
	r := make(orb.Ring, 0, len(ring)+1)
	for k, p := range ring {
		if err := checkLonLat(p); err != nil {
			return nil, fmt.Errorf("point %d: %w", k+1, err)
		}
		if len(r) > 0 && r[len(r)-1] == p {
			continue
		}
		r = append(r, p)
	}
	distinct := len(r)
	if distinct > 1 && r[0] == r[len(r)-1] {
		distinct--
	}
	if distinct < 3 {
		return nil, fmt.Errorf("a ring needs at least 3 distinct points, it has %d", distinct)
	}
	if r[0] != r[len(r)-1] {
		r = append(r, r[0])
	}
	o := r.Orientation()
	if o == 0 {
		return nil, fmt.Errorf("ring has no area")
	}
	if (shell && o != orb.CCW) || (!shell && o != orb.CW) {
		r.Reverse()
	}
	return r, nil
}

// checkLonLat rejects coordinates that cannot be EPSG:4326 lon/lat — the
// usual sign of projected (metre) coordinates in a file.
func checkLonLat(p orb.Point) error {
	lon, lat := p[0], p[1]
	if math.IsNaN(lon) || math.IsNaN(lat) || math.IsInf(lon, 0) || math.IsInf(lat, 0) {
		return fmt.Errorf("coordinate is not a number")
	}
	if lon < -180 || lon > 180 || lat < -90 || lat > 90 {
		return fmt.Errorf("(%g, %g) is not a longitude/latitude in EPSG:4326 (projected coordinates?)", lon, lat)
	}
	return nil
}
