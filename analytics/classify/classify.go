// Package classify divides indicator values into classes for choropleth
// maps and colours them with ColorBrewer palettes.
//
// Breaks are the class limits, ascending, one more than the classes: class i
// holds values in the half-open range [breaks[i], breaks[i+1]), the last
// class also holding its upper limit. The methods:
//
//   - equal: equal-width classes from the minimum to the maximum;
//   - quantile: classes of (nearly) equal counts, breaks at the sample
//     quantiles (linear interpolation between order statistics, R's type 7);
//   - jenks: natural breaks, the exact optimum of the within-class sum of
//     squared deviations (Fisher's dynamic programme, computed in
//     O(k·n·log n) by divide and conquer over the monotone split points as in
//     Ckmeans.1d.dp), with each break halfway between the neighbouring classes;
//   - pretty: round breaks (1, 2 or 5 × 10ⁿ apart) covering the values, about
//     the number of classes asked for (R's pretty);
//   - stddev: breaks at the mean ± whole or half standard deviations, one
//     standard deviation wide, the outer classes open to the minimum and
//     maximum;
//   - manual: breaks given by the caller.
package classify

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Method names a classification method.
type Method string

// The methods; see the package documentation.
const (
	Equal    Method = "equal"
	Quantile Method = "quantile"
	Jenks    Method = "jenks"
	Pretty   Method = "pretty"
	StdDev   Method = "stddev"
	Manual   Method = "manual"
)

// Methods lists the value-based methods.
var Methods = []Method{Equal, Quantile, Jenks, Pretty, StdDev, Manual}

// MinClasses and MaxClasses bound the number of classes (ColorBrewer's range).
const (
	MinClasses = 3
	MaxClasses = 9
)

// Error is an input that cannot be classified. It keeps its format and
// arguments (MessageFormat), so that a caller can say it in another
// language.
type Error struct {
	format string
	args   []any
}

func classifyError(format string, args ...any) error { return &Error{format, args} }

func (e *Error) Error() string { return "classify: " + fmt.Sprintf(e.format, e.args...) }

// MessageFormat is the error's format and arguments, without the
// package's prefix.
func (e *Error) MessageFormat() (string, []any) { return e.format, e.args }

// ErrNoValues is returned when there is nothing to classify.
var ErrNoValues = errors.New("classify: no values")

// Breaks computes the class limits of values by method into k classes
// (manual takes its breaks from manual instead). values need not be sorted
// and are not modified.
func Breaks(method Method, values []float64, k int, manual []float64) ([]float64, error) {
	if method == Manual {
		return checkManual(manual)
	}
	if k < MinClasses || k > MaxClasses {
		return nil, classifyError("%d classes; between %d and %d are possible", k, MinClasses, MaxClasses)
	}
	if len(values) == 0 {
		return nil, ErrNoValues
	}
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	for _, v := range sorted {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, classifyError("value %g is not finite", v)
		}
	}
	switch method {
	case Equal:
		return equalBreaks(sorted, k), nil
	case Quantile:
		return quantileBreaks(sorted, k), nil
	case Jenks:
		return jenksBreaks(sorted, k), nil
	case Pretty:
		return prettyBreaks(sorted[0], sorted[len(sorted)-1], k), nil
	case StdDev:
		return stddevBreaks(sorted, k), nil
	}
	return nil, classifyError("unknown method %q", method)
}

func checkManual(b []float64) ([]float64, error) {
	if len(b) < 2 || len(b)-1 > MaxClasses {
		return nil, classifyError("manual breaks need 2 to %d limits, got %d", MaxClasses+1, len(b))
	}
	for i, v := range b {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, classifyError("manual break %g is not finite", v)
		}
		if i > 0 && v <= b[i-1] {
			return nil, classifyError("manual breaks must rise: %g follows %g", v, b[i-1])
		}
	}
	return slices.Clone(b), nil
}

// Class returns the class of v under breaks, or -1 when v lies outside them.
func Class(breaks []float64, v float64) int {
	n := len(breaks) - 1
	if n < 1 || v < breaks[0] || v > breaks[n] || math.IsNaN(v) {
		return -1
	}
	// The first limit above v closes v's class; v equal to a limit belongs
	// to the class that limit opens.
	i, _ := slices.BinarySearch(breaks, v)
	if i < len(breaks) && breaks[i] == v {
		return min(i, n-1)
	}
	return i - 1
}

func equalBreaks(sorted []float64, k int) []float64 {
	lo, hi := sorted[0], sorted[len(sorted)-1]
	b := make([]float64, k+1)
	for i := range b {
		b[i] = lo + (hi-lo)*float64(i)/float64(k)
	}
	b[k] = hi
	return dedupe(b)
}

func quantileBreaks(sorted []float64, k int) []float64 {
	b := make([]float64, k+1)
	for i := range b {
		b[i] = quantile(sorted, float64(i)/float64(k))
	}
	return dedupe(b)
}

// quantile is R's type 7: linear interpolation between order statistics.
func quantile(sorted []float64, p float64) float64 {
	h := p * float64(len(sorted)-1)
	lo := int(math.Floor(h))
	if lo >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

func stddevBreaks(sorted []float64, k int) []float64 {
	var sum, sq float64
	for _, v := range sorted {
		sum += v
	}
	mean := sum / float64(len(sorted))
	for _, v := range sorted {
		sq += (v - mean) * (v - mean)
	}
	sd := math.Sqrt(sq / float64(len(sorted)))
	lo, hi := sorted[0], sorted[len(sorted)-1]
	if sd == 0 {
		return []float64{lo, hi}
	}
	// Interior limits at mean + (i − k/2)·sd: with an even k the mean is a
	// limit, with an odd k it is the middle of the central class.
	b := []float64{lo}
	for i := 1; i < k; i++ {
		x := mean + (float64(i)-float64(k)/2)*sd
		if x > lo && x < hi {
			b = append(b, x)
		}
	}
	return append(b, hi)
}

// dedupe drops repeated limits (values with ties or no spread), which would
// make empty classes.
func dedupe(b []float64) []float64 {
	out := b[:1]
	for _, v := range b[1:] {
		if v > out[len(out)-1] {
			out = append(out, v)
		}
	}
	if len(out) == 1 {
		out = append(out, out[0]) // every value equal: one class [v, v]
	}
	return out
}
