package classify_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/community-atlas/atlas/analytics/classify"
)

func near(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-9 {
			return false
		}
	}
	return true
}

func TestBreaks(t *testing.T) {
	oneToNine := []float64{9, 1, 8, 2, 7, 3, 6, 4, 5}
	cases := []struct {
		name   string
		method classify.Method
		values []float64
		k      int
		want   []float64
	}{
		{"equal", classify.Equal, []float64{0, 10, 3, 7}, 5, []float64{0, 2, 4, 6, 8, 10}},
		// R: quantile(1:9, c(0, .25, .5, .75, 1)) = 1 3 5 7 9.
		{"quantile", classify.Quantile, oneToNine, 4, []float64{1, 3, 5, 7, 9}},
		// R: quantile(c(1, 2, 4, 8), (0:3)/3) = 1, 2, 4, 8 (type 7: h = 1, 2).
		{"quantile interpolated", classify.Quantile, []float64{8, 1, 4, 2}, 3, []float64{1, 2, 4, 8}},
		// Three obvious clusters.
		{"jenks clusters", classify.Jenks, []float64{22, 1, 2, 3, 10, 11, 12, 20, 21}, 3, []float64{1, 6.5, 16, 22}},
		// R: pretty(c(0.3, 97), n = 5) = 0 20 40 60 80 100.
		{"pretty", classify.Pretty, []float64{0.3, 97, 50}, 5, []float64{0, 20, 40, 60, 80, 100}},
		// R: pretty(c(71.5, 98.7), n = 5) = 70 75 80 85 90 95 100.
		{"pretty percentages", classify.Pretty, []float64{71.5, 98.7}, 5, []float64{70, 75, 80, 85, 90, 95, 100}},
		// Mean 5, population sd sqrt(20/3) ≈ 2.582: limits at 5 ± 2.582 for k = 4
		// (the mean itself, and ±1 sd), outer classes open to 1 and 9.
		{"stddev", classify.StdDev, oneToNine, 4, []float64{1, 5 - math.Sqrt(20.0/3), 5, 5 + math.Sqrt(20.0/3), 9}},
		{"all equal", classify.Quantile, []float64{4, 4, 4}, 5, []float64{4, 4}},
	}
	for _, c := range cases {
		got, err := classify.Breaks(c.method, c.values, c.k, nil)
		if err != nil || !near(got, c.want) {
			t.Errorf("%s: breaks %v, %v; want %v", c.name, got, err, c.want)
		}
	}
}

func TestBreaksErrors(t *testing.T) {
	if _, err := classify.Breaks(classify.Equal, []float64{1}, 2, nil); err == nil {
		t.Error("2 classes accepted")
	}
	if _, err := classify.Breaks(classify.Equal, nil, 5, nil); err != classify.ErrNoValues {
		t.Errorf("no values: %v", err)
	}
	if _, err := classify.Breaks(classify.Manual, nil, 0, []float64{1, 3, 2}); err == nil {
		t.Error("falling manual breaks accepted")
	}
	if b, err := classify.Breaks(classify.Manual, nil, 0, []float64{0, 50, 100}); err != nil || !near(b, []float64{0, 50, 100}) {
		t.Errorf("manual: %v %v", b, err)
	}
	if _, err := classify.Breaks("median", []float64{1}, 5, nil); err == nil {
		t.Error("unknown method accepted")
	}
}

func TestClass(t *testing.T) {
	b := []float64{0, 10, 20, 30}
	for v, want := range map[float64]int{-1: -1, 0: 0, 5: 0, 10: 1, 19.99: 1, 20: 2, 30: 2, 30.01: -1} {
		if got := classify.Class(b, v); got != want {
			t.Errorf("Class(%v) = %d, want %d", v, got, want)
		}
	}
}

// sse of a partition given the starts of its classes.
func sse(sorted []float64, starts []int) float64 {
	total := 0.0
	for c, s := range starts {
		e := len(sorted)
		if c+1 < len(starts) {
			e = starts[c+1]
		}
		mean := 0.0
		for _, v := range sorted[s:e] {
			mean += v
		}
		mean /= float64(e - s)
		for _, v := range sorted[s:e] {
			total += (v - mean) * (v - mean)
		}
	}
	return total
}

// bestSSE tries every partition of sorted into k classes.
func bestSSE(sorted []float64, k int) float64 {
	best := math.Inf(1)
	var rec func(starts []int)
	rec = func(starts []int) {
		if len(starts) == k {
			best = math.Min(best, sse(sorted, starts))
			return
		}
		for s := starts[len(starts)-1] + 1; s <= len(sorted)-(k-len(starts)); s++ {
			rec(append(slices.Clone(starts), s))
		}
	}
	rec([]int{0})
	return best
}

// TestJenksIsOptimal compares the divide-and-conquer optimum with an
// exhaustive search over every partition, on seeded random data.
func TestJenksIsOptimal(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		n, k := 6+r.IntN(9), 3+r.IntN(3)
		values := make([]float64, n)
		for i := range values {
			values[i] = math.Round(r.NormFloat64()*20+float64(r.IntN(3))*40) / 2
		}
		sorted := slices.Clone(values)
		slices.Sort(sorted)
		b, err := classify.Breaks(classify.Jenks, values, k, nil)
		if err != nil {
			t.Fatal(err)
		}
		// Rebuild the partition from the breaks: class i starts at the
		// first value ≥ breaks[i].
		var starts []int
		for _, lim := range b[:len(b)-1] {
			i, _ := slices.BinarySearch(sorted, lim)
			starts = append(starts, i)
		}
		want := bestSSE(sorted, len(starts))
		if got := sse(sorted, starts); got > want+1e-9 {
			t.Fatalf("values %v k %d: breaks %v give SSE %g; the optimum is %g", sorted, k, b, got, want)
		}
	}
}

func TestColours(t *testing.T) {
	c, err := classify.Colours("RdBu", 5)
	// colorbrewer2.org RdBu, 5 classes.
	if err != nil || !slices.Equal(c, []string{"#ca0020", "#f4a582", "#f7f7f7", "#92c5de", "#0571b0"}) {
		t.Errorf("RdBu 5 = %v, %v", c, err)
	}
	if _, err := classify.Colours("Rainbow", 5); err == nil {
		t.Error("unknown palette accepted")
	}
	if _, err := classify.Colours("Blues", 12); err == nil {
		t.Error("12 classes accepted")
	}
}

func BenchmarkJenks2005(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	values := make([]float64, 2005)
	for i := range values {
		values[i] = r.NormFloat64()*10 + 80
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := classify.Breaks(classify.Jenks, values, 7, nil); err != nil {
			b.Fatal(err)
		}
	}
}
