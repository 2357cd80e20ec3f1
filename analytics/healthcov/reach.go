package healthcov

import (
	"math"

	"github.com/community-atlas/atlas/geo/network"
	"github.com/paulmach/orb"
)

// evaluation says for each population point whether a set of sites
// reaches it within the budget, and whether that was estimated in a
// straight line rather than found on a road network.
type evaluation struct {
	covered   []bool
	estimated []bool
}

// evaluate reaches every population point from the sites, each community
// by its own mode.
func (m *Model) evaluate(o Options, sites []orb.Point) *evaluation {
	ev := &evaluation{covered: make([]bool, len(m.points)), estimated: make([]bool, len(m.points))}
	byMode := map[Mode][]int{}
	for c, r := range m.communities {
		md := o.modeOf(r)
		byMode[md] = append(byMode[md], c)
	}
	for _, md := range Modes {
		if cs := byMode[md]; len(cs) > 0 {
			r := m.reacher(o, md, sites)
			parallel(len(cs), func(k int) {
				c := cs[k]
				for i := m.start[c]; i < m.start[c+1]; i++ {
					t, est := r.time(i, m.points[i].p)
					ev.covered[i], ev.estimated[i] = t <= o.budget(), est
				}
			})
		}
	}
	return ev
}

// reacher answers the time from a set of sites to population points in
// one mode: over a road network where the point and sites are on it, in a
// straight line otherwise.
type reacher struct {
	snaps *snapTable       // nil without networks
	reach []*network.Reach // per network, from the sites on it
	// off[k] estimates from the sites not on network k; all from every site.
	off []*lineIndex
	all *lineIndex
}

func (m *Model) reacher(o Options, md Mode, sites []orb.Point) *reacher {
	nm, speed := o.Speeds.graph(md)
	nominal := o.Speeds.Of(md)
	q := network.Query{Mode: nm, Budget: o.budget(), Speed: speed, OffSpeed: nominal}
	nets := m.s.Networks()
	r := &reacher{all: newLineIndex(sites, o.budget(), nominal)}
	if len(nets) == 0 {
		return r
	}
	r.snaps = m.snapsOf(nm)
	on := make([][]network.Snap, len(nets))
	onNet := make([]int, len(sites))
	for j, p := range sites {
		k, s := nearestNetwork(nets, nm, p)
		onNet[j] = k
		if k >= 0 {
			on[k] = append(on[k], s)
		}
	}
	r.reach = make([]*network.Reach, len(nets))
	r.off = make([]*lineIndex, len(nets))
	for k, n := range nets {
		var err error
		if r.reach[k], err = n.Search(q, on[k]); err != nil {
			panic(err) // the options were checked: a query from them is valid
		}
		var off []orb.Point
		for j, p := range sites {
			if onNet[j] != k {
				off = append(off, p)
			}
		}
		r.off[k] = newLineIndex(off, o.budget(), nominal)
	}
	return r
}

// nearestNetwork snaps p to the nearest network's roads of mode nm within
// MaxSnap; -1 when none is that near.
func nearestNetwork(nets []*network.Network, nm network.Mode, p orb.Point) (int, network.Snap) {
	best, bestSnap := -1, network.Snap{}
	limit := MaxSnap
	for k, n := range nets {
		if s, ok := n.Snap(nm, p, limit); ok && (best < 0 || s.Dist < limit) {
			best, bestSnap, limit = k, s, s.Dist
		}
	}
	return best, bestSnap
}

// time is the least time from the sites to population point i at p, and
// whether it is a straight-line estimate.
func (r *reacher) time(i int, p orb.Point) (float64, bool) {
	if r.snaps == nil || r.snaps.net[i] < 0 {
		return r.all.time(p), true
	}
	k := r.snaps.net[i]
	tn := r.reach[k].TimeTo(r.snaps.snap[i])
	if ts := r.off[k].time(p); ts < tn {
		return ts, true
	}
	return tn, false
}

// lineIndex finds the nearest site in a straight line, through a hash
// grid whose cells are as wide as the farthest reach.
type lineIndex struct {
	speed            float64 // m/s
	radius           float64 // metres: the straight-line reach in the budget
	cellLon, cellLat float64
	cells            map[[2]int32][]orb.Point
}

func newLineIndex(sites []orb.Point, budget, kmh float64) *lineIndex {
	x := &lineIndex{speed: kmh / 3.6, cells: map[[2]int32][]orb.Point{}}
	x.radius = budget * x.speed / Detour
	maxLat := 0.0
	for _, p := range sites {
		maxLat = math.Max(maxLat, math.Abs(p.Lat()))
	}
	ky := network.EarthRadius * math.Pi / 180
	// A site within the radius lies at most one cell away in each axis,
	// at any latitude the sites' neighbourhood reaches.
	maxLat = math.Min(maxLat+x.radius/ky, 89)
	x.cellLat = x.radius / ky * 1.01
	x.cellLon = x.radius / (ky * math.Cos(maxLat*math.Pi/180)) * 1.01
	for _, p := range sites {
		c := x.cell(p)
		x.cells[c] = append(x.cells[c], p)
	}
	return x
}

func (x *lineIndex) cell(p orb.Point) [2]int32 {
	return [2]int32{int32(math.Floor(p.Lon() / x.cellLon)), int32(math.Floor(p.Lat() / x.cellLat))}
}

// time is the straight-line time from the nearest site to p at the
// index's speed with the detour factor, +Inf beyond the radius. Sites are
// compared by an equirectangular distance at their mean latitude, exact to
// about 1e-7 over the few kilometres of a cell; only those within 1e-5 of
// the least are measured on the sphere.
func (x *lineIndex) time(p orb.Point) float64 {
	if len(x.cells) == 0 {
		return math.Inf(1)
	}
	const rad = math.Pi / 180
	cosP, sinP := math.Cos(p.Lat()*rad), math.Sin(p.Lat()*rad)
	approx := func(s orb.Point) float64 {
		dlat := (s.Lat() - p.Lat()) * rad
		dx := (s.Lon() - p.Lon()) * rad * (cosP - sinP*dlat/2)
		return dx*dx + dlat*dlat
	}
	c := x.cell(p)
	type near struct {
		d2 float64
		s  orb.Point
	}
	var buf [32]near
	cands := buf[:0]
	least := math.Inf(1)
	for dy := int32(-1); dy <= 1; dy++ {
		for dx := int32(-1); dx <= 1; dx++ {
			for _, s := range x.cells[[2]int32{c[0] + dx, c[1] + dy}] {
				d2 := approx(s)
				least = math.Min(least, d2)
				cands = append(cands, near{d2, s})
			}
		}
	}
	best := math.Inf(1)
	for _, n := range cands {
		if n.d2 <= least*(1+2e-5) {
			best = math.Min(best, network.Haversine(p, n.s))
		}
	}
	if best > x.radius {
		return math.Inf(1)
	}
	return best * Detour / x.speed
}
