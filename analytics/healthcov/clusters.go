package healthcov

import (
	"cmp"
	"math"
	"slices"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo"
	"github.com/community-atlas/atlas/geo/raster"
	"github.com/paulmach/orb"
)

// Uncovered clusters. Each uncovered population point stands for a square
// around it (its lattice cell, or HomeSide for a home); the squares are
// unioned on a raster of ClusterCell metres (coarser over a large area, up
// to ClusterMaxCells cells), and each 4-connected group is a cluster with
// the residents of its points. Squares at a community's edge reach half a
// lattice cell beyond it.
const (
	ClusterCell     = 25.0
	ClusterMaxCells = 1 << 22
)

// Cluster is a connected area of residents outside the circle.
type Cluster struct {
	Geometry    orb.Polygon
	AreaKM2     float64
	Population  float64
	Points      int
	Estimated   int      // points whose time is a straight-line estimate
	Communities []string // the communities its points belong to, by code
}

// Uncovered returns the clusters of uncovered residents in the communities
// inside region scope (everywhere for nil), the most populous first.
func (c *Coverage) Uncovered(scope *analytics.Region) []Cluster {
	m := c.m
	var idx []int
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	maxSide := 0.0
	for k, r := range m.communities {
		if scope != nil && !m.s.Within(r.Code, scope.Code) {
			continue
		}
		for i := m.start[k]; i < m.start[k+1]; i++ {
			if !c.ev.covered[i] {
				idx = append(idx, i)
				b = b.Extend(m.points[i].p)
				maxSide = math.Max(maxSide, m.points[i].side)
			}
		}
	}
	if len(idx) == 0 {
		return nil
	}
	cv := raster.NewCanvas(b, maxSide+2*ClusterCell, ClusterCell, ClusterMaxCells)
	for _, i := range idx {
		cv.Square(m.points[i].p, m.points[i].side)
	}
	polys, label := cv.Components(cv.LonLat)
	out := make([]Cluster, len(polys))
	seen := make([]map[string]bool, len(polys))
	for _, i := range idx {
		l := label(cv.CellOf(cv.XY(m.points[i].p)))
		cl := &out[l]
		cl.Population += m.points[i].weight
		cl.Points++
		if c.ev.estimated[i] {
			cl.Estimated++
		}
		code := m.communities[m.points[i].community].Code
		if seen[l] == nil {
			seen[l] = map[string]bool{}
		}
		if !seen[l][code] {
			seen[l][code] = true
			cl.Communities = append(cl.Communities, code)
		}
	}
	for l, p := range polys {
		out[l].Geometry = p
		out[l].AreaKM2 = geo.PolygonArea(p) / 1e6
		slices.Sort(out[l].Communities)
	}
	slices.SortStableFunc(out, func(a, b Cluster) int { return cmp.Compare(b.Population, a.Population) })
	return out
}
