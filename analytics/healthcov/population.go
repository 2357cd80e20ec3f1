package healthcov

import (
	"math"

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
	var out []orb.Point
	for j := 0; b.Min.Lat()+(float64(j)+0.5)*dlat <= b.Max.Lat(); j++ {
		for i := 0; b.Min.Lon()+(float64(i)+0.5)*dlon <= b.Max.Lon(); i++ {
			p := orb.Point{b.Min.Lon() + (float64(i)+0.5)*dlon, b.Min.Lat() + (float64(j)+0.5)*dlat}
			if planar.MultiPolygonContains(mp, p) {
				out = append(out, p)
			}
		}
	}
	return out, spacing
}
