package healthcov

import (
	"runtime"
	"sync"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/internal/snapcache"
	"github.com/community-atlas/atlas/geo/network"
)

// Model is what every coverage of a snapshot shares: the communities, their
// population points, and where the points meet each road network. It is
// built once per snapshot (Of).
type Model struct {
	s           *analytics.Snapshot
	communities []*analytics.Region
	index       map[string]int32 // community code → index
	sources     []Source         // per community
	start       []int            // community c's points are points[start[c]:start[c+1]]
	points      []point
	snaps       [network.NumModes]snapTable

	mu      sync.Mutex
	results map[string]*Coverage // by Options.key, for the default facilities
	order   []string
}

// snapTable places every population point on a mode's roads.
type snapTable struct {
	once sync.Once
	// net is per point the network it snaps to, or -1 for none; nil when
	// there are no networks.
	net  []int32
	snap []network.Snap
	// Per network, the points on each segment: segment s's points are
	// pts[start[s]:start[s+1]].
	segStart [][]int32
	segPts   [][]int32
}

// maxResults bounds the coverages kept per snapshot.
const maxResults = 32

var models snapcache.Cache[*Model]

// Of returns the model of s, built on first use and kept while s lives.
func Of(s *analytics.Snapshot) (*Model, error) {
	return models.Get(s, func(s *analytics.Snapshot) (*Model, error) { return newModel(s), nil })
}

func newModel(s *analytics.Snapshot) *Model {
	m := &Model{s: s, index: map[string]int32{}, results: map[string]*Coverage{}}
	for _, r := range s.Select(analytics.Community, "") {
		m.index[r.Code] = int32(len(m.communities))
		m.communities = append(m.communities, r)
	}
	homes := homeIndex(s.Networks())
	pts := make([][]point, len(m.communities))
	m.sources = make([]Source, len(m.communities))
	parallel(len(m.communities), func(c int) {
		pts[c], m.sources[c] = populate(m.communities[c], int32(c), homes)
	})
	m.start = make([]int, len(pts)+1)
	total := 0
	for _, ps := range pts {
		total += len(ps)
	}
	// Millions of points at a province's scale: sized once, not grown.
	m.points = make([]point, 0, total)
	for c, ps := range pts {
		m.points = append(m.points, ps...)
		m.start[c+1] = len(m.points)
	}
	return m
}

// parallel calls f(i) for i in [0, n) on every processor.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// Snapshot is the snapshot the model was built from.
func (m *Model) Snapshot() *analytics.Snapshot { return m.s }

// Points is the number of population points.
func (m *Model) Points() int { return len(m.points) }

// snapsOf returns the table of mode nm, built on first use.
func (m *Model) snapsOf(nm network.Mode) *snapTable {
	t := &m.snaps[nm]
	t.once.Do(func() { m.buildSnaps(nm, t) })
	return t
}

func (m *Model) buildSnaps(nm network.Mode, t *snapTable) {
	nets := m.s.Networks()
	if len(nets) == 0 {
		return
	}
	t.net = make([]int32, len(m.points))
	t.snap = make([]network.Snap, len(m.points))
	parallel(len(m.points), func(i int) {
		t.net[i] = -1
		best := MaxSnap
		for k, n := range nets {
			if s, ok := n.Snap(nm, m.points[i].p, best); ok && (t.net[i] < 0 || s.Dist < best) {
				t.net[i], t.snap[i], best = int32(k), s, s.Dist
			}
		}
	})
	t.segStart = make([][]int32, len(nets))
	t.segPts = make([][]int32, len(nets))
	for k, n := range nets {
		start := make([]int32, n.Segments.Len()+1)
		for i := range m.points {
			if t.net[i] == int32(k) {
				start[t.snap[i].Seg+1]++
			}
		}
		for s := range n.Segments.Len() {
			start[s+1] += start[s]
		}
		pts := make([]int32, start[len(start)-1])
		next := append([]int32(nil), start[:len(start)-1]...)
		for i := range m.points {
			if t.net[i] == int32(k) {
				s := t.snap[i].Seg
				pts[next[s]] = int32(i)
				next[s]++
			}
		}
		t.segStart[k], t.segPts[k] = start, pts
	}
}
