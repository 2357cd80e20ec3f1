package charts

import (
	"fmt"
	"strconv"

	"github.com/community-atlas/atlas/analytics"
	gocharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// TrendSeries is one region's values over the periods (nil where it has
// none).
type TrendSeries struct {
	Name   string
	Values []*float64
}

// Trend draws one line per region over the periods, the city as a thicker
// line, and the city-wide target as a mark line when there is one.
func Trend(ind *analytics.Indicator, unit string, periods []int, series []TrendSeries, cityTarget *float64, lang Lang) *gocharts.Line {
	x := make([]string, len(periods))
	for i, p := range periods {
		x[i] = strconv.Itoa(p)
	}
	title := lang.text(ind.Name) + lang.pick(" 历年变化", " over time")
	line := gocharts.NewLine()
	line.SetGlobalOptions(
		gocharts.WithInitializationOpts(page(title)),
		gocharts.WithTitleOpts(opts.Title{Title: title, Subtitle: fmt.Sprintf("%s%s", lang.pick("单位：", "unit: "), unit)}),
		gocharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		gocharts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "bottom", Type: "scroll"}),
		gocharts.WithYAxisOpts(opts.YAxis{Name: unit, Scale: opts.Bool(true)}),
		gocharts.WithGridOpts(opts.Grid{Bottom: "80"}),
	)
	line.SetXAxis(x)
	for i, s := range series {
		data := make([]opts.LineData, len(s.Values))
		for j, v := range s.Values {
			data[j] = opts.LineData{Value: valueOrMissing(v)}
		}
		var so []gocharts.SeriesOpts
		if i == len(series)-1 && cityTarget != nil {
			so = append(so,
				gocharts.WithLineStyleOpts(opts.LineStyle{Width: 4, Color: colourCity}),
				gocharts.WithItemStyleOpts(opts.ItemStyle{Color: colourCity}),
				gocharts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{Name: lang.pick("全市目标", "City target"), YAxis: *cityTarget}),
				gocharts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"},
					LineStyle: &opts.LineStyle{Color: colourTarget, Type: "dashed"}}))
		}
		line.AddSeries(s.Name, data, so...)
	}
	return line
}
