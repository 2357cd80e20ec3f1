package server

import (
	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/compare"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// observationItem is one region's value of one indicator in one period.
// Value is null where no data lies beneath the region; the judgement says
// whether and how it is judged (see compare.Judgement).
type observationItem struct {
	regionRef
	Kind      analytics.Kind     `json:"kind,omitempty"`
	UnitType  analytics.UnitType `json:"unit_type,omitempty"` // townships only, as in /regions
	Indicator string             `json:"indicator"`
	Period    int                `json:"period"`
	Unit      string             `json:"unit"`
	Value     *float64           `json:"value"`
	Units     int                `json:"units"`
	compare.Judgement
	// Computed is set for a computed indicator whose value here comes from
	// the geometry (see computedItem).
	Computed *computedItem `json:"computed,omitempty"`
}

// computedItem is the provenance of a derived value and the reported value
// beside it: at the data level the derivation's method and inputs, above it
// the roll-up of derived values; Reported is what the stored data alone
// give (null without any), and Disagrees flags a difference beyond
// Tolerance or a different verdict.
type computedItem struct {
	Method    string             `json:"method"`
	Inputs    map[string]float64 `json:"inputs,omitempty"`
	Reported  *float64           `json:"reported"`
	Tolerance float64            `json:"tolerance"`
	Disagrees bool               `json:"disagrees"`
}

// newComputedItem describes a region's agreement, or is nil where the
// value is not derived.
func newComputedItem(s *analytics.Snapshot, ind *analytics.Indicator, code string, period int) *computedItem {
	a, ok := s.Agreement(ind, code, period)
	if !ok {
		return nil
	}
	it := &computedItem{Method: "rollup of derived values: " + string(ind.Rollup.Method), Tolerance: a.Tolerance, Disagrees: a.Disagrees}
	if d := a.Derivation; d != nil {
		it.Method, it.Inputs = d.Method, d.Inputs
	}
	if a.Reported != nil {
		it.Reported = rounded(a.Reported.Value)
	}
	return it
}

// observationItems lists an indicator's values for the given regions.
func observationItems(s *analytics.Snapshot, ind *analytics.Indicator, period int, regions []*analytics.Region) []observationItem {
	roll := s.Rollup(ind, period)
	items := make([]observationItem, 0, len(regions))
	for _, r := range regions {
		it := observationItem{regionRef: newRegionRef(r), Kind: r.Kind, UnitType: r.UnitType(), Indicator: ind.ID, Period: period, Unit: ind.UnitAt(r.Level)}
		if v, ok := roll.Get(r.Code); ok {
			it.Value, it.Units = rounded(v.Value), v.Units
			it.Judgement = compare.Judge(ind, r.Level, v)
			it.Computed = newComputedItem(s, ind, r.Code, period)
		}
		items = append(items, it)
	}
	return items
}

// valuesQuery is what lists and exports of indicator values read:
// ?indicator= (optional: nil stands for every indicator) and the regions
// of ?level= (county by default) inside ?parent=.
type valuesQuery struct {
	ind     *analytics.Indicator
	level   analytics.Level
	regions []*analytics.Region
}

func valuesParams(c echo.Context, s *analytics.Snapshot) (*valuesQuery, error) {
	ind, err := indicatorParam(c, s, false)
	if err != nil {
		return nil, err
	}
	level, err := levelParam(c, s.DefaultLevel())
	if err != nil {
		return nil, err
	}
	regions, err := regionsUnder(c, s, level)
	if err != nil {
		return nil, err
	}
	return &valuesQuery{ind: ind, level: level, regions: regions}, nil
}

// GET /api/v1/observations?indicator=&level=&period=&parent=
// Without an indicator, every indicator is listed.
func (api *API) listObservations(c echo.Context) error {
	s := api.snap(c)
	q, err := valuesParams(c, s)
	if err != nil {
		return err
	}
	period, err := web.PeriodParam(c, s)
	if err != nil {
		return err
	}
	items := []observationItem{}
	for _, ind := range catalogueIndicators(s, q.ind) {
		items = append(items, observationItems(s, ind, period, q.regions)...)
	}
	return web.SendJSON(c, struct {
		Period int               `json:"period"`
		Items  []observationItem `json:"items"`
	}{period, items})
}
