package charts

import (
	"fmt"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/compare"
	gocharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Radar sets one region against the city on every indicator both have a
// judged value for, each axis the score against the own target (0–100).
// sc holds two rows: the region, then the city.
func Radar(sc *compare.Scorecard, cat *analytics.Catalogue, lang Lang) *gocharts.Radar {
	region, city := sc.Rows[0], sc.Rows[1]
	var axes []*opts.Indicator
	var a, b []float64
	for i := range sc.Columns {
		rc, cc := region.Cells[i], city.Cells[i]
		if rc.Meets == nil || cc.Meets == nil {
			continue
		}
		ind, _ := cat.Indicator(rc.Indicator)
		axes = append(axes, &opts.Indicator{Name: lang.text(ind.Name), Min: 0, Max: 100})
		rs, _ := rc.Scored()
		cs, _ := cc.Scored()
		a = append(a, round1(100*rs))
		b = append(b, round1(100*cs))
	}
	title := fmt.Sprintf("%s %s %d", region.Name, lang.pick("与全市对比", "against the city"), sc.Period)
	r := gocharts.NewRadar()
	r.SetGlobalOptions(
		gocharts.WithInitializationOpts(page(title)),
		gocharts.WithTitleOpts(opts.Title{Title: title, Subtitle: lang.pick("得分：达标为100", "Score: 100 when the target is met")}),
		gocharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
		gocharts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "bottom"}),
		gocharts.WithRadarComponentOpts(opts.RadarComponent{Indicator: axes, Shape: "polygon", SplitNumber: 5}),
	)
	r.AddSeries(region.Name, []opts.RadarData{{Name: region.Name, Value: a}},
		gocharts.WithItemStyleOpts(opts.ItemStyle{Color: colourMet}),
		gocharts.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(0.2)}))
	r.AddSeries(city.Name, []opts.RadarData{{Name: city.Name, Value: b}},
		gocharts.WithItemStyleOpts(opts.ItemStyle{Color: colourCity}))
	return r
}
