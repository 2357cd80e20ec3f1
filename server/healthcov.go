package server

import (
	"bytes"
	"math"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/classify"
	"github.com/community-atlas/atlas/analytics/healthcov"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// healthItem is the coverage of one region. Shares are in [0, 1], null
// without residents.
type healthItem struct {
	regionRef
	Population          int64 `json:"population"`
	CoveredPopulation   int64 `json:"covered_population"`
	UncoveredPopulation int64 `json:"uncovered_population"`
	// UnplacedPopulation lives in communities without a boundary: it
	// cannot be placed, and is left out of the shares.
	UnplacedPopulation int64 `json:"unplaced_population,omitempty"`
	// Households is the region's; CoveredHouseholds estimates those
	// covered at its mean household size.
	Households        int64    `json:"households"`
	CoveredHouseholds int64    `json:"estimated_covered_households"`
	CoveredShare      *float64 `json:"covered_share"`
	// Class and Colour place the share in the legend's classes.
	Class                   int              `json:"class"`
	Colour                  string           `json:"colour"`
	Status                  healthcov.Status `json:"status"`
	Meets                   bool             `json:"meets"`
	Communities             int              `json:"communities"`
	CommunitiesFull         int              `json:"communities_full"`
	CommunitiesPartly       int              `json:"communities_partly"`
	CommunitiesNone         int              `json:"communities_none"`
	CommunitiesMeetingShare *float64         `json:"communities_meeting_share"`
	Modes                   []healthcov.Mode `json:"modes"`
	PopulationPoints        int              `json:"population_points"`
	PointSource             healthcov.Source `json:"point_source,omitempty"`
	Estimate                bool             `json:"estimate"`
	Method                  string           `json:"method,omitempty"`
	// What-if answers only: the same figures before the change.
	BaselineCoveredPopulation *int64   `json:"baseline_covered_population,omitempty"`
	BaselineCoveredShare      *float64 `json:"baseline_covered_share,omitempty"`
	CoveredPopulationChange   *int64   `json:"covered_population_change,omitempty"`
}

// healthLegend colours covered shares: five classes of a colour-blind-safe
// diverging ColorBrewer scheme (RdYlBu), red for few covered, blue for all.
// Breaks are lower bounds; the last class is full coverage.
var (
	healthBreaks  = []float64{0, 0.5, 0.8, 0.9, 1}
	healthColours = mustColours("RdYlBu", len(healthBreaks))
)

const noDataColour = "#cccccc"

func mustColours(name string, k int) []string {
	c, err := classify.Colours(name, k)
	if err != nil {
		panic(err) // a fixed palette: a test catches this
	}
	return c
}

type healthLegend struct {
	Breaks       []float64 `json:"breaks"`
	Colours      []string  `json:"colours"`
	NoDataColour string    `json:"no_data_colour"`
}

// healthList is the answer of the coverage endpoints.
type healthList struct {
	Items         []healthItem               `json:"items"`
	Minutes       float64                    `json:"minutes"`
	Mode          healthcov.Mode             `json:"mode,omitempty"`
	RuralMode     healthcov.Mode             `json:"rural_mode"`
	FacilityTypes []analytics.FacilityType   `json:"facility_types"`
	SpeedsKmh     map[healthcov.Mode]float64 `json:"speeds_kmh"`
	DetourFactor  float64                    `json:"detour_factor"`
	Estimate      bool                       `json:"estimate"`
	Method        string                     `json:"method,omitempty"`
	Legend        healthLegend               `json:"legend"`
}

func newHealthItem(r *analytics.Region, s healthcov.Summary) healthItem {
	it := healthItem{regionRef: newRegionRef(r), Population: s.Population,
		CoveredPopulation: int64(math.Round(s.Covered)), Status: s.Status(), Meets: s.Meets(),
		Communities: s.Communities, CommunitiesFull: s.Full, CommunitiesPartly: s.Partly, CommunitiesNone: s.None,
		Modes: s.Modes(), PopulationPoints: s.Points, PointSource: s.Source, Estimate: s.Estimated > 0,
		Method: s.Method(), Class: -1, Colour: noDataColour}
	it.UncoveredPopulation = max(s.Placed-it.CoveredPopulation, 0)
	it.UnplacedPopulation = s.Population - s.Placed
	// Households at the region's mean household size: leaders count
	// people in households.
	if r.Population > 0 {
		size := float64(r.Households) / float64(r.Population)
		it.Households = r.Households
		it.CoveredHouseholds = int64(math.Round(float64(it.CoveredPopulation) * size))
	}
	if sh, ok := s.Share(); ok {
		v := round(sh, 6)
		it.CoveredShare = &v
		it.Class = healthClass(sh)
		it.Colour = healthColours[it.Class]
	}
	if ms, ok := s.MeetingShare(); ok {
		v := round(ms, 6)
		it.CommunitiesMeetingShare = &v
	}
	return it
}

func newHealthList(o healthcov.Options, regions []*analytics.Region, sums []healthcov.Summary) healthList {
	out := healthList{Items: make([]healthItem, len(regions)), Minutes: o.Minutes, Mode: o.Mode,
		RuralMode: o.RuralMode, FacilityTypes: o.Types, DetourFactor: healthcov.Detour,
		SpeedsKmh: map[healthcov.Mode]float64{}, Legend: healthLegend{healthBreaks, healthColours, noDataColour}}
	if len(out.FacilityTypes) == 0 {
		out.FacilityTypes = healthcov.HealthTypes
	}
	for _, m := range healthcov.Modes {
		out.SpeedsKmh[m] = o.Speeds.Of(m)
	}
	var all healthcov.Summary
	estimated, points := 0, 0
	for i, r := range regions {
		out.Items[i] = newHealthItem(r, sums[i])
		estimated, points = estimated+sums[i].Estimated, points+sums[i].Points
	}
	all.Estimated, all.Points = estimated, points
	out.Estimate, out.Method = estimated > 0, all.Method()
	return out
}

// GET /api/v1/coverage/health?level=&parent=&mode=&rural_mode=&minutes=&facility_types=
func (api *API) healthCoverage(c echo.Context) error {
	s := api.snap(c)
	regions, err := api.analysisRegions(c, s)
	if err != nil {
		return err
	}
	o, err := api.queryOptions(c)
	if err != nil {
		return err
	}
	return api.cachedBody(c, s, echo.MIMEApplicationJSON, func() ([]byte, error) {
		_, cov, err := healthCoverage(s, o)
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		err = web.WriteJSON(&b, newHealthList(cov.Options, regions, cov.Regions(regions)))
		return b.Bytes(), err
	})
}

// healthClass puts a covered share in its legend class: the classes below
// full coverage are half-open ranges of healthBreaks, and full coverage
// (a share of 1) is a class of its own, the last.
func healthClass(share float64) int {
	if share >= 1 {
		return len(healthBreaks) - 1
	}
	return classify.Class(healthBreaks, share)
}
