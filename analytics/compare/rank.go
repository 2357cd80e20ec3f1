package compare

import (
	"cmp"
	"slices"
)

// rankDescending gives competition ranks to the n items that have a key,
// highest key first: equal keys share a rank and the next rank skips
// ("1, 2, 2, 4"). Items without a key are left unranked.
func rankDescending(n int, key func(i int) (float64, bool), setRank func(i, rank int)) {
	keys := make([]float64, n)
	var idx []int
	for i := range n {
		if k, ok := key(i); ok {
			keys[i] = k
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(keys[b], keys[a]) })
	rank := 0
	for pos, i := range idx {
		if pos == 0 || keys[i] != keys[idx[pos-1]] {
			rank = pos + 1
		}
		setRank(i, rank)
	}
}
