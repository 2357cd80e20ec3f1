package server

import (
	"strconv"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/gridcov"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// coverageItem is the grid coverage of one region (task 13). Shares are in
// [0, 1], areas in m².
type coverageItem struct {
	regionRef
	FullCoverage            bool    `json:"full_coverage"`
	CoveredShare            float64 `json:"covered_share"`
	AreaM2                  float64 `json:"area_m2"`
	CoveredM2               float64 `json:"covered_m2"`
	GapAreaM2               float64 `json:"gap_area_m2"`
	OverlapAreaM2           float64 `json:"overlap_area_m2"`
	Gaps                    int     `json:"gaps"`
	Overlaps                int     `json:"overlaps"`
	Households              int64   `json:"households"`
	HouseholdsCovered       int64   `json:"households_covered"`
	GapHouseholds           float64 `json:"gap_households"`
	Grids                   int     `json:"grids"`
	UnassignedGrids         int     `json:"unassigned_grids"`
	HouseholdsUnassigned    int64   `json:"households_unassigned"`
	GridsBelowBand          int     `json:"grids_below_band"`
	GridsAboveBand          int     `json:"grids_above_band"`
	OutsideAreaM2           float64 `json:"outside_area_m2"`
	OutsideShare            float64 `json:"outside_share"`
	Communities             int     `json:"communities"`
	CommunitiesFull         int     `json:"communities_full"`
	CommunitiesWithoutGrids int     `json:"communities_without_grids"`
	FullShare               float64 `json:"full_share"`
}

func newCoverageItem(r *analytics.Region, s gridcov.Summary) coverageItem {
	return coverageItem{
		regionRef: newRegionRef(r), FullCoverage: s.FullCoverage(),
		CoveredShare: round(s.CoveredShare(), 6), AreaM2: round(s.AreaM2, 1), CoveredM2: round(s.CoveredM2, 1),
		GapAreaM2: round(s.GapM2, 1), OverlapAreaM2: round(s.OverlapM2, 1), Gaps: s.Gaps, Overlaps: s.Overlaps,
		Households: s.Households, HouseholdsCovered: s.HouseholdsCovered, GapHouseholds: round(s.GapHouseholds, 1),
		Grids: s.Grids, UnassignedGrids: s.UnassignedGrids, HouseholdsUnassigned: s.HouseholdsUnassigned,
		GridsBelowBand: s.GridsBelowBand, GridsAboveBand: s.GridsAboveBand, OutsideAreaM2: round(s.OutsideM2, 1), OutsideShare: round(s.OutsideShare(), 6),
		Communities: s.Communities, CommunitiesFull: s.CommunitiesFull, CommunitiesWithoutGrids: s.CommunitiesNoGrids,
		FullShare: round(s.FullShare(), 6),
	}
}

type bandJSON struct {
	MinHouseholds int64 `json:"min_households"`
	MaxHouseholds int64 `json:"max_households"`
}

// coverageList is the answer of /coverage/grid: the items, and the rules
// they were judged by.
type coverageList struct {
	Items          []coverageItem `json:"items"`
	Band           bandJSON       `json:"band"`
	FullCoverShare float64        `json:"full_cover_share"`
}

// GET /api/v1/coverage/grid?level=&parent=&min_households=&max_households=
func (api *API) gridCoverage(c echo.Context) error {
	s := api.snap(c)
	regions, err := api.analysisRegions(c, s)
	if err != nil {
		return err
	}
	band, err := bandParam(c)
	if err != nil {
		return err
	}
	cov, err := gridcov.Of(s)
	if err != nil {
		return err
	}
	return api.cachedBody(c, s, echo.MIMEApplicationJSON, func() ([]byte, error) {
		out := coverageList{Items: make([]coverageItem, len(regions)), FullCoverShare: gridcov.FullCoverShare,
			Band: bandJSON{MinHouseholds: band.Min, MaxHouseholds: band.Max}}
		for i, r := range regions {
			out.Items[i] = newCoverageItem(r, gridcov.Summarise(cov.Communities(r.Code), band))
		}
		return marshalJSON(out)
	})
}

// analysisRegions reads ?level= and ?parent= for the analytics lists:
// level defaults to the roots' children (Snapshot.DefaultLevel), and parent
// alone lists its direct children.
func (api *API) analysisRegions(c echo.Context, s *analytics.Snapshot) ([]*analytics.Region, error) {
	def := s.DefaultLevel()
	if c.QueryParam("parent") != "" {
		def = ""
	}
	return api.selectRegions(c, s, def)
}

// bandParam reads ?min_households= and ?max_households=.
func bandParam(c echo.Context) (gridcov.Band, error) {
	return parseBand(c.QueryParam("min_households"), c.QueryParam("max_households"))
}

// parseBand reads a households-per-grid band; an empty end keeps its
// default from gridcov.DefaultBand.
func parseBand(minText, maxText string) (gridcov.Band, error) {
	b := gridcov.DefaultBand
	for _, p := range []struct {
		name, text string
		dst        *int64
	}{{"min_households", minText, &b.Min}, {"max_households", maxText, &b.Max}} {
		if p.text == "" {
			continue
		}
		n, err := strconv.ParseInt(p.text, 10, 64)
		if err != nil || n < 0 {
			return gridcov.Band{}, web.BadParam(p.name, "%q is not a whole number of households (0 or more)", p.text)
		}
		*p.dst = n
	}
	if b.Max < b.Min {
		return gridcov.Band{}, web.BadParam("max_households", "%d is below min_households %d", b.Max, b.Min)
	}
	return b, nil
}
