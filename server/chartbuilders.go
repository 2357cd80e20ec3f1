package server

import (
	"slices"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/compare"
	"github.com/community-atlas/atlas/geo/format"
	"github.com/community-atlas/atlas/geo/format/table"
	"github.com/community-atlas/atlas/server/charts"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// Each builder reads its parameters, builds the chart and the table of the
// data it shows (for format=csv|xlsx), and names the download after them.

func rankingChart(c echo.Context, s *analytics.Snapshot, lang charts.Lang) (*builtChart, error) {
	ind, cmp, err := indicatorComparison(c, s)
	if err != nil {
		return nil, err
	}
	sc := cmp.scorecard(s)
	i := sc.ColumnOf(ind.ID)
	t := &table.Table{Name: "ranking", Columns: slices.Concat([]format.Field{rankColumn, codeColumn, nameColumn, valueColumn, unitColumn}, targetColumns)}
	for _, row := range sc.Rows {
		cell := row.Cells[i]
		r := []any{integer(cell.Rank), row.Code, row.Name, float(cell.Value), sc.Columns[i].Unit}
		t.Rows = append(t.Rows, append(r, targetCells(cell.Judgement)...))
	}
	return &builtChart{charts.Ranking(sc, ind, topCell(s, ind, cmp.Period), lang), t, cmp.fileBase("ranking", ind.ID)}, nil
}

func heatmapChart(c echo.Context, s *analytics.Snapshot, lang charts.Lang) (*builtChart, error) {
	cmp, err := comparisonParams(c, s)
	if err != nil {
		return nil, err
	}
	sc := cmp.scorecard(s)
	t := &table.Table{Name: "scorecard", Columns: []format.Field{codeColumn, nameColumn, indicatorColumn, indicatorNameColumn,
		valueColumn, meetsColumn, col("score", "得分 score", format.Real)}}
	for _, row := range sc.Rows {
		for i, cell := range row.Cells {
			if cell.Meets == nil {
				continue
			}
			t.Rows = append(t.Rows, []any{row.Code, row.Name, cell.Indicator, sc.Columns[i].Name.ZH, *cell.Value, *cell.Meets, cellScore(cell)})
		}
	}
	return &builtChart{charts.Heatmap(sc, s.Catalogue, lang), t, cmp.fileBase("heatmap")}, nil
}

func radarChart(c echo.Context, s *analytics.Snapshot, lang charts.Lang) (*builtChart, error) {
	region, err := regionParam(c, s, "region")
	if err != nil {
		return nil, err
	}
	if region == nil {
		return nil, web.BadParam("region", "is required: the code of the region to set against the city")
	}
	city, err := topRegion(s)
	if err != nil {
		return nil, err
	}
	period, err := web.PeriodParam(c, s)
	if err != nil {
		return nil, err
	}
	sc := compare.NewScorecard(s, []*analytics.Region{region, city}, period)
	t := &table.Table{Name: "radar", Columns: []format.Field{indicatorColumn, indicatorNameColumn,
		col("region_score", region.Name+" 得分", format.Real), col("city_score", city.Name+" 得分", format.Real)}}
	for i, rc := range sc.Rows[0].Cells {
		cc := sc.Rows[1].Cells[i]
		if rc.Meets == nil || cc.Meets == nil {
			continue
		}
		t.Rows = append(t.Rows, []any{rc.Indicator, sc.Columns[i].Name.ZH, cellScore(rc), cellScore(cc)})
	}
	return &builtChart{charts.Radar(sc, s.Catalogue, lang), t, fileBase("radar", region.Code, strconv.Itoa(period))}, nil
}

func trendChart(c echo.Context, s *analytics.Snapshot, lang charts.Lang) (*builtChart, error) {
	ind, cmp, err := indicatorComparison(c, s)
	if err != nil {
		return nil, err
	}
	regions := cmp.Regions
	if city, err := topRegion(s); err == nil {
		regions = append(slices.Clone(regions), city)
	}
	periods := s.Periods()
	t := &table.Table{Name: "trend", Columns: []format.Field{codeColumn, nameColumn, periodColumn, valueColumn}}
	series := make([]charts.TrendSeries, len(regions))
	for i, r := range regions {
		series[i] = charts.TrendSeries{Name: r.Name, Values: make([]*float64, len(periods))}
		for j, p := range periods {
			if v, ok := s.Rollup(ind, p).Get(r.Code); ok {
				series[i].Values[j] = rounded(v.Value)
			}
			t.Rows = append(t.Rows, []any{r.Code, r.Name, int64(p), float(series[i].Values[j])})
		}
	}
	var target *float64
	if cell := topCell(s, ind, cmp.Period); cell != nil && cell.Target != nil {
		target = cell.Target.Min
		if cell.Target.Comparator == analytics.AtMost {
			target = cell.Target.Max
		}
	}
	return &builtChart{charts.Trend(ind, ind.UnitAt(cmp.Level), periods, series, target, lang), t,
		fileBase("trend", ind.ID, string(cmp.Level), cmp.Parent)}, nil
}

func boxplotChart(c echo.Context, s *analytics.Snapshot, lang charts.Lang) (*builtChart, error) {
	ind, cmp, err := indicatorComparison(c, s)
	if err != nil {
		return nil, err
	}
	spreads := compare.Distribution(s, ind, cmp.Regions, cmp.Period)
	names := []string{"n", "min", "q1", "median", "q3", "max", "mean", "lower_whisker", "upper_whisker"}
	t := &table.Table{Name: "distribution", Columns: []format.Field{codeColumn, nameColumn}}
	for _, n := range names {
		typ := format.Real
		if n == "n" {
			typ = format.Integer
		}
		t.Columns = append(t.Columns, col(n, n, typ))
	}
	t.Columns = append(t.Columns, col("outliers", "离群值 outliers", format.String))
	for _, sp := range spreads {
		var out []string
		for _, o := range sp.Outliers {
			out = append(out, o.Code+"="+strconv.FormatFloat(o.Value, 'f', -1, 64))
		}
		t.Rows = append(t.Rows, []any{sp.Code, sp.Name, int64(sp.N), float(sp.Min), float(sp.Q1), float(sp.Median), float(sp.Q3),
			float(sp.Max), float(sp.Mean), float(sp.LowerWhisker), float(sp.UpperWhisker), strings.Join(out, " ")})
	}
	return &builtChart{charts.Boxplot(ind, cmp.Period, spreads, lang), t, cmp.fileBase("boxplot", ind.ID)}, nil
}

// attainmentChart: ?by=department (default) or task.
func attainmentChart(c echo.Context, s *analytics.Snapshot, lang charts.Lang) (*builtChart, error) {
	by := c.QueryParam("by")
	if by != "" && by != "department" && by != "task" {
		return nil, web.BadParam("by", "%q is not department or task", by)
	}
	cmp, err := comparisonParams(c, s)
	if err != nil {
		return nil, err
	}
	if by == "" {
		by = "department"
	}
	items := cmp.attainmentBy(s, by == "task")
	t := &table.Table{Name: "attainment", Columns: []format.Field{col("key", by, format.String), col("name", "名称 name", format.String),
		col("judged", "已评价 judged", format.Integer), col("met", "达标 met", format.Integer), col("share", "达成率 share", format.Real)}}
	for _, it := range items {
		t.Rows = append(t.Rows, []any{it.Key, it.Name.ZH, int64(it.Judged), int64(it.Met), float(it.Share)})
	}
	return &builtChart{charts.Attainment(items, by == "department", cmp.Period, lang), t, cmp.fileBase("attainment", by)}, nil
}

// cellScore is a judged cell's score, 0–100.
func cellScore(cell compare.Cell) float64 {
	score, _ := cell.Scored()
	return round(100*score, 6)
}
