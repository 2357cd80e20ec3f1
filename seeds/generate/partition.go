package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// plane is a local plane for one parent polygon: longitudes scaled by the
// cosine of its mid-latitude, so that Voronoi cells and distances are
// measured as on the ground (a degree of longitude at 32°N is 0.85 of a
// degree of latitude).
type plane struct{ k float64 }

func planeFor(b orb.Bound) plane {
	return plane{math.Cos((b.Min[1] + b.Max[1]) / 2 * math.Pi / 180)}
}

func (p plane) fwd(q orb.Point) orb.Point { return orb.Point{q[0] * p.k, q[1]} }
func (p plane) inv(q orb.Point) orb.Point { return orb.Point{q[0] / p.k, q[1]} }

// dist2 is the squared distance between a and b in the plane, in degrees of
// latitude squared.
func (p plane) dist2(a, b orb.Point) float64 {
	dx, dy := (a[0]-b[0])*p.k, a[1]-b[1]
	return dx*dx + dy*dy
}

// kmPerDegree converts degrees of latitude to kilometres.
const kmPerDegree = 111.2

// area is a polygon with what the sampling needs: its bound and its plane.
type area struct {
	mp orb.MultiPolygon
	b  orb.Bound
	pl plane
}

func newArea(mp orb.MultiPolygon) area {
	b := mp.Bound()
	return area{mp, b, planeFor(b)}
}

func (a area) contains(p orb.Point) bool {
	return a.b.Contains(p) && planar.MultiPolygonContains(a.mp, p)
}

// uniform draws a point inside the area, uniformly in lon/lat (which is
// uniform on the ground to well within the variation of latitude here).
func (a area) uniform(r *rand.Rand) orb.Point {
	for {
		p := orb.Point{
			a.b.Min[0] + r.Float64()*(a.b.Max[0]-a.b.Min[0]),
			a.b.Min[1] + r.Float64()*(a.b.Max[1]-a.b.Min[1]),
		}
		if a.contains(p) {
			return p
		}
	}
}

// bestCandidate draws k uniform candidates and keeps the one farthest from
// all of taken (Mitchell's algorithm): points spread evenly, without a grid.
func (a area) bestCandidate(r *rand.Rand, taken []orb.Point, k int) orb.Point {
	var best orb.Point
	bestD := -1.0
	for range k {
		c := a.uniform(r)
		d := math.Inf(1)
		for _, t := range taken {
			d = min(d, a.pl.dist2(c, t))
		}
		if d > bestD {
			best, bestD = c, d
		}
	}
	return best
}

// near draws a point inside the area around centre, normally distributed
// with standard deviation sigma (degrees of latitude), at least dmin from
// every point of taken. After many misses it halves dmin, so it always
// ends.
func (a area) near(r *rand.Rand, centre orb.Point, sigma, dmin float64, taken []orb.Point) orb.Point {
	for tries := 0; ; tries++ {
		if tries > 0 && tries%60 == 0 {
			dmin /= 2
			sigma *= 1.5
		}
		p := orb.Point{centre[0] + r.NormFloat64()*sigma/a.pl.k, centre[1] + r.NormFloat64()*sigma}
		if !a.contains(p) {
			continue
		}
		ok := true
		for _, t := range taken {
			if a.pl.dist2(p, t) < dmin*dmin {
				ok = false
				break
			}
		}
		if ok {
			return p
		}
	}
}

// relax moves the sites marked movable towards the centroids of their
// Voronoi regions within the area (Lloyd's algorithm), estimated from
// samples drawn inside it: a few rounds turn random sites into an even,
// natural-looking partition. A site whose estimated centroid falls outside
// the area moves to the sample nearest that centroid instead.
func (a area) relax(r *rand.Rand, sites []orb.Point, movable []bool, perSite, rounds int) {
	samples := make([]orb.Point, perSite*len(sites))
	for i := range samples {
		samples[i] = a.uniform(r)
	}
	owner := make([]int, len(samples))
	for range rounds {
		sx := make([]float64, len(sites))
		sy := make([]float64, len(sites))
		n := make([]int, len(sites))
		for i, s := range samples {
			best, bestD := 0, math.Inf(1)
			for j, t := range sites {
				if d := a.pl.dist2(s, t); d < bestD {
					best, bestD = j, d
				}
			}
			owner[i] = best
			sx[best] += s[0]
			sy[best] += s[1]
			n[best]++
		}
		for j := range sites {
			if !movable[j] || n[j] == 0 {
				continue
			}
			c := orb.Point{sx[j] / float64(n[j]), sy[j] / float64(n[j])}
			if !a.contains(c) {
				best, bestD := sites[j], math.Inf(1)
				for i, s := range samples {
					if owner[i] == j {
						if d := a.pl.dist2(s, c); d < bestD {
							best, bestD = s, d
						}
					}
				}
				c = best
			}
			sites[j] = c
		}
	}
}

// partition divides parent among sites: each part is the Voronoi cell of
// its site (in the local plane) clipped to parent. The cells share their
// edges exactly, so the parts tile parent. A piece of a cell cut off from
// its site by the parent's shape (across a bay, say) is handed to the
// neighbour it shares most boundary with, if any, so that parts stay
// contiguous wherever the parent is. Parts are valid and unrounded: the
// whole atlas is rounded at once at the end (see snapAll).
func partition(parent orb.MultiPolygon, sites []orb.Point) ([]orb.MultiPolygon, error) {
	if len(sites) == 1 {
		return []orb.MultiPolygon{parent}, nil
	}
	a := newArea(parent)
	pad := 0.01 * max(a.b.Max[0]-a.b.Min[0], a.b.Max[1]-a.b.Min[1])
	b := orb.Bound{
		Min: a.pl.fwd(orb.Point{a.b.Min[0] - pad, a.b.Min[1] - pad}),
		Max: a.pl.fwd(orb.Point{a.b.Max[0] + pad, a.b.Max[1] + pad}),
	}
	scaled := make([]orb.Point, len(sites))
	for i, s := range sites {
		scaled[i] = a.pl.fwd(s)
	}
	cells := geo.Voronoi(scaled, b)
	pieces := make([]orb.MultiPolygon, len(sites))
	for i, c := range cells {
		if c == nil {
			return nil, fmt.Errorf("site %d %v has no Voronoi cell (repeated site?)", i, sites[i])
		}
		for j, p := range c[0] {
			c[0][j] = a.pl.inv(p)
		}
		part, err := geo.Intersection(parent, orb.MultiPolygon{c})
		if err != nil {
			return nil, fmt.Errorf("clipping cell %d: %w", i, err)
		}
		pieces[i] = part
	}
	parts, err := absorbFragments(pieces, sites)
	if err != nil {
		return nil, err
	}
	for i := range parts {
		if len(parts[i]) == 0 {
			return nil, fmt.Errorf("part %d around %v vanished", i, sites[i])
		}
	}
	return parts, nil
}

// absorbFragments gives every polygon of a part other than the one holding
// its site to the other part sharing most vertices with it (at least two,
// that is an edge), and leaves it where it is if none does.
func absorbFragments(pieces []orb.MultiPolygon, sites []orb.Point) ([]orb.MultiPolygon, error) {
	owners := map[orb.Point][]int{}
	for i, mp := range pieces {
		for _, p := range mp {
			for _, r := range p {
				for _, pt := range r {
					if o := owners[pt]; len(o) == 0 || o[len(o)-1] != i {
						owners[pt] = append(o, i)
					}
				}
			}
		}
	}
	keep := make([]orb.MultiPolygon, len(pieces))
	gifts := make([][]orb.MultiPolygon, len(pieces))
	for i, mp := range pieces {
		main := mainPolygon(mp, sites[i])
		for k, p := range mp {
			if k == main {
				keep[i] = append(keep[i], p)
				continue
			}
			to := neighbourOf(p, i, owners)
			if to < 0 {
				keep[i] = append(keep[i], p)
				continue
			}
			gifts[to] = append(gifts[to], orb.MultiPolygon{p})
		}
	}
	out := make([]orb.MultiPolygon, len(pieces))
	for i := range pieces {
		if len(gifts[i]) == 0 {
			out[i] = keep[i]
			continue
		}
		u, err := geo.UnionAll(append([]orb.MultiPolygon{keep[i]}, gifts[i]...))
		if err != nil {
			return nil, fmt.Errorf("merging fragments into part %d: %w", i, err)
		}
		out[i] = u
	}
	return out, nil
}

// mainPolygon is the index of the polygon of mp holding site, or of the
// largest if none does.
func mainPolygon(mp orb.MultiPolygon, site orb.Point) int {
	best, bestA := 0, -1.0
	for k, p := range mp {
		if planar.PolygonContains(p, site) {
			return k
		}
		if a := geo.PolygonArea(p); a > bestA {
			best, bestA = k, a
		}
	}
	return best
}

// neighbourOf is the part other than self sharing most vertices with p, or
// -1 when none shares an edge's worth.
func neighbourOf(p orb.Polygon, self int, owners map[orb.Point][]int) int {
	count := map[int]int{}
	for _, r := range p {
		for _, pt := range r[:len(r)-1] {
			for _, o := range owners[pt] {
				if o != self {
					count[o]++
				}
			}
		}
	}
	keys := make([]int, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	best, bestN := -1, 1
	for _, k := range keys {
		if count[k] > bestN {
			best, bestN = k, count[k]
		}
	}
	return best
}
