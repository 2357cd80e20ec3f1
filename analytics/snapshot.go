package analytics

import (
	"cmp"
	"slices"
	"sync"

	"github.com/community-atlas/atlas/geo/network"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/tidwall/rtree"
)

// Snapshot is an immutable, indexed view of a whole dataset. Handlers read
// snapshots and never the store; a write builds a new snapshot and swaps it
// in, so reads never wait on a lock.
type Snapshot struct {
	Version   int64
	Catalogue *Catalogue
	// Scope is the region a restricted snapshot is limited to (Restrict);
	// empty for the whole atlas.
	Scope string

	regions    []Region // by level, then code
	byCode     map[string]int
	children   map[string][]int
	facilities []Facility
	grids      []Grid
	networks   []*network.Network
	batches    []Batch
	periods    []int
	covered    map[int]int               // period → regions with at least one observation
	obs        map[obsKey]float64        // raw data-level values
	targets    map[obsKey]TargetOverride // per-region targets (overrides)
	spatial    []rtree.RTreeG[int]       // region bounds per level of Hierarchy
	levelCount []int                     // regions per level of Hierarchy
	roots      []int                     // regions whose parent is not held (Roots)
	defLevel   Level                     // DefaultLevel, found once
	checklist  checklistIndex

	rollups sync.Map // rollupKey → *Rollups, computed on first use
	// derivation derives computed indicators' observations (see
	// WithDeriver); nil for none.
	derivation *derivation

	// With submitted values standing in (WithSubmitted): the published
	// snapshot beneath, the submitted values, the values that rest on them,
	// and a digest of the submissions for Key.
	published     *Snapshot
	submitted     map[obsKey]float64
	provisional   map[obsKey]bool
	submissionKey string
}

type obsKey struct {
	indicator string
	region    string
	period    int
}

// NewSnapshot indexes a dataset. The dataset's slices are taken over, not
// copied: the caller must not change them afterwards.
func NewSnapshot(version int64, cat *Catalogue, d *Dataset) *Snapshot {
	s := &Snapshot{
		Version:    version,
		Catalogue:  cat,
		regions:    d.Regions,
		facilities: d.Facilities,
		grids:      d.Grids,
		networks:   d.Networks,
		batches:    d.Batches,
	}
	s.indexRegions()
	s.indexObservations(d.Observations)
	s.checklist = newChecklistIndex(d.Checklist)
	s.indexTargets(d.Targets)
	slices.SortFunc(s.facilities, func(a, b Facility) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(s.grids, func(a, b Grid) int { return cmp.Compare(a.Code, b.Code) })
	slices.SortFunc(s.networks, func(a, b *network.Network) int { return cmp.Compare(a.Name, b.Name) })
	return s
}

func (s *Snapshot) indexRegions() {
	slices.SortFunc(s.regions, func(a, b Region) int {
		if c := cmp.Compare(a.Level.Depth(), b.Level.Depth()); c != 0 {
			return c
		}
		return cmp.Compare(a.Code, b.Code)
	})
	s.byCode = make(map[string]int, len(s.regions))
	s.children = make(map[string][]int)
	s.spatial = make([]rtree.RTreeG[int], len(Hierarchy))
	s.levelCount = make([]int, len(Hierarchy))
	for i, r := range s.regions {
		s.byCode[r.Code] = i
		if r.Parent != "" {
			s.children[r.Parent] = append(s.children[r.Parent], i)
		}
		if d := r.Level.Depth(); d >= 0 {
			s.levelCount[d]++
			if b := r.Geometry.Bound(); !b.IsEmpty() {
				s.spatial[d].Insert(b.Min, b.Max, i)
			}
		}
	}
	// Roots and the default level need every code indexed first.
	for i, r := range s.regions {
		if _, held := s.byCode[r.Parent]; !held {
			s.roots = append(s.roots, i)
		}
	}
	s.defLevel = s.findDefaultLevel()
}

func (s *Snapshot) indexObservations(obs []Observation) {
	s.obs = make(map[obsKey]float64, len(obs))
	type regionPeriod struct {
		region string
		period int
	}
	seen := map[regionPeriod]bool{}
	s.covered = map[int]int{}
	for _, o := range obs {
		s.obs[obsKey{o.Indicator, o.Region, o.Period}] = o.Value
		if k := (regionPeriod{o.Region, o.Period}); !seen[k] {
			seen[k] = true
			if s.covered[o.Period] == 0 {
				s.periods = append(s.periods, o.Period)
			}
			s.covered[o.Period]++
		}
	}
	slices.Sort(s.periods)
}

// Regions returns every region, ordered by level then code. The slice is
// shared: do not modify it.
func (s *Snapshot) Regions() []Region { return s.regions }

// Region returns the region with the given code.
func (s *Snapshot) Region(code string) (*Region, bool) {
	i, ok := s.byCode[code]
	if !ok {
		return nil, false
	}
	return &s.regions[i], true
}

// Children returns the direct children of a region, by code.
func (s *Snapshot) Children(code string) []*Region {
	idx := s.children[code]
	out := make([]*Region, len(idx))
	for i, j := range idx {
		out[i] = &s.regions[j]
	}
	return out
}

// LevelCount is the number of regions at level l.
func (s *Snapshot) LevelCount(l Level) int {
	if d := l.Depth(); d >= 0 {
		return s.levelCount[d]
	}
	return 0
}

// Roots returns the regions without a parent here — the province, or the
// city where no province is stored; several where the store holds several;
// the scope's region in a restricted snapshot — in order.
func (s *Snapshot) Roots() []*Region {
	out := make([]*Region, len(s.roots))
	for i, j := range s.roots {
		out[i] = &s.regions[j]
	}
	return out
}

// ChildLevel is the level of code's children, the highest where they
// differ (levels may be skipped), or "" when it has none.
func (s *Snapshot) ChildLevel(code string) Level {
	best := -1
	for _, c := range s.children[code] {
		if d := s.regions[c].Level.Depth(); best < 0 || d < best {
			best = d
		}
	}
	if best < 0 {
		return ""
	}
	return Levels[best]
}

// DefaultLevel is the level a map or comparison shows when none is asked
// for: that of the roots' children (the cities of a province, the counties
// of a city), the highest where they differ, and the roots' own level where
// no root has children.
func (s *Snapshot) DefaultLevel() Level { return s.defLevel }

func (s *Snapshot) findDefaultLevel() Level {
	var best Level
	for _, root := range s.Roots() {
		if l := s.ChildLevel(root.Code); l != "" && (best == "" || l.Depth() < best.Depth()) {
			best = l
		}
	}
	if best != "" {
		return best
	}
	if len(s.regions) > 0 {
		return s.regions[0].Level // regions are ordered by level
	}
	return County
}

// ObservationCounts counts the observations of each region that has any.
func (s *Snapshot) ObservationCounts() map[string]int {
	n := map[string]int{}
	for k := range s.obs {
		n[k.region]++
	}
	return n
}

// Within reports whether region code lies in the subtree of ancestor
// (a region is within itself).
func (s *Snapshot) Within(code, ancestor string) bool {
	for code != "" {
		if code == ancestor {
			return true
		}
		r, ok := s.Region(code)
		if !ok {
			return false
		}
		code = r.Parent
	}
	return false
}

// Select returns the regions at level (any level when empty) inside the
// subtree of parent (everywhere when empty), in order. With a parent and no
// level it returns the parent's direct children.
func (s *Snapshot) Select(level Level, parent string) []*Region {
	if level == "" && parent != "" {
		return s.Children(parent)
	}
	var out []*Region
	for i := range s.regions {
		r := &s.regions[i]
		if level != "" && r.Level != level {
			continue
		}
		if parent != "" && (r.Code == parent || !s.Within(r.Code, parent)) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// Locate returns the region at level whose polygon contains p.
func (s *Snapshot) Locate(level Level, p orb.Point) (*Region, bool) {
	d := level.Depth()
	if d < 0 {
		return nil, false
	}
	var found *Region
	s.spatial[d].Search(p, p, func(_, _ [2]float64, i int) bool {
		if planar.MultiPolygonContains(s.regions[i].Geometry, p) {
			found = &s.regions[i]
			return false
		}
		return true
	})
	return found, found != nil
}

// Facilities returns every facility, by id.
func (s *Snapshot) Facilities() []Facility { return s.facilities }

// Facility returns the facility with the given id.
func (s *Snapshot) Facility(id string) (*Facility, bool) {
	i, ok := slices.BinarySearchFunc(s.facilities, id, func(f Facility, id string) int { return cmp.Compare(f.ID, id) })
	if !ok {
		return nil, false
	}
	return &s.facilities[i], true
}

// Grids returns every grid, by code.
func (s *Snapshot) Grids() []Grid { return s.grids }

// Grid returns the grid with the given code.
func (s *Snapshot) Grid(code string) (*Grid, bool) {
	i, ok := slices.BinarySearchFunc(s.grids, code, func(g Grid, code string) int { return cmp.Compare(g.Code, code) })
	if !ok {
		return nil, false
	}
	return &s.grids[i], true
}

// Networks returns the road networks, by name.
func (s *Snapshot) Networks() []*network.Network { return s.networks }

// Batches returns the import batches in the order they were written.
func (s *Snapshot) Batches() []Batch { return s.batches }

// Periods lists the periods that have observations, ascending.
func (s *Snapshot) Periods() []int { return s.periods }

// LatestPeriod is the last period with observations, or 0.
func (s *Snapshot) LatestPeriod() int {
	if len(s.periods) == 0 {
		return 0
	}
	return s.periods[len(s.periods)-1]
}

// HasPeriod reports whether any observation is for period p.
func (s *Snapshot) HasPeriod(p int) bool {
	_, ok := slices.BinarySearch(s.periods, p)
	return ok
}
