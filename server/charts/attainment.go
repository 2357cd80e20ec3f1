package charts

import (
	"fmt"

	"github.com/community-atlas/atlas/analytics/compare"
	gocharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Attainment draws the share of judged cells met per task or department as
// horizontal bars, in the order given (lagging first for departments), with
// the judged count in the tooltip and groups with nothing judged left out.
func Attainment(items []compare.Attainment, byDepartment bool, period int, lang Lang) *gocharts.Bar {
	var names []string
	var bars []opts.BarData
	for _, it := range items {
		if it.Share == nil {
			continue
		}
		name := lang.text(it.Name)
		names = append(names, name)
		colour := colourMet
		if *it.Share < 100 {
			colour = "#fc8d59"
		}
		if *it.Share < 50 {
			colour = colourUnmet
		}
		bars = append(bars, opts.BarData{Name: fmt.Sprintf("%s (%d/%d)", name, it.Met, it.Judged), Value: round1(*it.Share),
			ItemStyle: &opts.ItemStyle{Color: colour}})
	}
	title := fmt.Sprintf("%s %d", lang.pick("各任务目标达成率", "Attainment by task"), period)
	if byDepartment {
		title = fmt.Sprintf("%s %d", lang.pick("各责任单位目标达成率", "Attainment by department"), period)
	}
	bar := gocharts.NewBar()
	bar.SetGlobalOptions(
		gocharts.WithInitializationOpts(withHeight(page(title), 120+26*len(names))),
		gocharts.WithTitleOpts(opts.Title{Title: title, Subtitle: lang.pick("达标的指标×地区占已评价的百分比", "% of judged indicator × region cells meeting the target")}),
		gocharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "{b}: {c}%"}),
		// Long department names, wider in English: let ECharts make room.
		gocharts.WithGridOpts(opts.Grid{Left: "20", Right: "40", ContainLabel: opts.Bool(true)}),
		gocharts.WithXAxisOpts(opts.XAxis{Type: "value", Min: 0, Max: 100}),
		gocharts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
	)
	bar.SetXAxis(names).AddSeries(lang.pick("达成率", "Share met"), bars)
	bar.XYReversal()
	return bar
}
