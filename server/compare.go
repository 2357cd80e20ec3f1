package server

import (
	"strconv"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/compare"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// comparison is what every comparison endpoint reads: the regions side by
// side, the period, and which township-level units (Units, see unitsParam).
type comparison struct {
	Level   analytics.Level
	Parent  string
	Period  int
	Units   string
	Values  string // published, or provisional (see valuesSnapshot)
	Regions []*analytics.Region
}

// The values of ?units=.
const (
	unitsTownships = "townships"
	unitsAll       = "all"
)

// unitsParam reads ?units=: townships (the default) leaves the
// township-level units that are not townships (zones, farms, stations; see
// analytics.UnitType) out of a comparison, so that they are neither shown nor
// ranked among townships; all keeps them.
func unitsParam(c echo.Context) (string, error) {
	switch v := c.QueryParam("units"); v {
	case "", unitsTownships:
		return unitsTownships, nil
	case unitsAll:
		return unitsAll, nil
	default:
		return "", web.BadParam("units", "%q is not townships or all", v)
	}
}

// comparisonParams reads ?level=&parent=&period=&units=. Counties by
// default; with a parent and no level, the parent's children (the townships
// of a county).
func comparisonParams(c echo.Context, s *analytics.Snapshot) (*comparison, error) {
	parent, err := regionParam(c, s, "parent")
	if err != nil {
		return nil, err
	}
	def := s.DefaultLevel()
	if parent != nil {
		if def = s.ChildLevel(parent.Code); def == "" {
			return nil, web.BadParam("parent", "%s is a %s with no regions beneath it to compare", parent.Code, parent.Level)
		}
	}
	level, err := levelParam(c, def)
	if err != nil {
		return nil, err
	}
	period, err := web.PeriodParam(c, s)
	if err != nil {
		return nil, err
	}
	units, err := unitsParam(c)
	if err != nil {
		return nil, err
	}
	cmp := &comparison{Level: level, Period: period, Units: units, Values: valuesOf(s)}
	if parent != nil {
		if level.Depth() <= parent.Level.Depth() {
			return nil, web.BadParam("level", "%s regions do not lie inside the %s %s", level, parent.Level, parent.Code)
		}
		cmp.Parent = parent.Code
	}
	cmp.Regions = s.Select(level, cmp.Parent)
	if units == unitsTownships {
		cmp.Regions = analytics.Townships(cmp.Regions)
	}
	return cmp, nil
}

// indicatorComparison reads a required ?indicator= and the comparison.
func indicatorComparison(c echo.Context, s *analytics.Snapshot) (*analytics.Indicator, *comparison, error) {
	ind, err := indicatorParam(c, s, true)
	if err != nil {
		return nil, nil, err
	}
	cmp, err := comparisonParams(c, s)
	if err != nil {
		return nil, nil, err
	}
	return ind, cmp, nil
}

// scorecard sets the compared regions side by side.
func (cmp *comparison) scorecard(s *analytics.Snapshot) *compare.Scorecard {
	return compare.NewScorecard(s, cmp.Regions, cmp.Period)
}

// checklist tallies the compared regions' checklist entries, in the
// scorecard's order.
func (cmp *comparison) checklist(s *analytics.Snapshot) *compare.ChecklistCard {
	return compare.NewChecklistCard(s, cmp.Regions, cmp.Period)
}

// attainmentBy groups the comparison's scorecard and checklist by task
// (byTask) or by department.
func (cmp *comparison) attainmentBy(s *analytics.Snapshot, byTask bool) []compare.Attainment {
	if byTask {
		return compare.ByTask(cmp.scorecard(s), cmp.checklist(s))
	}
	return compare.ByDepartment(cmp.scorecard(s), s.Catalogue, cmp.checklist(s))
}

// fileBase names a download of the comparison: the parts, then level,
// parent and period.
func (cmp *comparison) fileBase(parts ...string) string {
	return fileBase(append(parts, string(cmp.Level), cmp.Parent, strconv.Itoa(cmp.Period))...)
}

// scorecardAnswer is GET /api/v1/compare.
type scorecardAnswer struct {
	Level  analytics.Level `json:"level"`
	Parent string          `json:"parent,omitempty"`
	Units  string          `json:"units"`
	Values string          `json:"values"`
	*compare.Scorecard
}

// GET /api/v1/compare?level=&parent=&period=
func (api *API) getScorecard(c echo.Context) error {
	s := api.snap(c)
	cmp, err := comparisonParams(c, s)
	if err != nil {
		return err
	}
	return web.SendJSON(c, scorecardAnswer{cmp.Level, cmp.Parent, cmp.Units, cmp.Values, cmp.scorecard(s)})
}

// attainmentAnswer is GET /api/v1/compare/{tasks,departments}.
type attainmentAnswer struct {
	Level  analytics.Level      `json:"level"`
	Parent string               `json:"parent,omitempty"`
	Period int                  `json:"period"`
	Values string               `json:"values"`
	Items  []compare.Attainment `json:"items"`
}

// GET /api/v1/compare/tasks?level=&parent=&period=
func (api *API) getTaskAttainment(c echo.Context) error { return api.attainment(c, true) }

// GET /api/v1/compare/departments?level=&parent=&period=
func (api *API) getDepartmentAttainment(c echo.Context) error { return api.attainment(c, false) }

// attainment answers the comparison's scorecard and checklist grouped by
// task or by department.
func (api *API) attainment(c echo.Context, byTask bool) error {
	s := api.snap(c)
	cmp, err := comparisonParams(c, s)
	if err != nil {
		return err
	}
	return web.SendJSON(c, attainmentAnswer{cmp.Level, cmp.Parent, cmp.Period, cmp.Values, cmp.attainmentBy(s, byTask)})
}

// distributionAnswer is GET /api/v1/compare/distribution.
type distributionAnswer struct {
	Level     analytics.Level  `json:"level"`
	Parent    string           `json:"parent,omitempty"`
	Period    int              `json:"period"`
	Values    string           `json:"values"`
	Indicator string           `json:"indicator"`
	DataLevel analytics.Level  `json:"data_level"`
	Unit      string           `json:"unit"`
	Items     []compare.Spread `json:"items"`
}

// GET /api/v1/compare/distribution?indicator=&level=&parent=&period=
func (api *API) getDistribution(c echo.Context) error {
	s := api.snap(c)
	ind, cmp, err := indicatorComparison(c, s)
	if err != nil {
		return err
	}
	return web.SendJSON(c, distributionAnswer{cmp.Level, cmp.Parent, cmp.Period, cmp.Values, ind.ID, ind.DataLevel, ind.Unit,
		compare.Distribution(s, ind, cmp.Regions, cmp.Period)})
}

// indexAnswer is GET /api/v1/compare/index.
type indexAnswer struct {
	Level   analytics.Level    `json:"level"`
	Parent  string             `json:"parent,omitempty"`
	Period  int                `json:"period"`
	Values  string             `json:"values"`
	Weights map[string]float64 `json:"weights"` // per task, "*" for the rest
	Items   []compare.IndexRow `json:"items"`
}

// weightsParam reads ?weights=task:weight,…
func weightsParam(c echo.Context) (compare.Weights, error) {
	w, err := compare.ParseWeights(c.QueryParam("weights"))
	if err != nil {
		return w, web.BadParam("weights", "%v", err)
	}
	return w, nil
}

// GET /api/v1/compare/index?weights=&level=&parent=&period=
func (api *API) getIndex(c echo.Context) error {
	s := api.snap(c)
	w, err := weightsParam(c)
	if err != nil {
		return err
	}
	cmp, err := comparisonParams(c, s)
	if err != nil {
		return err
	}
	weights := map[string]float64{"*": w.Default}
	for t, v := range w.Task {
		weights[formatInt(int64(t))] = v
	}
	sc := cmp.scorecard(s)
	return web.SendJSON(c, indexAnswer{cmp.Level, cmp.Parent, cmp.Period, cmp.Values, weights, compare.Index(sc, w)})
}
