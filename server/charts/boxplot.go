package charts

import (
	"fmt"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/compare"
	gocharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Boxplot draws the spread of an indicator's data-level values beneath each
// region: whiskers, quartiles and median, with the outliers as points.
func Boxplot(ind *analytics.Indicator, period int, spreads []compare.Spread, lang Lang) *gocharts.BoxPlot {
	names := make([]string, len(spreads))
	boxes := make([]opts.BoxPlotData, len(spreads))
	var outliers []opts.ScatterData
	for i, sp := range spreads {
		names[i] = sp.Name
		if sp.N == 0 {
			boxes[i] = opts.BoxPlotData{Name: sp.Name, Value: []any{}}
			continue
		}
		boxes[i] = opts.BoxPlotData{Name: sp.Name, Value: []float64{*sp.LowerWhisker, *sp.Q1, *sp.Median, *sp.Q3, *sp.UpperWhisker}}
		for _, o := range sp.Outliers {
			outliers = append(outliers, opts.ScatterData{Name: o.Name, Value: []any{i, o.Value}})
		}
	}
	title := fmt.Sprintf("%s %d", lang.text(ind.Name), period)
	box := gocharts.NewBoxPlot()
	box.SetGlobalOptions(
		gocharts.WithInitializationOpts(page(title)),
		gocharts.WithTitleOpts(opts.Title{Title: title, Subtitle: lang.pick("各社区分布（箱线图，1.5倍四分位距外为离群值）", "Spread across units (box plot; outliers beyond 1.5 × IQR)")}),
		gocharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		gocharts.WithXAxisOpts(opts.XAxis{AxisLabel: &opts.AxisLabel{Rotate: 30, Interval: "0"}}),
		gocharts.WithYAxisOpts(opts.YAxis{Name: ind.Unit, Scale: opts.Bool(true)}),
		// Rotated names need the room below the axis.
		gocharts.WithGridOpts(opts.Grid{Bottom: "40", ContainLabel: opts.Bool(true)}),
	)
	box.SetXAxis(names).AddSeries(lang.pick("分布", "Spread"), boxes)
	scatter := gocharts.NewScatter()
	scatter.SetXAxis(names).AddSeries(lang.pick("离群值", "Outliers"), outliers, gocharts.WithItemStyleOpts(opts.ItemStyle{Color: colourUnmet}))
	box.Overlap(scatter)
	return box
}
