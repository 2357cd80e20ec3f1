package network

// largestSCC returns which of nn nodes belong to the largest strongly
// connected component of the graph with edges from[i]→to[i] (ties go to
// the component holding the lowest node index). Nodes without edges form
// no component. Tarjan's algorithm, iterative so that long roads cannot
// overflow the stack.
func largestSCC(nn int, from, to []uint32) []bool {
	offsets, targets, _, _ := edgeList{from: from, to: to, cost: make([]float64, len(from)), seg: make([]uint32, len(from))}.csr(nn)
	const unvisited = -1
	index := make([]int32, nn)
	low := make([]int32, nn)
	onStack := make([]bool, nn)
	comp := make([]int32, nn)
	for i := range index {
		index[i], comp[i] = unvisited, -1
	}
	var stack []uint32
	type frame struct {
		v    uint32
		next uint32 // next edge to look at
	}
	var call []frame
	counter := int32(0)
	ncomp := int32(0)
	var sizes, lowest []int
	for root := range nn {
		if index[root] != unvisited || offsets[root] == offsets[root+1] {
			continue
		}
		call = append(call, frame{uint32(root), offsets[root]})
		index[root], low[root] = counter, counter
		counter++
		stack = append(stack, uint32(root))
		onStack[root] = true
		for len(call) > 0 {
			f := &call[len(call)-1]
			v := f.v
			if f.next < offsets[v+1] {
				w := targets[f.next]
				f.next++
				if index[w] == unvisited {
					index[w], low[w] = counter, counter
					counter++
					stack = append(stack, w)
					onStack[w] = true
					call = append(call, frame{w, offsets[w]})
				} else if onStack[w] {
					low[v] = min(low[v], index[w])
				}
				continue
			}
			call = call[:len(call)-1]
			if len(call) > 0 {
				p := call[len(call)-1].v
				low[p] = min(low[p], low[v])
			}
			if low[v] == index[v] {
				size, least := 0, nn
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					onStack[w] = false
					comp[w] = ncomp
					size, least = size+1, min(least, int(w))
					if w == v {
						break
					}
				}
				sizes, lowest = append(sizes, size), append(lowest, least)
				ncomp++
			}
		}
	}
	best := int32(-1)
	for c, s := range sizes {
		if best < 0 || s > sizes[best] || s == sizes[best] && lowest[c] < lowest[best] {
			best = int32(c)
		}
	}
	keep := make([]bool, nn)
	for i, c := range comp {
		keep[i] = c >= 0 && c == best
	}
	return keep
}
