package server

import (
	"bytes"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/compare"
	"github.com/community-atlas/atlas/server/export"
	"github.com/labstack/echo/v4"
)

// tableFormats are the formats of table exports, with their media types.
var tableFormats = map[string]string{
	"csv":  "text/csv; charset=utf-8",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"json": echo.MIMEApplicationJSON,
}

// attachment names the download.
func attachment(c echo.Context, name string) {
	c.Response().Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
}

// sendTable writes t in format (csv, xlsx or json) as a download named
// base.format. The body is built before anything is sent, so a failure
// still gets an honest status.
func sendTable(c echo.Context, t *export.Table, format, base string) error {
	var buf bytes.Buffer
	var err error
	switch format {
	case "csv":
		err = t.WriteCSV(&buf)
	case "xlsx":
		err = t.WriteXLSX(&buf)
	default:
		err = t.WriteJSON(&buf)
	}
	if err != nil {
		return err
	}
	attachment(c, base+"."+format)
	return c.Blob(http.StatusOK, tableFormats[format], buf.Bytes())
}

func tableFormatParam(c echo.Context) error {
	if _, ok := tableFormats[c.Param("format")]; !ok {
		return badParam("format", "%q is not csv, xlsx or json", c.Param("format"))
	}
	return nil
}

// exportPeriods reads ?period=, which for exports may also be "all".
func exportPeriods(c echo.Context, s *analytics.Snapshot) ([]int, string, error) {
	if c.QueryParam("period") == "all" {
		return s.Periods(), "all", nil
	}
	p, err := periodParam(c, s)
	if err != nil {
		return nil, "", err
	}
	return []int{p}, strconv.Itoa(p), nil
}

var observationColumns = []export.Field{
	{Name: "indicator", Title: "指标代码 indicator", Type: export.String},
	{Name: "indicator_name", Title: "指标 name", Type: export.String},
	{Name: "code", Title: "区划代码 code", Type: export.String},
	{Name: "name", Title: "名称 region", Type: export.String},
	{Name: "level", Title: "层级 level", Type: export.String},
	{Name: "parent", Title: "上级代码 parent", Type: export.String},
	{Name: "kind", Title: "城乡 kind", Type: export.String},
	{Name: "period", Title: "年度 period", Type: export.Integer},
	{Name: "unit", Title: "单位 unit", Type: export.String},
	{Name: "value", Title: "数值 value", Type: export.Real},
	{Name: "units", Title: "基层单位数 units", Type: export.Integer},
	{Name: "comparator", Title: "比较 comparator", Type: export.String},
	{Name: "target_min", Title: "目标下限 target_min", Type: export.Real},
	{Name: "target_max", Title: "目标上限 target_max", Type: export.Real},
	{Name: "meets", Title: "达标 meets", Type: export.Boolean},
	{Name: "gap", Title: "差距 gap", Type: export.Real},
}

// GET /api/v1/export/observations.{csv,xlsx,json}?indicator=&level=&parent=&period=
// Every region of the level × indicator × period, with its value and target.
func (api *API) exportObservations(c echo.Context) error {
	if err := tableFormatParam(c); err != nil {
		return err
	}
	s := api.snap(c)
	ind, err := indicatorParam(c, s, false)
	if err != nil {
		return err
	}
	regions, err := api.selectRegions(c, s, analytics.County)
	if err != nil {
		return err
	}
	periods, periodName, err := exportPeriods(c, s)
	if err != nil {
		return err
	}
	indicators := catalogueIndicators(s, ind)
	t := &export.Table{Name: "observations", Columns: observationColumns}
	for _, p := range periods {
		for _, ind := range indicators {
			for _, it := range observationItems(s, ind, p, regions) {
				t.Rows = append(t.Rows, observationRow(ind, it))
			}
		}
	}
	level, _ := levelParam(c, analytics.County)
	return sendTable(c, t, c.Param("format"), fileBase("observations", indicatorName(ind), string(level), c.QueryParam("parent"), periodName))
}

func observationRow(ind *analytics.Indicator, it observationItem) []any {
	row := []any{ind.ID, ind.Name.ZH, it.Code, it.Name, string(it.Level), it.Parent, string(it.Kind), int64(it.Period), it.Unit,
		float(it.Value), int64(it.Units), nil, nil, nil, boolean(it.Meets), float(it.Gap)}
	if it.Target != nil {
		row[11], row[12], row[13] = string(it.Target.Comparator), float(it.Target.Min), float(it.Target.Max)
	}
	return row
}

var compareColumns = []export.Field{
	{Name: "code", Title: "区划代码 code", Type: export.String},
	{Name: "name", Title: "名称 region", Type: export.String},
	{Name: "level", Title: "层级 level", Type: export.String},
	{Name: "period", Title: "年度 period", Type: export.Integer},
	{Name: "task", Title: "任务 task", Type: export.Integer},
	{Name: "indicator", Title: "指标代码 indicator", Type: export.String},
	{Name: "indicator_name", Title: "指标 name", Type: export.String},
	{Name: "unit", Title: "单位 unit", Type: export.String},
	{Name: "value", Title: "数值 value", Type: export.Real},
	{Name: "comparator", Title: "比较 comparator", Type: export.String},
	{Name: "target_min", Title: "目标下限 target_min", Type: export.Real},
	{Name: "target_max", Title: "目标上限 target_max", Type: export.Real},
	{Name: "meets", Title: "达标 meets", Type: export.Boolean},
	{Name: "gap", Title: "差距 gap", Type: export.Real},
	{Name: "rank", Title: "排名 rank", Type: export.Integer},
	{Name: "previous", Title: "上年数值 previous", Type: export.Real},
	{Name: "change", Title: "变化 change", Type: export.Real},
}

// GET /api/v1/export/compare.{csv,xlsx,json}?level=&parent=&period=
// The scorecard in long form: one row per region × indicator.
func (api *API) exportCompare(c echo.Context) error {
	if err := tableFormatParam(c); err != nil {
		return err
	}
	s := api.snap(c)
	cmp, err := comparisonParams(c, s)
	if err != nil {
		return err
	}
	sc := compare.NewScorecard(s, cmp.Regions, cmp.Period)
	t := &export.Table{Name: "compare", Columns: compareColumns}
	for _, row := range sc.Rows {
		for i, cell := range row.Cells {
			col := sc.Columns[i]
			r := []any{row.Code, row.Name, string(row.Level), int64(sc.Period), int64(col.Task), col.Indicator, col.Name.ZH, col.Unit,
				float(cell.Value), nil, nil, nil, boolean(cell.Meets), float(cell.Gap), integer(cell.Rank), float(cell.Previous), float(cell.Change)}
			if cell.Target != nil {
				r[9], r[10], r[11] = string(cell.Target.Comparator), float(cell.Target.Min), float(cell.Target.Max)
			}
			t.Rows = append(t.Rows, r)
		}
	}
	return sendTable(c, t, c.Param("format"), fileBase("compare", string(cmp.Level), cmp.Parent, strconv.Itoa(cmp.Period)))
}

// catalogueIndicators is ind alone, or every indicator when ind is nil.
func catalogueIndicators(s *analytics.Snapshot, ind *analytics.Indicator) []*analytics.Indicator {
	if ind != nil {
		return []*analytics.Indicator{ind}
	}
	out := make([]*analytics.Indicator, len(s.Catalogue.Indicators))
	for i := range s.Catalogue.Indicators {
		out[i] = &s.Catalogue.Indicators[i]
	}
	return out
}

func indicatorName(ind *analytics.Indicator) string {
	if ind == nil {
		return "all-indicators"
	}
	return ind.ID
}

// fileBase joins the non-empty parts of a download's name with "_".
func fileBase(parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, "_")
}

// float, integer and boolean turn optional values into export cells (nil
// stays null).
func float(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func integer(p *int) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

func boolean(p *bool) any {
	if p == nil {
		return nil
	}
	return *p
}
