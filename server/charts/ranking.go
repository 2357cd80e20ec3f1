package charts

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/compare"
	gocharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Ranking is a bar per region on one indicator, best first, green where
// the region meets its own target and red where it does not, with each
// region's target as a dashed step line and the city-wide target as a
// horizontal mark line.
func Ranking(sc *compare.Scorecard, ind *analytics.Indicator, city *compare.Cell, lang Lang) *gocharts.Bar {
	col := slices.IndexFunc(sc.Columns, func(c compare.Column) bool { return c.Indicator == ind.ID })
	rows := slices.Clone(sc.Rows)
	slices.SortStableFunc(rows, func(a, b compare.Row) int { return cmp.Compare(rankKey(a.Cells[col]), rankKey(b.Cells[col])) })
	names := make([]string, len(rows))
	bars := make([]opts.BarData, len(rows))
	targets := make([]opts.LineData, len(rows))
	for i, r := range rows {
		cell := r.Cells[col]
		names[i] = r.Name
		bars[i] = opts.BarData{Name: r.Name, Value: valueOrMissing(cell.Value)}
		if cell.Meets != nil {
			colour := colourUnmet
			if *cell.Meets {
				colour = colourMet
			}
			bars[i].ItemStyle = &opts.ItemStyle{Color: colour}
		}
		targets[i] = opts.LineData{Name: r.Name, Value: boundOrMissing(cell.Target)}
	}
	unit := sc.Columns[col].Unit
	title := fmt.Sprintf("%s %d", lang.text(ind.Name), sc.Period)
	bar := gocharts.NewBar()
	bar.SetGlobalOptions(
		gocharts.WithInitializationOpts(page(title)),
		gocharts.WithTitleOpts(opts.Title{Title: title, Subtitle: lang.pick("排名（单位：", "Ranking (unit: ") + unit + lang.pick("）", ")")}),
		gocharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		gocharts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "bottom"}),
		gocharts.WithXAxisOpts(opts.XAxis{AxisLabel: &opts.AxisLabel{Rotate: 30, Interval: "0"}}),
		gocharts.WithYAxisOpts(opts.YAxis{Name: unit}),
		// Room on the right for the city target's label.
		gocharts.WithGridOpts(opts.Grid{Top: "100", Bottom: "110", Right: "130"}),
	)
	var marks []gocharts.SeriesOpts
	if city != nil && city.Target != nil {
		if b := boundOrMissing(city.Target); b != missing {
			marks = append(marks,
				gocharts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{Name: lang.pick("全市目标", "City target"), YAxis: b}),
				gocharts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"},
					LineStyle: &opts.LineStyle{Color: colourTarget, Type: "solid", Width: 2},
					Label:     &opts.Label{Show: opts.Bool(true), Formatter: "{b}: " + roundedLabel(b)}}))
		}
	}
	bar.SetXAxis(names).AddSeries(lang.pick("数值", "Value"), bars, marks...)
	line := gocharts.NewLine()
	line.SetXAxis(names).AddSeries(lang.pick("本地区目标", "Own target"), targets,
		gocharts.WithLineChartOpts(opts.LineChart{Step: "middle", Symbol: "none"}),
		gocharts.WithLineStyleOpts(opts.LineStyle{Color: colourTarget, Type: "dashed"}))
	bar.Overlap(line)
	return bar
}

// rankKey orders ranked rows first, unranked last.
func rankKey(c compare.Cell) int {
	if c.Rank == nil {
		return 1 << 30
	}
	return *c.Rank
}

func valueOrMissing(v *float64) any {
	if v == nil {
		return missing
	}
	return *v
}

// boundOrMissing is the threshold to draw: the minimum for ≥ and ranges,
// the maximum for ≤.
func boundOrMissing(t *compare.Target) any {
	if t == nil {
		return missing
	}
	if t.Comparator == analytics.AtMost {
		return valueOrMissing(t.Max)
	}
	return valueOrMissing(t.Min)
}

// roundedLabel writes a target for a label: at most two decimals, no
// trailing zeros (a blended target such as 91.223021583 reads 91.22).
func roundedLabel(v any) string {
	f, ok := v.(float64)
	if !ok {
		return "{c}"
	}
	return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
}
