package server

import (
	"slices"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/compare"
	"github.com/community-atlas/atlas/server/charts"
	"github.com/community-atlas/atlas/server/export"
	"github.com/labstack/echo/v4"
)

// Each builder reads its parameters, builds the chart and the table of the
// data it shows (for format=csv|xlsx), and names the download after them.

func col(name, title string, t export.Type) export.Field {
	return export.Field{Name: name, Title: title, Type: t}
}

func rankingChart(c echo.Context, s *analytics.Snapshot, lang charts.Lang) (*builtChart, error) {
	ind, err := indicatorParam(c, s, true)
	if err != nil {
		return nil, err
	}
	cmp, err := comparisonParams(c, s)
	if err != nil {
		return nil, err
	}
	sc := compare.NewScorecard(s, cmp.Regions, cmp.Period)
	i := slices.IndexFunc(sc.Columns, func(col compare.Column) bool { return col.Indicator == ind.ID })
	t := &export.Table{Name: "ranking", Columns: []export.Field{col("rank", "排名 rank", export.Integer), col("code", "区划代码 code", export.String),
		col("name", "名称 region", export.String), col("value", "数值 value", export.Real), col("unit", "单位 unit", export.String),
		col("target_min", "目标下限 target_min", export.Real), col("target_max", "目标上限 target_max", export.Real),
		col("meets", "达标 meets", export.Boolean), col("gap", "差距 gap", export.Real)}}
	for _, row := range sc.Rows {
		cell := row.Cells[i]
		r := []any{integer(cell.Rank), row.Code, row.Name, float(cell.Value), sc.Columns[i].Unit, nil, nil, boolean(cell.Meets), float(cell.Gap)}
		if cell.Target != nil {
			r[5], r[6] = float(cell.Target.Min), float(cell.Target.Max)
		}
		t.Rows = append(t.Rows, r)
	}
	return &builtChart{charts.Ranking(sc, ind, cityCell(s, ind, cmp.Period), lang), t,
		fileBase("ranking", ind.ID, string(cmp.Level), cmp.Parent, strconv.Itoa(cmp.Period))}, nil
}

func heatmapChart(c echo.Context, s *analytics.Snapshot, lang charts.Lang) (*builtChart, error) {
	cmp, err := comparisonParams(c, s)
	if err != nil {
		return nil, err
	}
	sc := compare.NewScorecard(s, cmp.Regions, cmp.Period)
	t := &export.Table{Name: "scorecard", Columns: []export.Field{col("code", "区划代码 code", export.String), col("name", "名称 region", export.String),
		col("indicator", "指标代码 indicator", export.String), col("indicator_name", "指标 name", export.String),
		col("value", "数值 value", export.Real), col("meets", "达标 meets", export.Boolean), col("score", "得分 score", export.Real)}}
	for _, row := range sc.Rows {
		for i, cell := range row.Cells {
			if cell.Meets == nil {
				continue
			}
			t.Rows = append(t.Rows, []any{row.Code, row.Name, cell.Indicator, sc.Columns[i].Name.ZH, *cell.Value, *cell.Meets,
				round(100*compare.Score(*cell.Target, *cell.Value), 6)})
		}
	}
	return &builtChart{charts.Heatmap(sc, s.Catalogue, lang), t, fileBase("heatmap", string(cmp.Level), cmp.Parent, strconv.Itoa(cmp.Period))}, nil
}

func radarChart(c echo.Context, s *analytics.Snapshot, lang charts.Lang) (*builtChart, error) {
	region, err := regionParam(c, s, "region")
	if err != nil {
		return nil, err
	}
	if region == nil {
		return nil, badParam("region", "is required: the code of the region to set against the city")
	}
	city, err := cityRegion(s)
	if err != nil {
		return nil, err
	}
	period, err := periodParam(c, s)
	if err != nil {
		return nil, err
	}
	sc := compare.NewScorecard(s, []*analytics.Region{region, city}, period)
	t := &export.Table{Name: "radar", Columns: []export.Field{col("indicator", "指标代码 indicator", export.String),
		col("indicator_name", "指标 name", export.String), col("region_score", region.Name+" 得分", export.Real), col("city_score", city.Name+" 得分", export.Real)}}
	for i, rc := range sc.Rows[0].Cells {
		cc := sc.Rows[1].Cells[i]
		if rc.Meets == nil || cc.Meets == nil {
			continue
		}
		t.Rows = append(t.Rows, []any{rc.Indicator, sc.Columns[i].Name.ZH,
			round(100*compare.Score(*rc.Target, *rc.Value), 6), round(100*compare.Score(*cc.Target, *cc.Value), 6)})
	}
	return &builtChart{charts.Radar(sc, s.Catalogue, lang), t, fileBase("radar", region.Code, strconv.Itoa(period))}, nil
}

func trendChart(c echo.Context, s *analytics.Snapshot, lang charts.Lang) (*builtChart, error) {
	ind, err := indicatorParam(c, s, true)
	if err != nil {
		return nil, err
	}
	cmp, err := comparisonParams(c, s)
	if err != nil {
		return nil, err
	}
	regions := cmp.Regions
	if city, err := cityRegion(s); err == nil {
		regions = append(slices.Clone(regions), city)
	}
	periods := s.Periods()
	t := &export.Table{Name: "trend", Columns: []export.Field{col("code", "区划代码 code", export.String), col("name", "名称 region", export.String),
		col("period", "年度 period", export.Integer), col("value", "数值 value", export.Real)}}
	series := make([]charts.TrendSeries, len(regions))
	for i, r := range regions {
		series[i] = charts.TrendSeries{Name: r.Name, Values: make([]*float64, len(periods))}
		for j, p := range periods {
			if v, ok := s.Rollup(ind, p).Get(r.Code); ok {
				value := round(v.Value, 6)
				series[i].Values[j] = &value
			}
			t.Rows = append(t.Rows, []any{r.Code, r.Name, int64(p), float(series[i].Values[j])})
		}
	}
	var target *float64
	if cell := cityCell(s, ind, cmp.Period); cell != nil && cell.Target != nil {
		target = cell.Target.Min
		if cell.Target.Comparator == analytics.AtMost {
			target = cell.Target.Max
		}
	}
	return &builtChart{charts.Trend(ind, ind.UnitAt(cmp.Level), periods, series, target, lang), t,
		fileBase("trend", ind.ID, string(cmp.Level), cmp.Parent)}, nil
}

func boxplotChart(c echo.Context, s *analytics.Snapshot, lang charts.Lang) (*builtChart, error) {
	ind, err := indicatorParam(c, s, true)
	if err != nil {
		return nil, err
	}
	cmp, err := comparisonParams(c, s)
	if err != nil {
		return nil, err
	}
	spreads := compare.Distribution(s, ind, cmp.Regions, cmp.Period)
	names := []string{"n", "min", "q1", "median", "q3", "max", "mean", "lower_whisker", "upper_whisker"}
	t := &export.Table{Name: "distribution", Columns: []export.Field{col("code", "区划代码 code", export.String), col("name", "名称 region", export.String)}}
	for _, n := range names {
		typ := export.Real
		if n == "n" {
			typ = export.Integer
		}
		t.Columns = append(t.Columns, col(n, n, typ))
	}
	t.Columns = append(t.Columns, col("outliers", "离群值 outliers", export.String))
	for _, sp := range spreads {
		var out []string
		for _, o := range sp.Outliers {
			out = append(out, o.Code+"="+strconv.FormatFloat(o.Value, 'f', -1, 64))
		}
		t.Rows = append(t.Rows, []any{sp.Code, sp.Name, int64(sp.N), float(sp.Min), float(sp.Q1), float(sp.Median), float(sp.Q3),
			float(sp.Max), float(sp.Mean), float(sp.LowerWhisker), float(sp.UpperWhisker), strings.Join(out, " ")})
	}
	return &builtChart{charts.Boxplot(ind, cmp.Period, spreads, lang), t,
		fileBase("boxplot", ind.ID, string(cmp.Level), cmp.Parent, strconv.Itoa(cmp.Period))}, nil
}

// attainmentChart: ?by=department (default) or task.
func attainmentChart(c echo.Context, s *analytics.Snapshot, lang charts.Lang) (*builtChart, error) {
	by := c.QueryParam("by")
	if by != "" && by != "department" && by != "task" {
		return nil, badParam("by", "%q is not department or task", by)
	}
	cmp, err := comparisonParams(c, s)
	if err != nil {
		return nil, err
	}
	sc := compare.NewScorecard(s, cmp.Regions, cmp.Period)
	items := compare.ByDepartment(sc, s.Catalogue)
	if by == "task" {
		items = compare.ByTask(sc)
	} else {
		by = "department"
	}
	t := &export.Table{Name: "attainment", Columns: []export.Field{col("key", by, export.String), col("name", "名称 name", export.String),
		col("judged", "已评价 judged", export.Integer), col("met", "达标 met", export.Integer), col("share", "达成率 share", export.Real)}}
	for _, it := range items {
		t.Rows = append(t.Rows, []any{it.Key, it.Name.ZH, int64(it.Judged), int64(it.Met), float(it.Share)})
	}
	return &builtChart{charts.Attainment(items, by == "department", cmp.Period, lang), t,
		fileBase("attainment", by, string(cmp.Level), cmp.Parent, strconv.Itoa(cmp.Period))}, nil
}
