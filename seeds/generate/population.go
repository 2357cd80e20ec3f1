package main

import (
	"math"
	"strings"

	"github.com/community-atlas/atlas/analytics"
)

// cityPopulation is the resident population the generated communities add
// up to: Nantong had about 7.3 million residents in 2013.
const cityPopulation = 7_300_000

// householdSize is the mean number of residents per household.
const householdSize = 2.8

// populate draws each community's population — urban communities several
// times as populous as villages on a fraction of the area, the nominal
// communities of zones and farms (虚拟社区, 虚拟生活区) small — scales the
// total to cityPopulation, derives households, and sums both up the tree.
func (a *atlas) populate() {
	raw := make([]float64, len(a.communities))
	var sum float64
	for i, c := range a.communities {
		r := rng("population", c.code)
		median, sigma := 2900.0, 0.35
		switch {
		case strings.Contains(c.name, "虚拟"):
			median, sigma = 600, 0.5
		case c.kind == analytics.Urban:
			median, sigma = 5500, 0.45
		}
		raw[i] = median * math.Exp(sigma*r.NormFloat64())
		sum += raw[i]
	}
	scale := cityPopulation / sum
	for i, c := range a.communities {
		r := rng("households", c.code)
		c.pop = int64(math.Round(raw[i] * scale))
		size := householdSize * math.Exp(0.06*r.NormFloat64())
		c.hh = max(1, int64(math.Round(float64(c.pop)/size)))
	}
	for _, t := range a.townships {
		t.pop, t.hh = sumPop(t.children)
	}
	for _, c := range a.counties {
		c.pop, c.hh = sumPop(c.children)
	}
	a.city.pop, a.city.hh = sumPop(a.counties)
}

func sumPop(rs []*region) (pop, hh int64) {
	for _, r := range rs {
		pop += r.pop
		hh += r.hh
	}
	return pop, hh
}
