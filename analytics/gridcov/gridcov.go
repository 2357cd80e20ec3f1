package gridcov

import "github.com/paulmach/orb"

// FullCoverShare is the covered share at which a community counts as fully
// covered (the task-13 verdict).
const FullCoverShare = 0.999

// Band is the range of households per grid held to be right, inclusive.
type Band struct {
	Min, Max int64
}

// DefaultBand is 300–500 households per grid, the size social-governance
// grids are drawn to in practice.
var DefaultBand = Band{Min: 300, Max: 500}

// Place says where a number of households lies against a band.
type Place int8

// The places against a band.
const (
	Below Place = -1
	In    Place = 0
	Above Place = 1
)

// Place returns where n lies against b.
func (b Band) Place(n int64) Place {
	switch {
	case n < b.Min:
		return Below
	case n > b.Max:
		return Above
	}
	return In
}

// Community is the coverage of one community by its grids. Areas are in m².
type Community struct {
	Code       string
	AreaM2     float64
	Households int64
	Grids      []Grid // the community's grids, by code
	CoveredM2  float64
	GapM2      float64 // AreaM2 − CoveredM2, the sum of the gaps
	OverlapM2  float64 // the part of the community in two or more grids
	Gaps       []Gap
	Overlaps   []Overlap // by the codes of the two grids
}

// Grid is one grid of a community.
type Grid struct {
	Code       string
	Households int64
	Worker     string // empty where none is assigned
	AreaM2     float64
	OutsideM2  float64 // the part of the grid outside its community
}

// Gap is a connected part of a community that none of its grids covers.
type Gap struct {
	Geometry   orb.Polygon
	AreaM2     float64
	Households float64 // estimated: the community's households × AreaM2 / its area
}

// Overlap is the part two grids of a community share; A < B.
type Overlap struct {
	A, B     string
	Geometry orb.MultiPolygon
	AreaM2   float64
}

// CoveredShare is the share of the community's area its grids cover, in
// [0, 1]; 0 for a community without area.
func (c *Community) CoveredShare() float64 {
	if c.AreaM2 <= 0 {
		return 0
	}
	return min(1, max(0, c.CoveredM2/c.AreaM2))
}

// FullCoverage is the task-13 verdict: at least one grid and a covered share
// of at least FullCoverShare.
func (c *Community) FullCoverage() bool {
	return len(c.Grids) > 0 && c.CoveredShare() >= FullCoverShare
}

// HouseholdsInGrids is the households recorded in the community's grids.
func (c *Community) HouseholdsInGrids() int64 {
	var n int64
	for _, g := range c.Grids {
		n += g.Households
	}
	return n
}

// HouseholdsCovered is HouseholdsInGrids capped at the community's
// households: grids that overlap can count a household twice.
func (c *Community) HouseholdsCovered() int64 {
	return min(c.Households, c.HouseholdsInGrids())
}

// GapHouseholds is the estimated households of all the gaps.
func (c *Community) GapHouseholds() float64 {
	var n float64
	for _, g := range c.Gaps {
		n += g.Households
	}
	return n
}
