package classify

// jenksBreaks returns the breaks of the optimal k-class partition of sorted
// values (minimum within-class sum of squared deviations).
func jenksBreaks(sorted []float64, k int) []float64 {
	n := len(sorted)
	distinct := 1
	for i := 1; i < n; i++ {
		if sorted[i] != sorted[i-1] {
			distinct++
		}
	}
	k = min(k, distinct)
	if k <= 1 {
		return dedupe([]float64{sorted[0], sorted[n-1]})
	}
	starts := optimalStarts(sorted, k)
	b := make([]float64, 0, k+1)
	b = append(b, sorted[0])
	for _, s := range starts[1:] {
		// Halfway between the classes, so no limit is itself a data value
		// and a one-value class at either end keeps a width.
		b = append(b, (sorted[s-1]+sorted[s])/2)
	}
	return dedupe(append(b, sorted[n-1]))
}

// optimalStarts returns the index where each of the k classes begins in the
// optimal partition of sorted.
func optimalStarts(sorted []float64, k int) []int {
	n := len(sorted)
	c := newSSE(sorted)
	// prev[i]: best cost of splitting sorted[0..i] into the classes so far.
	prev := make([]float64, n)
	for i := range prev {
		prev[i] = c.cost(0, i)
	}
	// from[q][i]: start of the last class in the best split of sorted[0..i]
	// into q+1 classes.
	from := make([][]int, k)
	from[0] = make([]int, n)
	cur := make([]float64, n)
	for q := 1; q < k; q++ {
		from[q] = make([]int, n)
		fill(c, prev, cur, from[q], q, n-1, q, n-1)
		prev, cur = cur, prev
	}
	starts := make([]int, k)
	end := n - 1
	for q := k - 1; q >= 1; q-- {
		starts[q] = from[q][end]
		end = starts[q] - 1
	}
	return starts
}

// fill computes cur[i] for i in [lo, hi] given that the optimal start of
// the last class lies in [optLo, optHi]: the optimal start never decreases
// as i grows (the cost is a Monge array), so solving the middle index first
// halves the range for each side.
func fill(c *sse, prev, cur []float64, from []int, lo, hi, optLo, optHi int) {
	if lo > hi {
		return
	}
	mid := (lo + hi) / 2
	best, arg := -1.0, -1
	for j := max(optLo, 1); j <= min(mid, optHi); j++ {
		v := prev[j-1] + c.cost(j, mid)
		if arg < 0 || v < best {
			best, arg = v, j
		}
	}
	cur[mid], from[mid] = best, arg
	fill(c, prev, cur, from, lo, mid-1, optLo, arg)
	fill(c, prev, cur, from, mid+1, hi, arg, optHi)
}

// sse gives the sum of squared deviations of any run of sorted values in
// O(1) from prefix sums (shifted by the median for numerical stability).
type sse struct {
	sum, sq []float64
}

func newSSE(sorted []float64) *sse {
	shift := sorted[len(sorted)/2]
	s := &sse{sum: make([]float64, len(sorted)+1), sq: make([]float64, len(sorted)+1)}
	for i, v := range sorted {
		d := v - shift
		s.sum[i+1] = s.sum[i] + d
		s.sq[i+1] = s.sq[i] + d*d
	}
	return s
}

// cost of the class sorted[i..j], inclusive.
func (s *sse) cost(i, j int) float64 {
	n := float64(j - i + 1)
	sum := s.sum[j+1] - s.sum[i]
	v := s.sq[j+1] - s.sq[i] - sum*sum/n
	if v < 0 {
		return 0
	}
	return v
}
