package main

import (
	"math"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
)

// relaxRounds and relaxSamples set the Lloyd relaxation: rounds, and
// samples per site to estimate the centroids from.
const (
	relaxRounds  = 4
	relaxSamples = 60
)

// areaKM2 is the area of mp in km².
func areaKM2(mp orb.MultiPolygon) float64 { return geo.Area(mp) / 1e6 }

// placeTownships partitions a county among its townships. The township of
// the county seat is put at the seat; where the county also has towns, its
// other streets cluster around the seat as the urban core. Towns (and
// everything else, where a county has no towns) spread evenly over the
// rest. Small units — farms, fisheries, one-community zones — sit beside a
// larger township, which gives them a small area.
func placeTownships(c *region) error {
	ts := c.children
	r := rng("townships", c.code)
	ar := newArea(c.geom)
	big := 0
	for _, t := range ts {
		if t.class != classSmall {
			big++
		}
	}
	// spacing is the side of the average large township, in degrees.
	spacing := math.Sqrt(areaKM2(c.geom)/float64(max(big, 1))) / kmPerDegree

	seatIdx := seatTownship(ts)
	hasTowns := false
	for i, t := range ts {
		if t.class == classTown && i != seatIdx {
			hasTowns = true
		}
	}
	sites := make([]orb.Point, len(ts))
	movable := make([]bool, len(ts))
	var taken []orb.Point
	put := func(i int, p orb.Point, move bool) {
		sites[i], movable[i] = p, move
		taken = append(taken, p)
	}
	put(seatIdx, c.seat, false)
	for i, t := range ts {
		if i == seatIdx || t.class != classCore {
			continue
		}
		if hasTowns {
			put(i, ar.near(r, c.seat, 0.9*spacing, 0.7*spacing, taken), false)
		} else {
			put(i, ar.bestCandidate(r, taken, 12), true)
		}
	}
	for i, t := range ts {
		if i != seatIdx && t.class == classTown {
			put(i, ar.bestCandidate(r, taken, 12), true)
		}
	}
	var bigSites []orb.Point
	var bigIdx []int
	for i, t := range ts {
		if i == seatIdx || t.class != classSmall {
			bigIdx = append(bigIdx, i)
		}
	}
	if len(bigIdx) > 1 {
		sub := make([]orb.Point, len(bigIdx))
		mov := make([]bool, len(bigIdx))
		for k, i := range bigIdx {
			sub[k], mov[k] = sites[i], movable[i]
		}
		ar.relax(r, sub, mov, relaxSamples, relaxRounds)
		for k, i := range bigIdx {
			sites[i] = sub[k]
		}
	}
	for _, i := range bigIdx {
		bigSites = append(bigSites, sites[i])
	}
	taken = append([]orb.Point(nil), bigSites...)
	for i, t := range ts {
		if i != seatIdx && t.class == classSmall {
			host := bigSites[r.IntN(len(bigSites))]
			put(i, ar.near(r, host, 0.35*spacing, 0.3*spacing, taken), false)
		}
	}
	parts, err := partition(c.geom, sites)
	if err != nil {
		return err
	}
	for i, t := range ts {
		t.geom = parts[i]
		t.seat = sites[i]
		if !geo.PointInMultiPolygon(t.geom, t.seat) {
			t.seat = geo.LabelPoint(t.geom)
		}
	}
	return nil
}

// seatTownship is the index of the township holding the county seat: the
// first street, or where there is none the township with the most urban
// communities (海安镇, 汇龙镇, 海门's development zone).
func seatTownship(ts []*region) int {
	for i, t := range ts {
		if t.class == classCore {
			return i
		}
	}
	best, bestN := 0, -1
	for i, t := range ts {
		n := 0
		for _, c := range t.children {
			if c.kind == analytics.Urban {
				n++
			}
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	ts[best].class = classCore
	return best
}

// ruralAreaRatio is how many times larger a village is than an urban
// community, in the partition of a township.
const ruralAreaRatio = 4

// placeCommunities partitions a township among its communities. Urban
// communities cluster around the township seat, the first of them at the
// seat; rural villages spread evenly over the rest. Where all communities
// are of one kind they spread evenly, the first at the seat.
func placeCommunities(t *region) error {
	cs := t.children
	r := rng("communities", t.code)
	ar := newArea(t.geom)
	var nU, nR int
	for _, c := range cs {
		if c.kind == analytics.Urban {
			nU++
		} else {
			nR++
		}
	}
	sites := make([]orb.Point, len(cs))
	movable := make([]bool, len(cs))
	var taken []orb.Point
	put := func(i int, p orb.Point, move bool) {
		sites[i], movable[i] = p, move
		taken = append(taken, p)
	}
	if nU == 0 || nR == 0 {
		put(0, t.seat, false)
		for i := 1; i < len(cs); i++ {
			put(i, ar.bestCandidate(r, taken, 12), true)
		}
	} else {
		// With villages ruralAreaRatio times the size of urban communities,
		// the urban cluster covers nU·aU of the township.
		aU := areaKM2(t.geom) / float64(nU+ruralAreaRatio*nR)
		radius := math.Sqrt(float64(nU)*aU/math.Pi) / kmPerDegree
		dmin := 0.6 * math.Sqrt(aU) / kmPerDegree
		first := true
		for i, c := range cs {
			if c.kind != analytics.Urban {
				continue
			}
			if first {
				put(i, t.seat, false)
				first = false
				continue
			}
			put(i, ar.near(r, t.seat, radius/1.5, dmin, taken), false)
		}
		for i, c := range cs {
			if c.kind == analytics.Rural {
				put(i, ar.bestCandidate(r, taken, 12), true)
			}
		}
	}
	if len(cs) > 1 {
		ar.relax(r, sites, movable, relaxSamples/2, relaxRounds)
	}
	parts, err := partition(t.geom, sites)
	if err != nil {
		return err
	}
	for i, c := range cs {
		c.geom = parts[i]
	}
	return nil
}
