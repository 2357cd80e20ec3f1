package server

import (
	"context"
	"slices"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// department is a responsible unit.
type department struct {
	ID string `json:"id"`
	ZH string `json:"zh"`
	EN string `json:"en"`
}

// indicatorItem is an indicator with its departments spelled out.
type indicatorItem struct {
	analytics.Indicator
	Departments []department `json:"departments"`
}

// GET /api/v1/indicators
func (api *API) listIndicators(c echo.Context) error {
	cat := api.snap(c).Catalogue
	items := make([]indicatorItem, len(cat.Indicators))
	for i, ind := range cat.Indicators {
		items[i] = indicatorItem{Indicator: ind}
		for _, d := range ind.Departments {
			t := cat.Departments[d]
			items[i].Departments = append(items[i].Departments, department{ID: d, ZH: t.ZH, EN: t.EN})
		}
	}
	return web.SendJSON(c, struct {
		Source string          `json:"source"`
		Items  []indicatorItem `json:"items"`
	}{cat.Source, items})
}

// GET /api/v1/levels
// The hierarchy's table of levels, the level views open on (the whole
// atlas's, so that a user limited to a region has the same map levels as
// everyone) and the roots (of the user's snapshot: their region).
func (api *API) listLevels(c echo.Context) error {
	s := api.snap(c)
	type root struct {
		Code string `json:"code"`
		Name string `json:"name"`
	}
	roots := []root{}
	for _, r := range s.Roots() {
		roots = append(roots, root{r.Code, r.Name})
	}
	return web.SendJSON(c, struct {
		Items   []analytics.LevelInfo `json:"items"`
		Default analytics.Level       `json:"default_level"`
		Roots   []root                `json:"roots"`
	}{analytics.Hierarchy, api.atlas.Snapshot().DefaultLevel(), roots})
}

// GET /api/v1/periods?values=
// With values=provisional, a round's year with submitted values but nothing
// published yet is listed too.
func (api *API) listPeriods(c echo.Context) error {
	s, err := api.valuesSnapshot(c, api.snap(c))
	if err != nil {
		return err
	}
	def, err := api.defaultPeriod(c.Request().Context(), s)
	if err != nil {
		return err
	}
	return web.SendJSON(c, struct {
		Items   []int `json:"items"`
		Latest  int   `json:"latest"`
		Default int   `json:"default"`
	}{append([]int{}, s.Periods()...), s.LatestPeriod(), def})
}

// defaultPeriod is the year views open on: the latest year whose round is
// published and that has data, else the latest year most regions have
// reported (Snapshot.DefaultPeriod). A round's publication writes no data,
// so this answer carries no data-version ETag.
func (api *API) defaultPeriod(ctx context.Context, s *analytics.Snapshot) (int, error) {
	rounds, err := api.atlas.Rounds(ctx)
	if err != nil {
		return 0, err
	}
	best := 0
	for _, r := range rounds {
		if r.Status == store.RoundPublished && r.Period > best && slices.Contains(s.Periods(), r.Period) {
			best = r.Period
		}
	}
	if best == 0 {
		return s.DefaultPeriod(), nil
	}
	return best, nil
}
