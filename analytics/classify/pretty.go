package classify

import "math"

// prettyBreaks returns round limits covering [lo, hi] in about k steps of
// 1, 2 or 5 × 10ⁿ (the step whose count of classes comes nearest k).
func prettyBreaks(lo, hi float64, k int) []float64 {
	if lo == hi {
		return []float64{lo, hi}
	}
	raw := (hi - lo) / float64(k)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	best, bestDiff := 0.0, math.Inf(1)
	for _, unit := range []float64{0.1, 0.2, 0.5, 1, 2, 5, 10} {
		step := unit * mag
		n := math.Ceil(hi/step-1e-9) - math.Floor(lo/step+1e-9)
		if d := math.Abs(n - float64(k)); d < bestDiff {
			best, bestDiff = step, d
		}
	}
	start := math.Floor(lo/best+1e-9) * best
	var b []float64
	for x := start; x < hi+best*1e-9; x += best {
		b = append(b, roundTo(x, best))
	}
	if last := b[len(b)-1]; last < hi {
		b = append(b, roundTo(last+best, best))
	}
	return b
}

// roundTo removes floating-point noise from a multiple of step.
func roundTo(x, step float64) float64 {
	digits := math.Max(0, -math.Floor(math.Log10(step))+1)
	p := math.Pow(10, digits)
	return math.Round(x*p) / p
}
