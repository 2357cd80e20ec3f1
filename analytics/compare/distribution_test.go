package compare_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/compare"
)

func TestDistribution(t *testing.T) {
	s := fixture(t)
	ind, _ := s.Catalogue.Indicator("registered_volunteers")
	spreads := compare.Distribution(s, ind, counties(s), 2013)
	// B: 3 4 5 6 20 → Q1 4, median 5, Q3 6, fences 1 and 9: 20 is out.
	b := spreads[1]
	if b.Code != "320623" || b.N != 5 || *b.Q1 != 4 || *b.Median != 5 || *b.Q3 != 6 || *b.Min != 3 || *b.Max != 20 ||
		*b.LowerWhisker != 3 || *b.UpperWhisker != 6 || !near(*b.Mean, 7.6) {
		t.Errorf("B spread %+v", b)
	}
	if len(b.Outliers) != 1 || b.Outliers[0].Code != "320623001205" || b.Outliers[0].Value != 20 {
		t.Errorf("B outliers %+v", b.Outliers)
	}
	// Rural ≥5: 3 and 4 fall short.
	if b.BelowTarget != 2 || b.MeetingTarget != 3 {
		t.Errorf("B below %d meeting %d", b.BelowTarget, b.MeetingTarget)
	}
	// A: 4 10 → Q1 5.5, median 7, Q3 8.5.
	if a := spreads[0]; a.N != 2 || *a.Q1 != 5.5 || *a.Median != 7 || *a.Q3 != 8.5 || len(a.Outliers) != 0 {
		t.Errorf("A spread %+v", a)
	}
	if c := spreads[2]; c.N != 0 || c.Median != nil || c.Outliers == nil {
		t.Errorf("C has no values: %+v", c)
	}
	// Data level above the compared level: nothing beneath.
	pilot, _ := s.Catalogue.Indicator("interaction_pilot")
	if sp := compare.Distribution(s, pilot, s.Select(analytics.Community, ""), 2013); sp[0].N != 0 {
		t.Errorf("township-level indicator under a community: %+v", sp[0])
	}
}

// Quantile at p lies within the values, has at least ⌊p·(n−1)⌋+1 values at
// or below it, and its median agrees with the textbook median.
func TestQuantileBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		n := 1 + r.IntN(30)
		vals := make([]float64, n)
		for i := range vals {
			vals[i] = float64(r.IntN(20))
		}
		sort.Float64s(vals)
		for _, p := range []float64{0, 0.25, 0.5, 0.75, 1} {
			q := compare.Quantile(vals, p)
			below := 0
			for _, v := range vals {
				if v <= q {
					below++
				}
			}
			if below < int(math.Floor(p*float64(n-1)))+1 || q < vals[0] || q > vals[n-1] {
				t.Fatalf("Quantile(%v, %v) = %v", vals, p, q)
			}
		}
		if compare.Quantile(vals, 0.5) != median(vals) {
			t.Fatalf("median of %v: %v vs %v", vals, compare.Quantile(vals, 0.5), median(vals))
		}
	}
}

func median(sorted []float64) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

func TestQuantileHand(t *testing.T) {
	v := []float64{1, 2, 3, 4}
	for p, want := range map[float64]float64{0: 1, 0.25: 1.75, 0.5: 2.5, 0.75: 3.25, 1: 4} {
		if got := compare.Quantile(v, p); got != want {
			t.Errorf("Quantile(%v) = %v, want %v", p, got, want)
		}
	}
	if !slices.Equal(v, []float64{1, 2, 3, 4}) {
		t.Error("Quantile changed its input")
	}
}
