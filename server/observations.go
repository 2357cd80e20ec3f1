package server

import (
	"github.com/community-atlas/atlas/analytics"
	"github.com/labstack/echo/v4"
)

// targetItem is the bound a value is judged against.
type targetItem struct {
	Comparator analytics.Comparator `json:"comparator"`
	Min        *float64             `json:"min,omitempty"`
	Max        *float64             `json:"max,omitempty"`
}

// observationItem is one region's value of one indicator in one period.
// Value is null where no data lies beneath the region; Meets and Gap are
// null where the target does not apply at the region's level.
type observationItem struct {
	Code      string          `json:"code"`
	Name      string          `json:"name"`
	Level     analytics.Level `json:"level"`
	Parent    string          `json:"parent"`
	Kind      analytics.Kind  `json:"kind,omitempty"`
	Indicator string          `json:"indicator"`
	Period    int             `json:"period"`
	Unit      string          `json:"unit"`
	Value     *float64        `json:"value"`
	Units     int             `json:"units"`
	Target    *targetItem     `json:"target"`
	Meets     *bool           `json:"meets"`
	Gap       *float64        `json:"gap"`
}

// observationItems lists an indicator's values for the given regions.
func observationItems(s *analytics.Snapshot, ind *analytics.Indicator, period int, regions []*analytics.Region) []observationItem {
	roll := s.Rollup(ind, period)
	items := make([]observationItem, 0, len(regions))
	for _, r := range regions {
		it := observationItem{
			Code: r.Code, Name: r.Name, Level: r.Level, Parent: r.Parent, Kind: r.Kind,
			Indicator: ind.ID, Period: period, Unit: ind.UnitAt(r.Level),
		}
		if v, ok := roll.Get(r.Code); ok {
			value := round(v.Value, 6)
			it.Value, it.Units = &value, v.Units
			it.Target = &targetItem{Comparator: ind.Comparator(r.Level), Min: roundPtr(v.Target.Min), Max: roundPtr(v.Target.Max)}
			if v.Judged {
				meets, gap := v.Meets, round(v.Gap, 6)
				it.Meets, it.Gap = &meets, &gap
			}
		}
		items = append(items, it)
	}
	return items
}

func roundPtr(p *float64) *float64 {
	if p == nil {
		return nil
	}
	v := round(*p, 6)
	return &v
}

// GET /api/v1/observations?indicator=&level=&period=&parent=
// Without an indicator, every indicator is listed.
func (api *API) listObservations(c echo.Context) error {
	s := api.snap(c)
	ind, err := indicatorParam(c, s, false)
	if err != nil {
		return err
	}
	regions, err := api.selectRegions(c, s, analytics.County)
	if err != nil {
		return err
	}
	period, err := periodParam(c, s)
	if err != nil {
		return err
	}
	indicators := []*analytics.Indicator{ind}
	if ind == nil {
		indicators = indicators[:0]
		for i := range s.Catalogue.Indicators {
			indicators = append(indicators, &s.Catalogue.Indicators[i])
		}
	}
	var items []observationItem
	for _, ind := range indicators {
		items = append(items, observationItems(s, ind, period, regions)...)
	}
	if items == nil {
		items = []observationItem{}
	}
	return sendJSON(c, struct {
		Period int               `json:"period"`
		Items  []observationItem `json:"items"`
	}{period, items})
}
