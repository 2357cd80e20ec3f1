// Package roundcheck holds the checks a round's values pass before they
// may be submitted, beyond the indicator's valid range: counts are whole,
// and a change from last year far beyond the usual one needs a reason.
// "Far beyond" is robust: more than Factor times the median absolute
// change of all regions reporting the indicator in the round, so that a
// few wild values do not raise the bar for everyone.
package roundcheck

import (
	"fmt"
	"math"
	"slices"

	"github.com/community-atlas/atlas/analytics"
)

// Factor is how many median absolute changes a change may reach without a
// reason.
const Factor = 3.0

// wholeUnits are the units whose values are counts: the catalogue's
// English units and the Chinese ones of the notice's tables.
var wholeUnits = map[string]bool{"count": true, "persons": true, "households": true, "yes/no": true,
	"个": true, "人": true, "户": true}

// Whole reports whether ind counts things, so that its values are whole.
func Whole(ind *analytics.Indicator) bool { return wholeUnits[ind.Unit] }

// Value says what is wrong with v as a value of ind, or "": outside the
// valid range, or not whole for a count.
func Value(ind *analytics.Indicator, v float64) string {
	format, args := Problem(ind, v)
	if format == "" {
		return ""
	}
	return fmt.Sprintf(format, args...)
}

// Problem is Value as a format and its arguments ("" when nothing is
// wrong), for a caller that says it in another language.
func Problem(ind *analytics.Indicator, v float64) (string, []any) {
	lo, hi := ind.ValidRange[0], ind.ValidRange[1]
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "not a number", nil
	case v < lo || v > hi:
		return "%g is outside the valid range %g to %g", []any{v, lo, hi}
	case Whole(ind) && v != math.Trunc(v):
		return "%g is not a whole number (%s counts)", []any{v, ind.Unit}
	}
	return "", nil
}

// MedianAbsChange is the median of |change| over changes; 0 for none.
func MedianAbsChange(changes []float64) float64 {
	if len(changes) == 0 {
		return 0
	}
	abs := make([]float64, len(changes))
	for i, c := range changes {
		abs[i] = math.Abs(c)
	}
	slices.Sort(abs)
	n := len(abs)
	if n%2 == 1 {
		return abs[n/2]
	}
	return (abs[n/2-1] + abs[n/2]) / 2
}

// Flagged reports whether the change from last to v needs a reason, given
// the median absolute change of the indicator: more than Factor times it.
// Where most regions did not change (a median of 0), any change does.
func Flagged(v, last, median float64) bool {
	return math.Abs(v-last) > Factor*median
}
