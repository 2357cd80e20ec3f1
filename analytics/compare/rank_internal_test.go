package compare

import (
	"math/rand/v2"
	"testing"
)

// A rank is one more than the number of keyed items with a greater key;
// unkeyed items stay unranked.
func TestRankDescendingBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 300 {
		n := r.IntN(12)
		keys := make([]float64, n)
		has := make([]bool, n)
		for i := range keys {
			keys[i], has[i] = float64(r.IntN(5)), r.IntN(4) > 0
		}
		got := make([]int, n)
		rankDescending(n, func(i int) (float64, bool) { return keys[i], has[i] }, func(i, rank int) { got[i] = rank })
		for i := range keys {
			want := 0
			if has[i] {
				want = 1
				for j := range keys {
					if has[j] && keys[j] > keys[i] {
						want++
					}
				}
			}
			if got[i] != want {
				t.Fatalf("keys %v (keyed %v): item %d ranked %d, want %d", keys, has, i, got[i], want)
			}
		}
	}
}
