package storetest

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store"
	"github.com/paulmach/orb"
)

// Size is the shape of a synthetic dataset.
type Size struct {
	Regions      int // in all, the city included
	Counties     int
	Townships    int
	Vertices     int // per region boundary ring
	Grids        int
	GridVertices int // per grid boundary ring
	Facilities   int
	Indicators   int
	Periods      int
	Observations int // at most Indicators × Periods × Regions
}

// SeedSize is the size of the Nantong seed: ~2,150 regions, ~6,500 grids,
// ~10,000 facilities and ~190,000 observations.
var SeedSize = Size{
	Regions: 2150, Counties: 10, Townships: 140, Vertices: 200,
	Grids: 6500, GridVertices: 24, Facilities: 10000,
	Indicators: 9, Periods: 10, Observations: 190000,
}

// SmallSize is a few hundred regions and some thousands of observations,
// enough for an Apply to take a noticeable time.
var SmallSize = Size{
	Regions: 300, Counties: 4, Townships: 20, Vertices: 40,
	Grids: 600, GridVertices: 8, Facilities: 500,
	Indicators: 5, Periods: 4, Observations: 5000,
}

// Synthetic returns a changeset of the given size: a valid hierarchy under
// one city, every community with a roughly circular boundary (every tenth
// with a hole and a second part), grids and facilities spread over the
// communities, and observations over indicators, periods and regions.
// Records with the same rev are identical; another rev keeps every key but
// changes every other field, so applying it replaces the whole dataset.
func Synthetic(size Size, rev int) *store.Changeset {
	rng := rand.New(rand.NewPCG(1, uint64(rev)))
	c := &store.Changeset{Kind: "seed", Source: fmt.Sprintf("synthetic-%d", rev)}
	communities := size.Regions - 1 - size.Counties - size.Townships
	if communities < 1 || size.Townships < size.Counties || size.Counties < 1 {
		panic(fmt.Sprintf("storetest: impossible size %+v", size))
	}
	add := func(code, parent string, level analytics.Level, i, n int) {
		// Centres on a grid over Nantong, the radius fitting the cell.
		side := int(math.Ceil(math.Sqrt(float64(n))))
		cell := 1.0 / float64(side)
		cx := 120.4 + cell*(float64(i%side)+0.5)
		cy := 31.8 + cell*(float64(i/side)+0.5)
		shift := float64(rev) * 1e-7
		r := analytics.Region{
			Code: code, Name: fmt.Sprintf("区划%s·%d", code, rev), Level: level, Parent: parent,
			Population: rng.Int64N(100000), Households: rng.Int64N(30000),
			Geometry: blob(rng, cx+shift, cy, cell*0.45, size.Vertices, i%10 == 0),
			AreaKM2:  rng.Float64() * 100, LabelPoint: orb.Point{cx + shift, cy},
			Generated: level == analytics.Township || level == analytics.Community,
		}
		if level == analytics.Community {
			r.Kind = analytics.Urban
			if (i+rev)%3 != 0 {
				r.Kind = analytics.Rural
			}
		}
		c.Regions = append(c.Regions, r)
	}
	add("3206", "", analytics.City, 0, 1)
	for i := range size.Counties {
		add(fmt.Sprintf("3206%02d", i+1), "3206", analytics.County, i, size.Counties)
	}
	for i := range size.Townships {
		add(fmt.Sprintf("%s%03d", c.Regions[1+i%size.Counties].Code, i/size.Counties+1),
			c.Regions[1+i%size.Counties].Code, analytics.Township, i, size.Townships)
	}
	first := len(c.Regions)
	for i := range communities {
		parent := c.Regions[1+size.Counties+i%size.Townships].Code
		add(fmt.Sprintf("%s%03d", parent, i/size.Townships+1), parent, analytics.Community, i, communities)
	}
	comm := c.Regions[first:]
	for i := range size.Grids {
		r := comm[i%len(comm)]
		box := r.Geometry.Bound()
		c.Grids = append(c.Grids, analytics.Grid{
			Code: fmt.Sprintf("%s-G%03d", r.Code, i/len(comm)+1), Community: r.Code,
			Households: rng.Int64N(400), Worker: fmt.Sprintf("网格员%d", rng.IntN(1000)),
			Geometry: blob(rng, box.Center().X(), box.Center().Y(), (box.Max.X()-box.Min.X())/6, size.GridVertices, false),
		})
	}
	for i := range size.Facilities {
		r := comm[i%len(comm)]
		c.Facilities = append(c.Facilities, analytics.Facility{
			ID: fmt.Sprintf("F%06d", i), Type: analytics.FacilityTypes[i%len(analytics.FacilityTypes)],
			Name: fmt.Sprintf("设施%d·%d", i, rev), Point: r.LabelPoint,
			FloorAreaM2: rng.Float64() * 1000, Region: r.Code,
		})
	}
	for n := range size.Observations {
		r := c.Regions[n%len(c.Regions)]
		rest := n / len(c.Regions)
		c.Observations = append(c.Observations, analytics.Observation{
			Indicator: fmt.Sprintf("I%02d", rest/size.Periods%size.Indicators+1),
			Region:    r.Code, Period: 2014 + rest%size.Periods, Value: rng.NormFloat64() * 100,
		})
	}
	return c
}

// blob returns a star-shaped polygon of n vertices around (cx, cy) with
// radii in (0.7r, r]; with holed, it also has a hole and a second part.
func blob(rng *rand.Rand, cx, cy, r float64, n int, holed bool) orb.MultiPolygon {
	ring := func(cx, cy, r float64, n int, jitter bool) orb.Ring {
		ring := make(orb.Ring, 0, n+1)
		for k := range n {
			a := 2 * math.Pi * float64(k) / float64(n)
			rk := r
			if jitter {
				rk = r * (0.7 + 0.3*rng.Float64())
			}
			ring = append(ring, orb.Point{cx + rk*math.Cos(a), cy + rk*math.Sin(a)})
		}
		return append(ring, ring[0])
	}
	outer := ring(cx, cy, r*0.8, n, true)
	if !holed {
		return orb.MultiPolygon{{outer}}
	}
	hole := ring(cx, cy, r*0.2, 8, false)
	// Reverse the hole to make it clockwise, as holes conventionally are.
	for i, j := 0, len(hole)-1; i < j; i, j = i+1, j-1 {
		hole[i], hole[j] = hole[j], hole[i]
	}
	part := ring(cx+r*0.9, cy+r*0.9, r*0.05, 6, false)
	return orb.MultiPolygon{{outer, hole}, {part}}
}
