package network

import (
	"math"

	"github.com/paulmach/orb"
)

// plane is an equirectangular projection tangent at a latitude, in metres:
// exact enough for the distances of a snap or an isochrone's buffer.
type plane struct {
	lon0, lat0 float64
	kx, ky     float64 // metres per degree
}

func newPlane(origin orb.Point) plane {
	ky := metresPerDegree()
	return plane{lon0: origin.Lon(), lat0: origin.Lat(), kx: ky * math.Cos(origin.Lat()*math.Pi/180), ky: ky}
}

func (pl plane) fwd(lon, lat float64) (x, y float64) {
	return (lon - pl.lon0) * pl.kx, (lat - pl.lat0) * pl.ky
}

// closest returns the parameter t in [0, 1] of the point of segment ab
// nearest p, and the squared distance to it.
func closest(px, py, ax, ay, bx, by float64) (t, d2 float64) {
	dx, dy := bx-ax, by-ay
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = math.Min(math.Max(((px-ax)*dx+(py-ay)*dy)/l2, 0), 1)
	}
	qx, qy := ax+t*dx-px, ay+t*dy-py
	return t, qx*qx + qy*qy
}

// segDist is the distance in metres from p to segment s.
func (n *Network) segDist(s int, p orb.Point) float64 {
	_, _, d2 := n.nearestPiece(s, p)
	return math.Sqrt(d2)
}

// nearestPiece returns the piece k (from point k to k+1 of the segment's
// geometry) nearest p, the parameter along it, and the squared distance.
func (n *Network) nearestPiece(s int, p orb.Point) (k int, t, d2 float64) {
	seg := &n.Segments
	pl := newPlane(p)
	a, b := int(seg.Start[s]), int(seg.Start[s+1])
	d2 = math.Inf(1)
	ax, ay := pl.fwd(seg.Lon[a], seg.Lat[a])
	for i := a; i+1 < b; i++ {
		bx, by := pl.fwd(seg.Lon[i+1], seg.Lat[i+1])
		if ti, di := closest(0, 0, ax, ay, bx, by); di < d2 {
			k, t, d2 = i-a, ti, di
		}
		ax, ay = bx, by
	}
	return k, t, d2
}

// project returns the position of the point of segment s nearest p, as a
// fraction of the segment's length, and the point.
func (n *Network) project(s int, p orb.Point) (float64, orb.Point) {
	seg := &n.Segments
	k, t, _ := n.nearestPiece(s, p)
	a := int(seg.Start[s])
	along := 0.0
	for i := a; i < a+k; i++ {
		along += Haversine(orb.Point{seg.Lon[i], seg.Lat[i]}, orb.Point{seg.Lon[i+1], seg.Lat[i+1]})
	}
	p0 := orb.Point{seg.Lon[a+k], seg.Lat[a+k]}
	p1 := orb.Point{seg.Lon[a+k+1], seg.Lat[a+k+1]}
	q := orb.Point{p0.Lon() + t*(p1.Lon()-p0.Lon()), p0.Lat() + t*(p1.Lat()-p0.Lat())}
	along += Haversine(p0, q)
	if seg.Length[s] <= 0 {
		return 0, q
	}
	return math.Min(along/seg.Length[s], 1), q
}

// Cut returns the part of segment s between fractions a ≤ b of its length.
func (n *Network) Cut(s int, a, b float64) orb.LineString {
	seg := &n.Segments
	lo, hi := int(seg.Start[s]), int(seg.Start[s+1])
	total := seg.Length[s]
	var out orb.LineString
	along := 0.0
	for i := lo; i+1 < hi; i++ {
		p0 := orb.Point{seg.Lon[i], seg.Lat[i]}
		p1 := orb.Point{seg.Lon[i+1], seg.Lat[i+1]}
		l := Haversine(p0, p1)
		f0, f1 := along/total, (along+l)/total
		along += l
		if total <= 0 {
			f0, f1 = 0, 1
		}
		if f1 < a || f0 > b {
			continue
		}
		at := func(f float64) orb.Point {
			if f1 <= f0 {
				return p0
			}
			t := math.Min(math.Max((f-f0)/(f1-f0), 0), 1)
			return orb.Point{p0.Lon() + t*(p1.Lon()-p0.Lon()), p0.Lat() + t*(p1.Lat()-p0.Lat())}
		}
		if len(out) == 0 {
			out = append(out, at(math.Max(a, f0)))
		}
		out = append(out, at(math.Min(b, f1)))
	}
	return out
}
