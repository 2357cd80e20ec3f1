package network

import (
	"math"
	"math/rand/v2"
	"testing"
)

// randomEdges returns a random directed graph on nn nodes with integer
// costs (so that sums are exact and ties are common).
func randomEdges(rng *rand.Rand, nn, ne int) edgeList {
	var es edgeList
	for range ne {
		u, v := uint32(rng.IntN(nn)), uint32(rng.IntN(nn))
		if u != v {
			es.add(u, v, float64(rng.IntN(20)), 0)
		}
	}
	return es
}

// bellmanFord is the reference: times from the sources, relaxed until
// nothing changes, then cut at the budget.
func bellmanFord(nn int, es edgeList, sources []Source, budget float64) []float64 {
	t := make([]float64, nn)
	for i := range t {
		t[i] = math.Inf(1)
	}
	for _, s := range sources {
		t[s.Node] = math.Min(t[s.Node], s.Time)
	}
	for changed := true; changed; {
		changed = false
		for e := range es.from {
			if c := t[es.from[e]] + es.cost[e]; c < t[es.to[e]] {
				t[es.to[e]], changed = c, true
			}
		}
	}
	for i := range t {
		if t[i] > budget {
			t[i] = math.Inf(1)
		}
	}
	return t
}

func TestShortestTimesAgainstBellmanFord(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 300 {
		nn := 1 + rng.IntN(40)
		es := randomEdges(rng, nn, rng.IntN(4*nn+1))
		g := Graph{}
		g.Offsets, g.Targets, g.Costs, g.Segs = es.csr(nn)
		var sources []Source
		for range 1 + rng.IntN(4) {
			sources = append(sources, Source{uint32(rng.IntN(nn)), float64(rng.IntN(5))})
		}
		budget := float64(rng.IntN(60))
		want := bellmanFord(nn, es, sources, budget)
		tr := g.ShortestTimes(sources, budget)
		reached := 0
		for i := range nn {
			if tr.Time[i] != want[i] {
				t.Fatalf("trial %d: node %d time %g, want %g", trial, i, tr.Time[i], want[i])
			}
			if !math.IsInf(want[i], 1) {
				reached++
			}
		}
		if len(tr.Reached) != reached {
			t.Fatalf("trial %d: %d nodes listed as reached, want %d", trial, len(tr.Reached), reached)
		}
		for k := 1; k < len(tr.Reached); k++ {
			if tr.Time[tr.Reached[k]] < tr.Time[tr.Reached[k-1]] {
				t.Fatalf("trial %d: nodes not settled in order of time", trial)
			}
		}
	}
}

// reachable returns which nodes can be reached from s.
func reachable(nn int, es edgeList, s int) []bool {
	seen := make([]bool, nn)
	seen[s] = true
	for changed := true; changed; {
		changed = false
		for e := range es.from {
			if seen[es.from[e]] && !seen[es.to[e]] {
				seen[es.to[e]], changed = true, true
			}
		}
	}
	return seen
}

func TestLargestSCCAgainstReachability(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 300 {
		nn := 1 + rng.IntN(25)
		es := randomEdges(rng, nn, rng.IntN(3*nn+1))
		reach := make([][]bool, nn)
		for i := range nn {
			reach[i] = reachable(nn, es, i)
		}
		hasEdge := make([]bool, nn)
		for e := range es.from {
			hasEdge[es.from[e]], hasEdge[es.to[e]] = true, true
		}
		// The component of i: the nodes reachable both ways. The largest,
		// ties to the one with the lowest node.
		var best []bool
		bestSize := 0
		for i := range nn {
			if !hasEdge[i] {
				continue
			}
			comp := make([]bool, nn)
			size := 0
			for j := range nn {
				if reach[i][j] && reach[j][i] {
					comp[j] = true
					size++
				}
			}
			if size > bestSize {
				best, bestSize = comp, size
			}
		}
		got := largestSCC(nn, es.from, es.to)
		for i := range nn {
			if want := best != nil && best[i]; got[i] != want {
				t.Fatalf("trial %d: node %d in the largest component: %v, want %v", trial, i, got[i], want)
			}
		}
	}
}

func TestHeapOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	var h minHeap
	for range 1000 {
		h.push(heapItem{rng.Float64(), 0})
	}
	prev := -1.0
	for len(h) > 0 {
		it := h.pop()
		if it.t < prev {
			t.Fatalf("popped %g after %g", it.t, prev)
		}
		prev = it.t
	}
}
