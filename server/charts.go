package server

import (
	"io/fs"
	"net/http"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/compare"
	"github.com/community-atlas/atlas/geo/format/table"
	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/charts"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// builtChart is a chart, the table of its data, and a name for downloads.
type builtChart struct {
	chart charts.Chart
	table *table.Table
	name  string
}

// chartBuilders build each chart kind from the request.
var chartBuilders = map[string]func(c echo.Context, s *analytics.Snapshot, lang charts.Lang) (*builtChart, error){
	"ranking":    rankingChart,
	"heatmap":    heatmapChart,
	"radar":      radarChart,
	"trend":      trendChart,
	"boxplot":    boxplotChart,
	"attainment": attainmentChart,
}

// GET /api/v1/charts/{kind}?…&format=json|html|csv|xlsx&lang=zh|en
// JSON is the ECharts option; HTML a standalone page loading ECharts and
// the page script from /vendor/echarts/, with the option as a JSON data
// block; CSV and XLSX the chart's data as a table: a data download, so,
// like /api/v1/export/, for analysts and above, and audited.
func (api *API) getChart(c echo.Context) error {
	build, ok := chartBuilders[c.Param("kind")]
	if !ok {
		return &web.NotFoundError{What: "chart", Code: c.Param("kind")}
	}
	lang := charts.Lang(c.QueryParam("lang"))
	switch lang {
	case "":
		lang = charts.ZH
	case charts.ZH, charts.EN:
	default:
		return web.BadParam("lang", "%q is not zh or en", lang)
	}
	format := c.QueryParam("format")
	switch format {
	case "", "json", "html", "csv", "xlsx":
	default:
		return web.BadParam("format", "%q is not json, html, csv or xlsx", format)
	}
	dataDownload := format == "csv" || format == "xlsx"
	if dataDownload {
		if err := needExporter(c); err != nil {
			return err
		}
	}
	s := api.snap(c)
	built, err := build(c, s, lang)
	if err != nil {
		return err
	}
	switch format {
	case "html":
		body, err := charts.Page(built.chart, lang)
		if err != nil {
			return err
		}
		return c.HTMLBlob(http.StatusOK, body)
	case "csv", "xlsx":
		if err := sendTable(c, built.table, format, built.name); err != nil {
			return err
		}
		api.audit(c, who(c).name(), "export", c.Request().URL.RequestURI())
		return nil
	}
	body, err := charts.Option(built.chart)
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, body)
}

// topRegion is the top of the hierarchy: the province, or the city where
// no province is stored (the first root where there are several).
func topRegion(s *analytics.Snapshot) (*analytics.Region, error) {
	roots := s.Roots()
	if len(roots) == 0 {
		return nil, &web.NotFoundError{What: "region", Code: "(the top of the hierarchy)"}
	}
	return roots[0], nil
}

// topCell is the top region's cell on an indicator (see topRegion).
func topCell(s *analytics.Snapshot, ind *analytics.Indicator, period int) *compare.Cell {
	city, err := topRegion(s)
	if err != nil {
		return nil
	}
	sc := compare.NewScorecard(s, []*analytics.Region{city}, period)
	return &sc.Rows[0].Cells[sc.ColumnOf(ind.ID)]
}

// vendorAssets serves the embedded ECharts under /vendor/echarts/.
func vendorAssets() echo.HandlerFunc {
	sub, _ := fs.Sub(charts.Assets, "assets") // a constant path inside the embedded tree
	h := http.StripPrefix(charts.AssetsPath, http.FileServer(http.FS(sub)))
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "public, max-age=86400")
		h.ServeHTTP(c.Response(), c.Request())
		return nil
	}
}

// needExporter refuses a data download to a principal below analyst. The
// route's policy lets viewers see charts; only the format makes a request
// a download, so the check is here rather than in the policy table.
func needExporter(c echo.Context) error {
	if p := who(c); p == nil || !p.Role.Allows(auth.Analyst) {
		return needRole(string(auth.Analyst))
	}
	return nil
}
