package network

import "github.com/paulmach/orb"

// meets reports whether the polyline through the points lon, lat has a
// point inside box, or a straight piece crossing it (lon/lat taken as
// planar, as the box is).
func meets(lon, lat []float64, box orb.Bound) bool {
	for k := range lon {
		if box.Contains(orb.Point{lon[k], lat[k]}) {
			return true
		}
	}
	for k := 1; k < len(lon); k++ {
		if crosses(orb.Point{lon[k-1], lat[k-1]}, orb.Point{lon[k], lat[k]}, box) {
			return true
		}
	}
	return false
}

// crosses reports whether the straight piece a–b meets box (Liang and
// Barsky's clipping: the piece's parameter interval left after each of
// the box's four sides is not empty).
func crosses(a, b orb.Point, box orb.Bound) bool {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t0, t1 := 0.0, 1.0
	for _, side := range [4][2]float64{
		{-dx, a[0] - box.Min[0]}, {dx, box.Max[0] - a[0]},
		{-dy, a[1] - box.Min[1]}, {dy, box.Max[1] - a[1]},
	} {
		p, q := side[0], side[1]
		switch {
		case p == 0:
			if q < 0 {
				return false // parallel to this side and outside it
			}
		case p < 0:
			t0 = max(t0, q/p)
		default:
			t1 = min(t1, q/p)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}
