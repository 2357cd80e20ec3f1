package roundcheck_test

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/roundcheck"
)

// naiveMedian sorts by insertion and reads the middle, as by hand.
func naiveMedian(xs []float64) float64 {
	var s []float64
	for _, x := range xs {
		x = math.Abs(x)
		i := sort.SearchFloat64s(s, x)
		s = append(s[:i], append([]float64{x}, s[i:]...)...)
	}
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func TestMedianAbsChange(t *testing.T) {
	if got := roundcheck.MedianAbsChange([]float64{-4, 1, 2}); got != 2 {
		t.Errorf("median of |-4|,1,2 = %g, want 2", got)
	}
	if got := roundcheck.MedianAbsChange([]float64{-4, 1, 2, 10}); got != 3 {
		t.Errorf("median of 4,1,2,10 = %g, want 3", got)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		xs := make([]float64, r.IntN(30))
		for i := range xs {
			xs[i] = math.Round(r.NormFloat64()*100) / 10
		}
		if got, want := roundcheck.MedianAbsChange(xs), naiveMedian(xs); got != want {
			t.Fatalf("MedianAbsChange(%v) = %g, want %g", xs, got, want)
		}
	}
}

func TestValue(t *testing.T) {
	count := &analytics.Indicator{ID: "mass_incidents", Unit: "count", ValidRange: [2]float64{0, 1000}}
	share := &analytics.Indicator{ID: "voter_participation", Unit: "%", ValidRange: [2]float64{0, 100}}
	for _, tc := range []struct {
		ind  *analytics.Indicator
		v    float64
		want string
	}{
		{count, 3, ""},
		{count, 2.5, "2.5 is not a whole number (count counts)"},
		{count, 1001, "1001 is outside the valid range 0 to 1000"},
		{share, 2.5, ""},
		{share, -1, "-1 is outside the valid range 0 to 100"},
		{share, math.NaN(), "not a number"},
	} {
		if got := roundcheck.Value(tc.ind, tc.v); got != tc.want {
			t.Errorf("Value(%s, %g) = %q, want %q", tc.ind.ID, tc.v, got, tc.want)
		}
	}
}

func TestFlagged(t *testing.T) {
	if !roundcheck.Flagged(10, 3, 2) || roundcheck.Flagged(9, 3, 2) || !roundcheck.Flagged(1, 0, 0) || roundcheck.Flagged(1, 1, 0) {
		t.Error("the threshold is more than 3 median absolute changes")
	}
}
