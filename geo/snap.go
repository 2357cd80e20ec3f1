package geo

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
)

// SnapRound rounds all of mps to the given number of decimals together, so
// that polygons which share boundaries before rounding still share them,
// exactly, after: a partition stays a partition.
//
// Rounding each polygon on its own cannot do that. Where a polygon has a
// vertex on its neighbour's edge (a T-junction, or the point where a cut
// meets the outline being cut), rounding moves the vertex off the edge and
// opens a sliver, a few m² for each such vertex along a kilometre-long edge.
// SnapRound is snap rounding (Hobby, 1999) with the rounded vertices as hot
// pixels: every vertex moves to the centre of its pixel, the square of side
// 10^-decimals around the grid point it rounds to, and every edge is routed
// through the centre of each hot pixel it passes through. Two edges along
// the same line pass through the same pixels and so become the same
// polyline. The input is assumed noded, as overlay output is: edges meet
// only at vertices, so no crossing needs a pixel of its own.
//
// Rings are cleaned as by Round; a ring squeezed thinner than a pixel can
// still come out touching itself, so check the results with Validate.
func SnapRound(mps []orb.MultiPolygon, decimals int) []orb.MultiPolygon {
	scale := math.Pow(10, float64(decimals))
	half := 0.5 / scale
	var hot rtree.RTreeG[orb.Point]
	seen := map[orb.Point]bool{}
	for _, mp := range mps {
		for _, p := range mp {
			for _, r := range p {
				for _, pt := range r {
					c := RoundPoint(pt, scale)
					if !seen[c] {
						seen[c] = true
						hot.Insert(c, c, c)
					}
				}
			}
		}
	}
	out := make([]orb.MultiPolygon, len(mps))
	for i, mp := range mps {
		for _, p := range mp {
			var q orb.Polygon
			for j, r := range p {
				pts := cleanRing(snapRing(r, &hot, scale, half))
				if len(pts) < 3 || planarSignedArea(orb.Ring(pts)) == 0 {
					if j == 0 {
						break // the shell collapsed, and its holes with it
					}
					continue
				}
				q = append(q, append(orb.Ring(pts), pts[0]))
			}
			if len(q) > 0 {
				out[i] = append(out[i], q)
			}
		}
		Orient(out[i])
	}
	return out
}

// snapRing returns the open ring of r's rounded vertices with, along each
// edge, the hot pixel centres the edge passes through, in order.
func snapRing(r orb.Ring, hot *rtree.RTreeG[orb.Point], scale, half float64) []orb.Point {
	type hit struct {
		t float64
		c orb.Point
	}
	var out []orb.Point
	var hits []hit
	for i := 0; i+1 < len(r); i++ {
		a, b := r[i], r[i+1]
		ca, cb := RoundPoint(a, scale), RoundPoint(b, scale)
		out = append(out, ca)
		hits = hits[:0]
		lo := [2]float64{min(a[0], b[0]) - half, min(a[1], b[1]) - half}
		hi := [2]float64{max(a[0], b[0]) + half, max(a[1], b[1]) + half}
		hot.Search(lo, hi, func(_, _ [2]float64, c orb.Point) bool {
			if c == ca || c == cb {
				return true
			}
			if t0, t1, ok := clipToSquare(a, b, c, half); ok {
				hits = append(hits, hit{(t0 + t1) / 2, c})
			}
			return true
		})
		// Pixels do not overlap, so the middles of the stretches of the edge
		// inside them order them along it.
		sort.Slice(hits, func(x, y int) bool { return hits[x].t < hits[y].t })
		for _, h := range hits {
			out = append(out, h.c)
		}
	}
	return out
}

// clipToSquare is the Liang–Barsky clip of the segment a–b to the closed
// square of half side h around c: the parameters where the segment enters
// and leaves it, and whether it meets it at all.
func clipToSquare(a, b, c orb.Point, h float64) (t0, t1 float64, ok bool) {
	t0, t1 = 0, 1
	d := [2]float64{b[0] - a[0], b[1] - a[1]}
	for k := range 2 {
		lo, hi := c[k]-h-a[k], c[k]+h-a[k]
		if d[k] == 0 {
			if lo > 0 || hi < 0 {
				return 0, 0, false
			}
			continue
		}
		u, v := lo/d[k], hi/d[k]
		if u > v {
			u, v = v, u
		}
		t0, t1 = max(t0, u), min(t1, v)
		if t0 > t1 {
			return 0, 0, false
		}
	}
	return t0, t1, true
}
