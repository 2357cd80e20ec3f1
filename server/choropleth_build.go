package server

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/classify"
	"github.com/community-atlas/atlas/analytics/compare"
	"github.com/community-atlas/atlas/server/web"
)

func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	if err := web.WriteJSON(&buf, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// buildChoropleth classifies the regions' values and colours them.
func buildChoropleth(s *analytics.Snapshot, q *choroplethQuery) (*choropleth, error) {
	roll := s.Rollup(q.ind, q.period)
	res := &choropleth{
		Indicator: q.ind.ID, Level: q.level, Period: q.period, Method: q.method,
		Unit: q.ind.UnitAt(q.level), Breaks: []float64{}, Legend: []legendEntry{},
		NoData: legendEntry{Class: -1, Label: "no data", LabelZH: "无数据", Colour: classify.NoData},
		Values: valuesOf(s),
	}
	vals := make([]*analytics.Value, len(q.regions))
	var present []float64
	for i, r := range q.regions {
		if v, ok := roll.Get(r.Code); ok {
			vals[i] = &v
			present = append(present, v.Value)
		}
	}
	var classOf func(v *analytics.Value) int
	if q.method == targetMethod {
		res.Classes = 3
		res.Legend = targetLegend()
		classOf = func(v *analytics.Value) int { return targetClass(q.ind.UnitAt(q.level) == "%", v) }
	} else {
		if err := valueLegend(res, q, present); err != nil {
			return nil, err
		}
		classOf = func(v *analytics.Value) int { return classify.Class(res.Breaks, v.Value) }
	}
	for i, r := range q.regions {
		it := choroplethItem{Code: r.Code, Name: r.Name, UnitType: r.UnitType(), Class: -1, Colour: classify.NoData}
		if v := vals[i]; v != nil {
			it.Value, it.Target = rounded(v.Value), boundValue(v.Target)
			j := compare.Judge(q.ind, r.Level, *v)
			it.Meets, it.Gap, it.Verdict, it.NotJudged = j.Meets, j.Gap, j.Verdict, j.NotJudged
			it.Split, it.Urban, it.Rural = j.Split, j.Urban, j.Rural
			if v.Provisional {
				it.Provisional = true
				res.Provisional++
			}
			if k := classOf(v); k >= 0 {
				it.Class, it.Colour = k, res.Legend[k].Colour
				res.Legend[k].Count++
			}
		}
		if it.Class < 0 {
			res.NoData.Count++
		}
		res.Items = append(res.Items, it)
	}
	return res, nil
}

// valueLegend computes breaks and the legend for a value-based method.
func valueLegend(res *choropleth, q *choroplethQuery, values []float64) error {
	res.Palette = q.palette
	if len(values) == 0 && q.manual == nil {
		res.Classes = 0
		return nil
	}
	breaks, err := classify.Breaks(classify.Method(q.method), values, q.classes, q.manual)
	if err != nil {
		return web.BadParam("method", "%v", err)
	}
	k := len(breaks) - 1
	colours, err := classify.Colours(q.palette, max(k, classify.MinClasses))
	if err != nil {
		return err
	}
	// Fewer classes than a palette has (ties, pretty): take the palette's
	// ends and middle rather than its lightest shades.
	pick := func(i int) string {
		if k >= classify.MinClasses {
			return colours[i]
		}
		return colours[i*(len(colours)-1)/max(k-1, 1)]
	}
	res.Classes, res.Breaks = k, breaks
	digits := labelDigits(breaks)
	for i := 0; i < k; i++ {
		from, to := breaks[i], breaks[i+1]
		closer := ")"
		if i == k-1 {
			closer = "]"
		}
		label := "[" + formatNum(from, digits) + ", " + formatNum(to, digits) + closer
		res.Legend = append(res.Legend, legendEntry{Class: i, Label: label, From: &from, To: &to, Colour: pick(i)})
	}
	return nil
}

func targetLegend() []legendEntry {
	return []legendEntry{
		{Class: 0, Label: "meets the target", LabelZH: "达标", Colour: classify.TargetColours[0]},
		{Class: 1, Label: fmt.Sprintf("within %g points", nearPoints), LabelZH: fmt.Sprintf("差距%g个百分点以内", nearPoints), Colour: classify.TargetColours[1]},
		{Class: 2, Label: "misses the target", LabelZH: "未达标", Colour: classify.TargetColours[2]},
	}
}

// targetClass judges a value against its region's own target (urban or
// rural, or blended): 0 meets, 1 within reach, 2 misses, -1 not judged.
func targetClass(percent bool, v *analytics.Value) int {
	if !v.Judged {
		return -1
	}
	if v.Meets {
		return 0
	}
	reach := nearPoints
	if b := boundValue(v.Target); !percent && b != nil {
		reach = math.Abs(*b) * nearPoints / 100
	}
	if v.Gap >= -reach {
		return 1
	}
	return 2
}

// boundValue is the number a region is held to: the minimum, or the
// maximum for a ceiling.
func boundValue(b analytics.Bound) *float64 {
	if b.Min != nil {
		return roundPtr(b.Min)
	}
	return roundPtr(b.Max)
}

// labelDigits picks the decimals that tell the breaks apart, at most 4.
func labelDigits(breaks []float64) int {
	minStep := math.Inf(1)
	for i := 1; i < len(breaks); i++ {
		minStep = math.Min(minStep, breaks[i]-breaks[i-1])
	}
	if minStep <= 0 || math.IsInf(minStep, 1) {
		return 2
	}
	return int(math.Min(4, math.Max(0, 2-math.Floor(math.Log10(minStep)))))
}

func formatNum(v float64, digits int) string {
	s := strconv.FormatFloat(v, 'f', digits, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}
