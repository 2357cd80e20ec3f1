package healthcov

import (
	"math"
	"slices"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo"
	"github.com/community-atlas/atlas/geo/network"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/tidwall/rtree"
)

// Population points. A community's population is spread evenly over its
// population points:
//
//   - homes, where the road networks map at least MinHomes dwellings inside
//     the community (buildings of residential types; see geo/network);
//   - otherwise points generated on a square lattice inside the community's
//     polygon, about LatticePoints of them with a spacing of at least
//     MinSpacing metres, at the centres of the lattice's cells (a lattice
//     anchored at the community's south-west corner, so the same polygon
//     always gives the same points);
//   - a community too thin for any lattice point gets its label point.
//
// Generated points assume residents spread evenly over the community,
// which overstates the people in its fields and understates them in its
// villages and estates; mapped homes, where there are enough of them, do
// better.
const (
	MinHomes      = 5
	LatticePoints = 128
	MinSpacing    = 50.0
	// HomeSide is the square a home stands for in uncovered clusters, in
	// metres.
	HomeSide = 50.0
)

// Source says where a community's population points come from.
type Source string

// The sources of population points.
const (
	FromHomes   Source = "homes"
	FromLattice Source = "lattice"
	FromLabel   Source = "label_point"
)

// point is one population point.
type point struct {
	p         orb.Point
	weight    float64 // residents
	community int32   // index into the model's communities
	side      float64 // metres: the square the point stands for
}

// homeIndex indexes the homes of every network.
func homeIndex(nets []*network.Network) *rtree.RTreeG[orb.Point] {
	var t rtree.RTreeG[orb.Point]
	for _, n := range nets {
		for _, h := range n.Homes {
			t.Insert(h, h, h)
		}
	}
	return &t
}

// populate returns the population points of community r (index c).
func populate(r *analytics.Region, c int32, homes *rtree.RTreeG[orb.Point]) ([]point, Source) {
	if r.Population <= 0 || len(r.Geometry) == 0 {
		return nil, ""
	}
	b := r.Geometry.Bound()
	var found []orb.Point
	homes.Search(b.Min, b.Max, func(min, _ [2]float64, h orb.Point) bool {
		if planar.MultiPolygonContains(r.Geometry, h) {
			found = append(found, h)
		}
		return true
	})
	src, side := FromHomes, HomeSide
	if len(found) < MinHomes {
		found, side = lattice(r.Geometry)
		src = FromLattice
	}
	if len(found) == 0 {
		found, side, src = []orb.Point{r.LabelPoint}, math.Sqrt(math.Max(geo.Area(r.Geometry), 1)), FromLabel
	}
	w := float64(r.Population) / float64(len(found))
	out := make([]point, len(found))
	for i, p := range found {
		out[i] = point{p: p, weight: w, community: c, side: side}
	}
	return out, src
}

// lattice returns the centres of the cells of a square lattice that lie
// inside mp, and the lattice's spacing in metres.
func lattice(mp orb.MultiPolygon) ([]orb.Point, float64) {
	area := geo.Area(mp)
	spacing := math.Max(MinSpacing, math.Sqrt(area/LatticePoints))
	b := mp.Bound()
	ky := network.EarthRadius * math.Pi / 180
	kx := ky * math.Cos(b.Center().Lat()*math.Pi/180)
	dlon, dlat := spacing/kx, spacing/ky
	bounds := make([][]orb.Bound, len(mp))
	for p, poly := range mp {
		for _, ring := range poly {
			bounds[p] = append(bounds[p], ring.Bound())
		}
	}
	var cols []column
	for i := 0; b.Min.Lon()+(float64(i)+0.5)*dlon <= b.Max.Lon(); i++ {
		cols = append(cols, newColumn(mp, bounds, b.Min.Lon()+(float64(i)+0.5)*dlon))
	}
	rows := 0
	for b.Min.Lat()+(float64(rows)+0.5)*dlat <= b.Max.Lat() {
		rows++
	}
	out := make([]orb.Point, 0, rows*len(cols))
	for j := range rows {
		y := b.Min.Lat() + (float64(j)+0.5)*dlat
		for i := range cols {
			if cols[i].contains(mp, y) {
				out = append(out, orb.Point{cols[i].x, y})
			}
		}
	}
	return out, spacing
}

// column answers planar.MultiPolygonContains for the points of one
// vertical line x = const: orb casts its ray along y, so a point is inside
// a ring when an odd number of the ring's edges that span x pass above it.
// The edges' heights at x are found once per column (O(vertices)) instead
// of once per point. A point within a hair of an edge, or a column through
// a vertex, is left to planar.MultiPolygonContains, whose rules for
// boundaries and degenerate cases this does not repeat: the answers are
// the same.
type column struct {
	x        float64
	rings    [][][]float64 // per polygon, per ring: the sorted heights of the edges spanning x
	bounds   [][]orb.Bound // per polygon, per ring (shared by the columns)
	fallback bool          // x meets a vertex
}

// nearEdge is how close (in degrees, ≈0.1 mm) a point may come to an edge
// before planar.MultiPolygonContains decides.
const nearEdge = 1e-9

// newColumn prepares the line x = const through mp, whose rings' bounds
// are given.
func newColumn(mp orb.MultiPolygon, bounds [][]orb.Bound, x float64) column {
	c := column{x: x, rings: make([][][]float64, len(mp)), bounds: bounds}
	for p, poly := range mp {
		c.rings[p] = make([][]float64, len(poly))
		for r, ring := range poly {
			var ys []float64
			for k := range ring {
				s, e := ring[k], ring[(k+1)%len(ring)]
				if s[0] == x || e[0] == x {
					c.fallback = true
					return c
				}
				if (s[0] < x) != (e[0] < x) {
					ys = append(ys, s[1]+(x-s[0])*(e[1]-s[1])/(e[0]-s[0]))
				}
			}
			slices.Sort(ys)
			c.rings[p][r] = ys
		}
	}
	return c
}

func (c *column) contains(mp orb.MultiPolygon, y float64) bool {
	if c.fallback {
		return planar.MultiPolygonContains(mp, orb.Point{c.x, y})
	}
	for p := range c.rings {
		in, unsure := c.ringContains(p, 0, y)
		if unsure {
			return planar.MultiPolygonContains(mp, orb.Point{c.x, y})
		}
		if !in {
			continue
		}
		inHole := false
		for r := 1; r < len(c.rings[p]) && !inHole; r++ {
			if inHole, unsure = c.ringContains(p, r, y); unsure {
				return planar.MultiPolygonContains(mp, orb.Point{c.x, y})
			}
		}
		if !inHole {
			return true
		}
	}
	return false
}

// ringContains is whether ring r of polygon p holds (x, y), and whether
// the point is too near an edge to say.
func (c *column) ringContains(p, r int, y float64) (in, unsure bool) {
	if !c.bounds[p][r].Contains(orb.Point{c.x, y}) {
		return false, false
	}
	ys := c.rings[p][r]
	k, _ := slices.BinarySearch(ys, y) // ys[k-1] < y <= ys[k]
	if (k < len(ys) && ys[k]-y < nearEdge) || (k > 0 && y-ys[k-1] < nearEdge) {
		return false, true
	}
	return (len(ys)-k)%2 == 1, false
}
