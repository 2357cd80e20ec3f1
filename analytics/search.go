package analytics

import (
	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
)

// spatialIndex holds R-trees of facility points and grid bounds, for tiles
// and bounding-box queries. Region trees are in Snapshot.spatial.
type spatialIndex struct {
	facilities rtree.RTreeG[int]
	grids      rtree.RTreeG[int]
}

func (s *Snapshot) indexFeatures() {
	for i, f := range s.facilities {
		s.index.facilities.Insert(f.Point, f.Point, i)
	}
	for i, g := range s.grids {
		if b := g.Geometry.Bound(); !b.IsEmpty() {
			s.index.grids.Insert(b.Min, b.Max, i)
		}
	}
}

// SearchRegions returns the regions at level whose bounding boxes meet b.
func (s *Snapshot) SearchRegions(level Level, b orb.Bound) []*Region {
	d := level.Depth()
	if d < 0 {
		return nil
	}
	var out []*Region
	s.spatial[d].Search(b.Min, b.Max, func(_, _ [2]float64, i int) bool {
		out = append(out, &s.regions[i])
		return true
	})
	return out
}

// SearchFacilities returns the facilities whose points lie in b.
func (s *Snapshot) SearchFacilities(b orb.Bound) []*Facility {
	var out []*Facility
	s.index.facilities.Search(b.Min, b.Max, func(_, _ [2]float64, i int) bool {
		out = append(out, &s.facilities[i])
		return true
	})
	return out
}

// SearchGrids returns the grids whose bounding boxes meet b.
func (s *Snapshot) SearchGrids(b orb.Bound) []*Grid {
	var out []*Grid
	s.index.grids.Search(b.Min, b.Max, func(_, _ [2]float64, i int) bool {
		out = append(out, &s.grids[i])
		return true
	})
	return out
}

// Bound is the bounding box of every region, or an empty bound.
func (s *Snapshot) Bound() orb.Bound {
	var b orb.Bound
	for i, r := range s.regions {
		rb := r.Geometry.Bound()
		if i == 0 {
			b = rb
		} else {
			b = b.Union(rb)
		}
	}
	return b
}
