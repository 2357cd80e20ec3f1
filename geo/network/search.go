package network

import "math"

// Source is where a search starts: a node, reached after Time already
// spent (the way from a point off the node to it).
type Source struct {
	Node uint32
	Time float64
}

// Tree is the result of a search: the shortest time to every node, +Inf
// beyond the budget, and the nodes reached in the order they were settled.
type Tree struct {
	Time    []float64
	Reached []uint32
}

// heapItem is a node with a tentative time.
type heapItem struct {
	t float64
	v uint32
}

// minHeap is a binary heap of tentative times. A node may be in it more
// than once; entries older than the node's best time are skipped when
// popped (lazy deletion), which is cheaper than a decrease-key.
type minHeap []heapItem

func (h *minHeap) push(it heapItem) {
	*h = append(*h, it)
	a := *h
	i := len(a) - 1
	for i > 0 {
		p := (i - 1) / 2
		if a[p].t <= it.t {
			break
		}
		a[i] = a[p]
		i = p
	}
	a[i] = it
}

func (h *minHeap) pop() heapItem {
	a := *h
	top := a[0]
	last := a[len(a)-1]
	a = a[:len(a)-1]
	*h = a
	if len(a) == 0 {
		return top
	}
	i := 0
	for {
		c := 2*i + 1
		if c >= len(a) {
			break
		}
		if c+1 < len(a) && a[c+1].t < a[c].t {
			c++
		}
		if last.t <= a[c].t {
			break
		}
		a[i] = a[c]
		i = c
	}
	a[i] = last
	return top
}

// ShortestTimes runs Dijkstra's algorithm from all sources at once: the
// time to each node is the least over the sources of the source's time plus
// the path's cost. Nodes further than budget seconds are left at +Inf (a
// node at exactly the budget is reached). Costs must not be negative.
func (g *Graph) ShortestTimes(sources []Source, budget float64) *Tree {
	n := g.NumNodes()
	tr := &Tree{Time: make([]float64, n)}
	for i := range tr.Time {
		tr.Time[i] = math.Inf(1)
	}
	h := make(minHeap, 0, 64)
	for _, s := range sources {
		if int(s.Node) < n && s.Time <= budget && s.Time < tr.Time[s.Node] {
			tr.Time[s.Node] = s.Time
			h.push(heapItem{s.Time, s.Node})
		}
	}
	done := make([]bool, n)
	for len(h) > 0 {
		it := h.pop()
		u := it.v
		if done[u] || it.t > tr.Time[u] {
			continue
		}
		done[u] = true
		tr.Reached = append(tr.Reached, u)
		for e := g.Offsets[u]; e < g.Offsets[u+1]; e++ {
			v := g.Targets[e]
			t := it.t + g.Costs[e]
			if t < tr.Time[v] && t <= budget {
				tr.Time[v] = t
				h.push(heapItem{t, v})
			}
		}
	}
	return tr
}
