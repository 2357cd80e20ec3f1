package healthcov

import (
	"math"
	"slices"
	"testing"

	"github.com/community-atlas/atlas/geo/network"
	"github.com/paulmach/orb"
)

// TestDetourMatchesAndorra measures the walking detour on the Andorra
// extract — the road distance over the straight line between junctions 0.5
// to 3 km apart, from 100 junctions spread over it — and checks that its
// median lies near Detour. (On the Delaware extract it is 1.34.)
func TestDetourMatchesAndorra(t *testing.T) {
	n := andorra(t)
	g := &n.Graphs[network.Walk]
	var from []uint32
	for u := range g.NumNodes() {
		if g.Offsets[u+1] > g.Offsets[u] {
			from = append(from, uint32(u))
		}
	}
	var ratios []float64
	for i := range 100 {
		s := from[i*len(from)/100]
		tr := g.ShortestTimes([]network.Source{{Node: s}}, 3600)
		for _, v := range tr.Reached {
			d := network.Haversine(orb.Point{n.Lon[s], n.Lat[s]}, orb.Point{n.Lon[v], n.Lat[v]})
			if d >= 500 && d <= 3000 {
				ratios = append(ratios, tr.Time[v]*network.WalkKmh/3.6/d)
			}
		}
	}
	slices.Sort(ratios)
	median := ratios[len(ratios)/2]
	if len(ratios) < 1000 || math.Abs(median-Detour) > 0.1 {
		t.Errorf("median walking detour %.3f over %d pairs, Detour %g", median, len(ratios), Detour)
	}
	t.Logf("median walking detour on Andorra: %.3f over %d pairs", median, len(ratios))
}
