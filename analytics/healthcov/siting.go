package healthcov

import (
	"container/heap"
	"fmt"
	"math"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/network"
	"github.com/paulmach/orb"
)

// Limits of a siting question.
const (
	MaxSites      = 50
	MaxCandidates = 5000
)

// Suggestion is a site chosen by Site.
type Suggestion struct {
	Point     orb.Point
	Candidate int     // index among the candidates
	Gain      float64 // residents it brings inside the circle, given the sites before it
	Covered   float64 // residents inside the circle with it and the sites before it
	Community string  // the community it lies in; empty if none
	// Type is the facility to build: a health station in an urban
	// community, a village clinic elsewhere.
	Type analytics.FacilityType
}

// Siting is the answer of Site.
type Siting struct {
	Suggestions []Suggestion
	Candidates  []orb.Point
	Population  int64   // residents placed in the communities in scope
	Covered     float64 // of them inside the circle before any new site
	// Scope sums the coverage of the communities in scope; its Method
	// says whether the gains are estimates.
	Scope Summary
}

// Site chooses up to k new sites among the candidates — by default the
// label points of the communities in scope not fully covered — by greedy
// maximal covering: each time the site that brings the most residents of
// the scope inside the circle, given the sites already chosen (ties to the
// earlier candidate). Gains can only shrink as sites are chosen, so a
// candidate's last computed gain bounds its gain now: candidates wait in a
// priority queue by that bound and only the one on top is recomputed (lazy
// evaluation), which chooses exactly what recomputing every candidate
// would. It stops early when no candidate gains anyone.
func (c *Coverage) Site(k int, candidates []orb.Point, scope *analytics.Region) (*Siting, error) {
	if k < 1 || k > MaxSites {
		return nil, paramError("k", "%d is not from 1 to %d", k, MaxSites)
	}
	if len(candidates) > MaxCandidates {
		return nil, paramError("candidates", "%d candidates, more than %d", len(candidates), MaxCandidates)
	}
	for i, p := range candidates {
		if !(p.Lon() >= -180 && p.Lon() <= 180 && p.Lat() >= -90 && p.Lat() <= 90) {
			return nil, paramError(fmt.Sprintf("candidates[%d]", i), "lon %g, lat %g is not a place on earth", p.Lon(), p.Lat())
		}
	}
	m := c.m
	out := &Siting{Candidates: candidates, Scope: Summary{modes: map[Mode]bool{}}}
	var uncovered []int
	for k, r := range m.communities {
		if scope != nil && !m.s.Within(r.Code, scope.Code) {
			continue
		}
		s := c.comm[k]
		out.Scope.add(s)
		out.Population += s.Placed
		out.Covered += s.Covered
		if candidates == nil && (s.status() == Partly || s.status() == None) {
			out.Candidates = append(out.Candidates, r.LabelPoint)
		}
		for i := m.start[k]; i < m.start[k+1]; i++ {
			if !c.ev.covered[i] {
				uncovered = append(uncovered, i)
			}
		}
	}
	covers := c.covers(out.Candidates, uncovered)
	out.Suggestions = c.greedy(k, out.Candidates, covers, out.Covered)
	return out, nil
}

// covers returns, for each candidate, the uncovered points it would reach.
func (c *Coverage) covers(cands []orb.Point, uncovered []int) [][]int32 {
	m, o := c.m, c.Options
	byMode := map[Mode][]int{}
	for _, i := range uncovered {
		md := o.modeOf(m.communities[m.points[i].community])
		byMode[md] = append(byMode[md], i)
	}
	type modeGrid struct {
		md   Mode
		grid *pointGrid
	}
	var grids []modeGrid
	for _, md := range Modes {
		if pts := byMode[md]; len(pts) > 0 {
			dmax := o.budget() * m.maxSpeed(o, md) / 3.6
			grids = append(grids, modeGrid{md, newPointGrid(m.points, pts, dmax)})
		}
	}
	out := make([][]int32, len(cands))
	parallel(len(cands), func(j int) {
		p := cands[j]
		for _, g := range grids {
			r := m.reacher(o, g.md, []orb.Point{p})
			g.grid.near(p, func(i int32) {
				if t, _ := r.time(int(i), m.points[i].p); t <= o.budget() {
					out[j] = append(out[j], i)
				}
			})
		}
	})
	return out
}

// maxSpeed bounds the speed of mode md in km/h, on the roads and off them,
// so that nothing further than the budget at that speed can be reached.
func (m *Model) maxSpeed(o Options, md Mode) float64 {
	v := o.Speeds.Of(md)
	if nm, speed := o.Speeds.graph(md); speed == 0 {
		for _, n := range m.s.Networks() {
			g := &n.Graphs[nm]
			for u := range g.NumNodes() {
				for e := g.Offsets[u]; e < g.Offsets[u+1]; e++ {
					if g.Costs[e] > 0 {
						v = math.Max(v, n.Segments.Length[g.Segs[e]]/g.Costs[e]*3.6)
					}
				}
			}
		}
	}
	return v
}

// greedy runs the lazy greedy selection.
func (c *Coverage) greedy(k int, cands []orb.Point, covers [][]int32, covered float64) []Suggestion {
	m := c.m
	done := make([]bool, len(m.points))
	gain := func(j int) float64 {
		g := 0.0
		for _, i := range covers[j] {
			if !done[i] {
				g += m.points[i].weight
			}
		}
		return g
	}
	q := make(gainQueue, len(cands))
	for j := range cands {
		q[j] = gainItem{j, gain(j)}
	}
	heap.Init(&q)
	var out []Suggestion
	for len(out) < k && len(q) > 0 {
		top := heap.Pop(&q).(gainItem)
		top.gain = gain(top.cand)
		if len(q) > 0 && q.less(q[0], top) {
			heap.Push(&q, top) // a stale bound: someone else may be better
			continue
		}
		if top.gain <= 0 {
			break
		}
		for _, i := range covers[top.cand] {
			done[i] = true
		}
		covered += top.gain
		out = append(out, c.suggestion(cands[top.cand], top.cand, top.gain, covered))
	}
	return out
}

func (c *Coverage) suggestion(p orb.Point, cand int, gain, covered float64) Suggestion {
	s := Suggestion{Point: p, Candidate: cand, Gain: gain, Covered: covered, Type: analytics.VillageClinic}
	if r, ok := c.m.s.Locate(analytics.Community, p); ok {
		s.Community = r.Code
		if r.Kind == analytics.Urban {
			s.Type = analytics.HealthStation
		}
	} else {
		s.Type = analytics.HealthStation
	}
	return s
}

// gainQueue is a max-heap of candidates by gain, ties to the lower index.
type gainItem struct {
	cand int
	gain float64
}

type gainQueue []gainItem

// less orders a before b when a is the better choice.
func (gainQueue) less(a, b gainItem) bool {
	return a.gain > b.gain || a.gain == b.gain && a.cand < b.cand
}

func (q gainQueue) Len() int           { return len(q) }
func (q gainQueue) Less(i, j int) bool { return q.less(q[i], q[j]) }
func (q gainQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *gainQueue) Push(x any)        { *q = append(*q, x.(gainItem)) }
func (q *gainQueue) Pop() any {
	old := *q
	it := old[len(old)-1]
	*q = old[:len(old)-1]
	return it
}

// pointGrid is a hash grid of population points by index.
type pointGrid struct {
	cellLon, cellLat float64
	cells            map[[2]int32][]int32
}

func newPointGrid(points []point, idx []int, cellM float64) *pointGrid {
	ky := network.EarthRadius * math.Pi / 180
	maxLat := 0.0
	for _, i := range idx {
		maxLat = math.Max(maxLat, math.Abs(points[i].p.Lat()))
	}
	maxLat = math.Min(maxLat+cellM/ky, 89)
	g := &pointGrid{cellLat: cellM / ky * 1.01, cellLon: cellM / (ky * math.Cos(maxLat*math.Pi/180)) * 1.01,
		cells: map[[2]int32][]int32{}}
	for _, i := range idx {
		c := g.cell(points[i].p)
		g.cells[c] = append(g.cells[c], int32(i))
	}
	return g
}

func (g *pointGrid) cell(p orb.Point) [2]int32 {
	return [2]int32{int32(math.Floor(p.Lon() / g.cellLon)), int32(math.Floor(p.Lat() / g.cellLat))}
}

// near calls f for the points in the cells around p: every point within
// one cell's width, and some beyond.
func (g *pointGrid) near(p orb.Point, f func(int32)) {
	c := g.cell(p)
	for dy := int32(-1); dy <= 1; dy++ {
		for dx := int32(-1); dx <= 1; dx++ {
			for _, i := range g.cells[[2]int32{c[0] + dx, c[1] + dy}] {
				f(i)
			}
		}
	}
}
