package charts

import (
	"fmt"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/compare"
	gocharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Heatmap is the scorecard as a grid: indicators across, regions down,
// each cell coloured by its score against the region's own target (0–100,
// compare.Score: 100 means met). Cells without a judged value stay empty.
func Heatmap(sc *compare.Scorecard, cat *analytics.Catalogue, lang Lang) *gocharts.HeatMap {
	var cols []int
	var names []string
	for i, c := range sc.Columns {
		if judgedAnywhere(sc, i) {
			cols = append(cols, i)
			ind, _ := cat.Indicator(c.Indicator)
			names = append(names, lang.text(ind.Name))
		}
	}
	regions := make([]string, len(sc.Rows))
	var data []opts.HeatMapData
	for r, row := range sc.Rows {
		regions[r] = row.Name
		for x, i := range cols {
			cell := row.Cells[i]
			score, ok := cell.Scored()
			if !ok {
				continue
			}
			score *= 100
			data = append(data, opts.HeatMapData{Name: cell.Indicator, Value: [3]any{x, r, round1(score)}})
		}
	}
	title := fmt.Sprintf("%s %d", lang.pick("目标达成记分卡", "Scorecard"), sc.Period)
	init := withHeight(page(title), 300+28*len(regions))
	init.Width = fmt.Sprintf("%dpx", max(960, 260+44*len(names)))
	hm := gocharts.NewHeatMap()
	hm.SetGlobalOptions(
		gocharts.WithInitializationOpts(init),
		gocharts.WithTitleOpts(opts.Title{Title: title, Subtitle: lang.pick("得分：达标为100，未达标按与目标之比", "Score: 100 when met, else the share of the target reached")}),
		gocharts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		gocharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		gocharts.WithGridOpts(opts.Grid{Left: "140", Right: "90", Bottom: "230", Top: "70"}),
		gocharts.WithXAxisOpts(opts.XAxis{Type: "category", Data: names, SplitArea: &opts.SplitArea{Show: opts.Bool(true)},
			AxisLabel: &opts.AxisLabel{Rotate: 50, Interval: "0", FontSize: 11}}),
		gocharts.WithYAxisOpts(opts.YAxis{Type: "category", Data: regions, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		gocharts.WithVisualMapOpts(opts.VisualMap{Calculable: opts.Bool(true), Min: 0, Max: 100, Orient: "vertical", Right: "10", Top: "middle",
			InRange: &opts.VisualMapInRange{Color: []string{colourUnmet, "#fee08b", colourMet}}}),
	)
	hm.AddSeries(lang.pick("得分", "Score"), data, gocharts.WithLabelOpts(opts.Label{Show: opts.Bool(len(regions) <= 20), FontSize: 10}))
	return hm
}

func judgedAnywhere(sc *compare.Scorecard, col int) bool {
	for _, row := range sc.Rows {
		if row.Cells[col].Meets != nil {
			return true
		}
	}
	return false
}

func round1(v float64) float64 {
	return float64(int64(v*10+0.5)) / 10
}

func withHeight(i opts.Initialization, px int) opts.Initialization {
	i.Height = fmt.Sprintf("%dpx", max(px, 360))
	return i
}
