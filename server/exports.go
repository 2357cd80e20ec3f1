package server

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/format"
	"github.com/community-atlas/atlas/geo/format/table"
	"github.com/community-atlas/atlas/server/web"
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

// sendDownload answers with what write produces, as a download named name.
// The body is built before anything is sent, so a failure still gets an
// honest status.
func sendDownload(c echo.Context, name, mediaType string, write func(w io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	attachment(c, name)
	return c.Blob(http.StatusOK, mediaType, buf.Bytes())
}

// sendTable writes t in format (csv, xlsx or json) as a download named
// base.format.
func sendTable(c echo.Context, t *table.Table, format, base string) error {
	return sendDownload(c, base+"."+format, tableFormats[format], func(w io.Writer) error {
		switch format {
		case "csv":
			return t.WriteCSV(w)
		case "xlsx":
			return t.WriteXLSX(w)
		}
		return t.WriteJSON(w)
	})
}

// exportTable answers GET /api/v1/export/{name}.{csv,xlsx,json}: build
// reads the other parameters and makes the table and the download's name.
func (api *API) exportTable(c echo.Context, build func(echo.Context, *analytics.Snapshot) (*table.Table, string, error)) error {
	if _, ok := tableFormats[c.Param("format")]; !ok {
		return web.BadParam("format", "%q is not csv, xlsx or json", c.Param("format"))
	}
	t, base, err := build(c, api.snap(c))
	if err != nil {
		return err
	}
	return sendTable(c, t, c.Param("format"), base)
}

// exportPeriods reads ?period=, which for exports may also be "all".
func exportPeriods(c echo.Context, s *analytics.Snapshot) ([]int, string, error) {
	if c.QueryParam("period") == "all" {
		return s.Periods(), "all", nil
	}
	p, err := web.PeriodParam(c, s)
	if err != nil {
		return nil, "", err
	}
	return []int{p}, strconv.Itoa(p), nil
}

var observationColumns = slices.Concat([]format.Field{
	indicatorColumn, indicatorNameColumn, codeColumn, nameColumn, levelColumn,
	col("parent", "上级代码 parent", format.String), col("kind", "城乡 kind", format.String),
	periodColumn, unitColumn, valueColumn, col("units", "基层单位数 units", format.Integer), comparatorColumn,
}, targetColumns)

// GET /api/v1/export/observations.{csv,xlsx,json}?indicator=&level=&parent=&period=
// Every region of the level × indicator × period, with its value and target.
func (api *API) exportObservations(c echo.Context) error {
	return api.exportTable(c, observationsExport)
}

func observationsExport(c echo.Context, s *analytics.Snapshot) (*table.Table, string, error) {
	q, err := valuesParams(c, s)
	if err != nil {
		return nil, "", err
	}
	periods, periodName, err := exportPeriods(c, s)
	if err != nil {
		return nil, "", err
	}
	indicators := catalogueIndicators(s, q.ind)
	t := &table.Table{Name: "observations", Columns: observationColumns}
	for _, p := range periods {
		for _, ind := range indicators {
			for _, it := range observationItems(s, ind, p, q.regions) {
				t.Rows = append(t.Rows, observationRow(ind, it))
			}
		}
	}
	return t, fileBase("observations", indicatorName(q.ind), string(q.level), c.QueryParam("parent"), periodName), nil
}

func observationRow(ind *analytics.Indicator, it observationItem) []any {
	row := []any{ind.ID, ind.Name.ZH, it.Code, it.Name, string(it.Level), it.Parent, string(it.Kind), int64(it.Period), it.Unit,
		float(it.Value), int64(it.Units), comparatorCell(it.Target)}
	return append(row, targetCells(it.Judgement)...)
}

var compareColumns = slices.Concat([]format.Field{
	codeColumn, nameColumn, levelColumn, periodColumn, col("task", "任务 task", format.Integer),
	indicatorColumn, indicatorNameColumn, unitColumn, valueColumn, comparatorColumn,
}, targetColumns, []format.Field{
	rankColumn, col("previous", "上年数值 previous", format.Real), col("change", "变化 change", format.Real),
})

// GET /api/v1/export/compare.{csv,xlsx,json}?level=&parent=&period=
// The scorecard in long form: one row per region × indicator.
func (api *API) exportCompare(c echo.Context) error {
	return api.exportTable(c, compareExport)
}

func compareExport(c echo.Context, s *analytics.Snapshot) (*table.Table, string, error) {
	cmp, err := comparisonParams(c, s)
	if err != nil {
		return nil, "", err
	}
	sc := cmp.scorecard(s)
	t := &table.Table{Name: "compare", Columns: compareColumns}
	for _, row := range sc.Rows {
		for i, cell := range row.Cells {
			col := sc.Columns[i]
			r := []any{row.Code, row.Name, string(row.Level), int64(sc.Period), int64(col.Task), col.Indicator, col.Name.ZH, col.Unit,
				float(cell.Value), comparatorCell(cell.Target)}
			r = append(r, targetCells(cell.Judgement)...)
			t.Rows = append(t.Rows, append(r, integer(cell.Rank), float(cell.Previous), float(cell.Change)))
		}
	}
	return t, cmp.fileBase("compare"), nil
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
