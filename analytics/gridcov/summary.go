package gridcov

// Summary is the coverage of a region — a community, or the communities
// inside a township, county or the city — with its grids judged against a
// band. Areas are in m².
type Summary struct {
	Communities        int // communities in the region
	CommunitiesNoGrids int // communities without a grid
	CommunitiesFull    int // communities meeting the task-13 verdict

	AreaM2    float64
	CoveredM2 float64
	GapM2     float64
	OverlapM2 float64
	Gaps      int // gap polygons
	Overlaps  int // overlapping pairs of grids

	Households        int64
	HouseholdsCovered int64   // see Community.HouseholdsCovered
	GapHouseholds     float64 // estimated, see Gap

	Grids           int
	UnassignedGrids int // grids without a worker
	// HouseholdsUnassigned is the households recorded in grids without a
	// worker.
	HouseholdsUnassigned int64
	GridsBelowBand       int
	GridsAboveBand       int
	GridAreaM2           float64
	OutsideM2            float64 // grid area outside the grids' communities
}

// Summarise adds up the coverage of communities, judging grids against
// band.
func Summarise(communities []*Community, band Band) Summary {
	var s Summary
	for _, c := range communities {
		s.add(c, band)
	}
	return s
}

func (s *Summary) add(c *Community, band Band) {
	s.Communities++
	if len(c.Grids) == 0 {
		s.CommunitiesNoGrids++
	}
	if c.FullCoverage() {
		s.CommunitiesFull++
	}
	s.AreaM2 += c.AreaM2
	s.CoveredM2 += c.CoveredM2
	s.GapM2 += c.GapM2
	s.OverlapM2 += c.OverlapM2
	s.Gaps += len(c.Gaps)
	s.Overlaps += len(c.Overlaps)
	s.Households += c.Households
	s.HouseholdsCovered += c.HouseholdsCovered()
	s.GapHouseholds += c.GapHouseholds()
	for _, g := range c.Grids {
		s.Grids++
		if g.Worker == "" {
			s.UnassignedGrids++
			s.HouseholdsUnassigned += g.Households
		}
		switch band.Place(g.Households) {
		case Below:
			s.GridsBelowBand++
		case Above:
			s.GridsAboveBand++
		}
		s.GridAreaM2 += g.AreaM2
		s.OutsideM2 += g.OutsideM2
	}
}

// CoveredShare is the covered share of the region's area, in [0, 1].
func (s *Summary) CoveredShare() float64 { return ratio(s.CoveredM2, s.AreaM2) }

// OutsideShare is the share of the grids' area outside their communities.
func (s *Summary) OutsideShare() float64 { return ratio(s.OutsideM2, s.GridAreaM2) }

// FullShare is the share of communities meeting the task-13 verdict.
func (s *Summary) FullShare() float64 {
	return ratio(float64(s.CommunitiesFull), float64(s.Communities))
}

// FullCoverage is the task-13 verdict for the region: it has communities
// and every one of them is fully covered.
func (s *Summary) FullCoverage() bool {
	return s.Communities > 0 && s.CommunitiesFull == s.Communities
}

func ratio(a, b float64) float64 {
	if b <= 0 {
		return 0
	}
	return min(1, max(0, a/b))
}
