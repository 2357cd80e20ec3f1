package compare

import (
	"cmp"
	"math"
	"slices"

	"github.com/community-atlas/atlas/analytics"
)

// Spread summarises the data-level values of one indicator beneath one
// region (the communities of a county, say). Quartiles interpolate linearly
// between order statistics (R's type 7, Excel's QUARTILE.INC). Outliers lie
// more than 1.5 × IQR outside the quartiles (Tukey's fences); the whiskers
// end at the most extreme values inside the fences. Statistics are nil when
// no unit beneath the region has a value.
type Spread struct {
	Code          string    `json:"code"`
	Name          string    `json:"name"`
	N             int       `json:"n"`
	Min           *float64  `json:"min"`
	Q1            *float64  `json:"q1"`
	Median        *float64  `json:"median"`
	Q3            *float64  `json:"q3"`
	Max           *float64  `json:"max"`
	Mean          *float64  `json:"mean"`
	LowerWhisker  *float64  `json:"lower_whisker"`
	UpperWhisker  *float64  `json:"upper_whisker"`
	Outliers      []Outlier `json:"outliers"`
	BelowTarget   int       `json:"below_target"` // units not meeting their own target
	MeetingTarget int       `json:"meeting_target"`
}

// Outlier is one unit outside the fences.
type Outlier struct {
	Code  string  `json:"code"`
	Name  string  `json:"name"`
	Value float64 `json:"value"`
}

// unit is a data-level value.
type unit struct {
	region *analytics.Region
	value  float64
	meets  bool
}

// Distribution summarises an indicator's data-level values beneath each of
// the regions, for a period.
func Distribution(s *analytics.Snapshot, ind *analytics.Indicator, regions []*analytics.Region, period int) []Spread {
	roll := s.Rollup(ind, period)
	out := make([]Spread, len(regions))
	for i, reg := range regions {
		var units []unit
		for _, r := range unitsBeneath(s, reg, ind.DataLevel) {
			if v, ok := roll.Get(r.Code); ok {
				units = append(units, unit{region: r, value: v.Value, meets: v.Meets})
			}
		}
		out[i] = spread(reg, units)
	}
	return out
}

// unitsBeneath lists the regions at the data level inside reg (reg itself
// when it is at the data level).
func unitsBeneath(s *analytics.Snapshot, reg *analytics.Region, level analytics.Level) []*analytics.Region {
	if reg.Level == level {
		return []*analytics.Region{reg}
	}
	if reg.Level.Depth() > level.Depth() {
		return nil
	}
	return s.Select(level, reg.Code)
}

func spread(reg *analytics.Region, units []unit) Spread {
	sp := Spread{Code: reg.Code, Name: reg.Name, N: len(units), Outliers: []Outlier{}}
	if len(units) == 0 {
		return sp
	}
	slices.SortStableFunc(units, func(a, b unit) int { return cmp.Compare(a.value, b.value) })
	vals := make([]float64, len(units))
	sum := 0.0
	for i, u := range units {
		vals[i] = u.value
		sum += u.value
		if u.meets {
			sp.MeetingTarget++
		} else {
			sp.BelowTarget++
		}
	}
	q1, q3 := Quantile(vals, 0.25), Quantile(vals, 0.75)
	lo, hi := q1-1.5*(q3-q1), q3+1.5*(q3-q1)
	sp.Min, sp.Max = num(vals[0]), num(vals[len(vals)-1])
	sp.Q1, sp.Median, sp.Q3 = num(q1), num(Quantile(vals, 0.5)), num(q3)
	sp.Mean = num(sum / float64(len(vals)))
	lw, uw := math.Inf(1), math.Inf(-1)
	for _, u := range units {
		if u.value < lo || u.value > hi {
			sp.Outliers = append(sp.Outliers, Outlier{Code: u.region.Code, Name: u.region.Name, Value: u.value})
			continue
		}
		lw, uw = min(lw, u.value), max(uw, u.value)
	}
	sp.LowerWhisker, sp.UpperWhisker = num(lw), num(uw)
	return sp
}

// Quantile is the p-quantile of sorted values by linear interpolation
// between order statistics (R's type 7): the value at position p·(n−1).
func Quantile(sorted []float64, p float64) float64 {
	h := p * float64(len(sorted)-1)
	lo := math.Floor(h)
	i := int(lo)
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (h-lo)*(sorted[i+1]-sorted[i])
}
