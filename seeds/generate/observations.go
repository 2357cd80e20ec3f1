package main

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/derive"
	"github.com/community-atlas/atlas/analytics/standards"
)

// periods are the years observed: the year before the notice, its year and
// the year after.
var periods = []int{2012, 2013, 2014}

// indicator is what the generator needs of an entry of indicators.json.
type indicator struct {
	ID         string     `json:"id"`
	Unit       string     `json:"unit"`
	DataLevel  string     `json:"data_level"`
	ValidRange [2]float64 `json:"valid_range"`
	Computed   *struct {
		By string `json:"by"`
	} `json:"computed"`
	Target struct {
		Comparator string `json:"comparator"`
		Urban      bounds `json:"urban"`
		Rural      bounds `json:"rural"`
	} `json:"target"`
	Rollup struct {
		Target *struct {
			Urban bounds `json:"urban"`
			Rural bounds `json:"rural"`
		} `json:"target"`
	} `json:"rollup"`
}

type bounds struct {
	Min *float64 `json:"min"`
	Max *float64 `json:"max"`
}

// readIndicators parses the catalogue, keeping its order.
func readIndicators(b []byte) ([]indicator, error) {
	var doc struct {
		Indicators []indicator `json:"indicators"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("indicators: %w", err)
	}
	for _, in := range doc.Indicators {
		if lv := analytics.Level(in.DataLevel); lv != analytics.Community && lv != analytics.Township && lv != analytics.County {
			return nil, fmt.Errorf("indicators: %s: data level %q", in.ID, in.DataLevel)
		}
	}
	return doc.Indicators, nil
}

// observation is one row of observations.csv.
type observation struct {
	indicator, region string
	period            int
	value             float64
	decimals          int
}

// The latent model behind every generated value: a standard-normal score
// per region and indicator, plus a county offset (shared by all indicators,
// so that some counties lead and others lag), an urban advantage, a yearly
// trend and yearly noise. Scores above an indicator's threshold meet its
// target.
const (
	countySD     = 0.35
	regionSD     = 0.85
	urbanBonus   = 0.25
	trendPerYear = 0.45
	yearSD       = 0.25
)

// latentSD is the spread of the score in any one year.
var latentSD = math.Sqrt(countySD*countySD + regionSD*regionSD + yearSD*yearSD)

// scorer holds the per-county offsets.
type scorer struct {
	county map[string]float64
}

// countyOffsets draws each county's offset and centres them, so that the
// counties differ without moving the city's overall rates.
func countyOffsets(cs []*region) map[string]float64 {
	r := rng("county-offsets")
	off := make([]float64, len(cs))
	var mean float64
	for i := range cs {
		off[i] = r.NormFloat64() * countySD
		mean += off[i] / float64(len(cs))
	}
	m := map[string]float64{}
	for i, c := range cs {
		m[c.code] = off[i] - mean
	}
	return m
}

// score is the latent score of region (in county, of kind) for indicator
// in period.
func (s scorer) score(ind, region, county string, kind analytics.Kind, period int) float64 {
	base := rng("score", ind, region).NormFloat64() * regionSD
	year := rng("score-year", ind, region, strconv.Itoa(period)).NormFloat64() * yearSD
	z := s.county[county] + base + year + trendPerYear*float64(period-2013)
	if kind == analytics.Urban {
		z += urbanBonus
	}
	return z
}

// observe generates every indicator for every region at its data level and
// every period.
func observe(a *atlas) []observation {
	s := scorer{county: countyOffsets(a.counties)}
	countyOf := map[string]string{}
	for _, c := range a.counties {
		countyOf[c.code] = c.code
		for _, t := range c.children {
			countyOf[t.code] = c.code
			for _, m := range t.children {
				countyOf[m.code] = c.code
			}
		}
	}
	centres := centreAreas(a)
	computed := derivedValues(a)

	var out []observation
	for _, ind := range a.indicators {
		var regions []*region
		switch analytics.Level(ind.DataLevel) {
		case analytics.Community:
			regions = a.communities
		case analytics.Township:
			regions = a.townships
		case analytics.County:
			regions = a.counties
		}
		if ind.ID == "interaction_pilot" {
			out = append(out, pilots(a, ind)...)
			continue
		}
		for _, r := range regions {
			for _, p := range periods {
				o := observation{indicator: ind.ID, region: r.code, period: p}
				switch ind.ID {
				case "township_centre_area", "county_centre_area":
					o.value = centres.area(r.code, p)
				case "service_centre_floor_area":
					req, _ := standards.RequiredFloorArea(a.catalogue, &analytics.Region{Level: analytics.Community, Households: r.hh})
					o.value = derive.StandardShare(centres.area(r.code, p), req)
					o.decimals = 1
				case "health_circle_15min", "grid_management", "police_officers":
					c, ok := computed[[2]string{ind.ID, r.code}]
					if !ok {
						continue // no residents to place: the geometry says nothing
					}
					o.value = reported(ind.ID, r, p, c)
				default:
					z := s.score(ind.ID, r.code, countyOf[r.code], r.kind, p)
					o.value, o.decimals = valueOf(ind, r.kind, z, rng("value", ind.ID, r.code, strconv.Itoa(p)))
				}
				o.value = clamp(o.value, ind.ValidRange)
				out = append(out, o)
			}
		}
	}
	return out
}

// targetOf returns the target bounds for a kind of community (the urban
// bounds for townships and counties, which have no kind).
func targetOf(ind indicator, kind analytics.Kind) bounds {
	if kind == analytics.Rural {
		return ind.Target.Rural
	}
	return ind.Target.Urban
}

// shareOf is the share of regions that should meet a yes/no target in
// 2013: a little under the roll-up target, where the catalogue sets one.
func shareOf(ind indicator, kind analytics.Kind) float64 {
	share := 0.8
	if rt := ind.Rollup.Target; rt != nil {
		b := rt.Urban
		if kind == analytics.Rural {
			b = rt.Rural
		}
		if b.Min != nil {
			share = *b.Min/100 - 0.08
		}
	}
	return min(0.95, max(0.3, share))
}

// valueOf turns a latent score z into a value of the indicator's unit and
// its number of decimals, so that scores above about −0.3 latentSD meet
// the target (about 60% of regions in 2013).
func valueOf(ind indicator, kind analytics.Kind, z float64, r *rand.Rand) (float64, int) {
	t := targetOf(ind, kind)
	u := z / latentSD // about standard normal
	switch ind.Unit {
	case "yes/no":
		// Meet when u is above the quantile leaving shareOf above it.
		if u > -probit(shareOf(ind, kind)) {
			return 1, 0
		}
		return 0, 0
	case "%":
		tv := *t.Min
		sd := min(0.6*(100-tv), 0.35*tv, 8)
		return math.Round((tv+sd*(u+0.3))*10) / 10, 1
	case "count":
		if ind.Target.Comparator == "le" {
			// Incidents: none for most, a few for the worst.
			if u > -1.1 {
				return 0, 0
			}
			return float64(1 + r.IntN(3)), 0
		}
		tv := *t.Min
		return math.Max(0, math.Round(tv+max(1, 0.8*tv)*(u+0.3))), 0
	case "persons":
		// A committee of the right size, or one or two off.
		mid := (*t.Min + *t.Max) / 2
		spread := 1.6 - 0.3*float64(min(2, max(0, int(math.Round(u+1)))))
		return math.Round(mid + spread*r.NormFloat64()), 0
	case "ratio":
		tv := *t.Min
		return math.Round(tv*(1+0.15*(u+0.3))*100) / 100, 2
	default:
		// Money per resident and other positive amounts: log-normal
		// around the target.
		tv := *t.Min
		return math.Round(tv*math.Exp(0.35*(u+0.3))*100) / 100, 2
	}
}

// probit is the standard normal quantile function.
func probit(p float64) float64 { return math.Sqrt2 * math.Erfinv(2*p-1) }

func clamp(v float64, r [2]float64) float64 { return min(r[1], max(r[0], v)) }

// pilots generates interaction_pilot, a township-level flag whose target is
// one pilot township per county: each county picks its pilots in a random
// order, rarely before the notice, usually one in 2013 and sometimes a
// second in 2014. A pilot stays a pilot.
func pilots(a *atlas, ind indicator) []observation {
	var out []observation
	for _, c := range a.counties {
		r := rng("pilots", c.code)
		order := r.Perm(len(c.children))
		n := map[int]int{2012: 0, 2013: 0, 2014: 0}
		if r.Float64() < 0.3 {
			n[2012] = 1
		}
		n[2013] = n[2012]
		if r.Float64() < 0.8 {
			n[2013] = max(n[2013], 1)
		}
		n[2014] = max(n[2013], 1)
		if r.Float64() < 0.4 {
			n[2014]++
		}
		rank := make([]int, len(order))
		for k, i := range order {
			rank[i] = k
		}
		for i, t := range c.children {
			for _, p := range periods {
				v := 0.0
				if rank[i] < n[p] {
					v = 1
				}
				out = append(out, observation{indicator: ind.ID, region: t.code, period: p, value: v})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].region < out[j].region })
	return out
}

// centreHistory knows the floor area of each region's service centre in
// each period: the 2014 area is that of the generated facility; earlier,
// some centres were not built yet (no area) or had smaller premises.
type centreHistory map[string]map[int]float64

func centreAreas(a *atlas) centreHistory {
	h := centreHistory{}
	for _, f := range a.facilities {
		if f.typ != analytics.ServiceCentre {
			continue
		}
		r := rng("centre-history", f.region)
		m := map[int]float64{2014: f.area}
		built := 2011
		switch u := r.Float64(); {
		case u < 0.15:
			built = 2014
		case u < 0.30:
			built = 2013
		}
		for _, p := range []int{2013, 2012} {
			switch {
			case p >= built:
				m[p] = m[p+1]
			case r.Float64() < 0.6:
				// Older, smaller premises before the new centre.
				m[p] = math.Round(m[p+1] * (0.4 + 0.4*r.Float64()))
			default:
				m[p] = 0
			}
		}
		h[f.region] = m
	}
	return h
}

func (h centreHistory) area(region string, period int) float64 {
	return h[region][period]
}

// observationsCSV writes the observations: indicators in catalogue order,
// then regions, then periods.
func observationsCSV(a *atlas) []byte {
	rows := make([][]string, 0, len(a.obs)+1)
	rows = append(rows, []string{"indicator", "region", "period", "value"})
	for _, o := range a.obs {
		rows = append(rows, []string{o.indicator, o.region, strconv.Itoa(o.period), strconv.FormatFloat(o.value, 'f', o.decimals, 64)})
	}
	return csvBytes(rows)
}
