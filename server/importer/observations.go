package importer

import (
	"bytes"
	"fmt"
	"math"
	"strconv"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store"
)

// minPeriod and maxPeriod bound the years an observation may be for.
const (
	minPeriod = 1949
	maxPeriod = 2100
)

// ReadObservations reads a CSV with columns indicator, region, period and
// value. Each region must be known and at the indicator's data level, each
// value inside the indicator's valid range (0 or 1 for yes/no, whole numbers
// for counts), and no (indicator, region, period) may appear twice.
func ReadObservations(file string, data []byte, cat *analytics.Catalogue, idx Index) (*store.Changeset, error) {
	cs := &store.Changeset{Kind: Observations, Source: file}
	err := StreamObservations(file, bytes.NewReader(data), cat, idx, func(o analytics.Observation) error {
		cs.Observations = append(cs.Observations, o)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return cs, nil
}

// parseObservation checks one row; on failure the Problem says why.
func parseObservation(t *csvTable, row []string, cat *analytics.Catalogue, idx Index) (analytics.Observation, Problem, bool) {
	o := analytics.Observation{Indicator: t.get(row, "indicator"), Region: t.get(row, "region")}
	ind, read, ok := lookupIndicator(cat, o.Indicator)
	if !ok {
		return o, Problem{Code: o.Region, Field: "indicator", Message: fmt.Sprintf("unknown indicator %q (GET /api/v1/indicators lists them)", o.Indicator)}, false
	}
	reg, ok := idx.Region(o.Region)
	if !ok {
		return o, Problem{Code: o.Region, Field: "region", Message: fmt.Sprintf("unknown region code %q", o.Region)}, false
	}
	if reg.Level != ind.DataLevel {
		return o, Problem{Code: o.Region, Field: "region", Message: fmt.Sprintf(
			"region %s is a %s, but %s is observed per %s", o.Region, reg.Level, ind.ID, ind.DataLevel)}, false
	}
	period, err := strconv.Atoi(t.get(row, "period"))
	if err != nil || period < minPeriod || period > maxPeriod {
		return o, Problem{Code: o.Region, Field: "period", Message: fmt.Sprintf(
			"period %q is not a year from %d to %d", t.get(row, "period"), minPeriod, maxPeriod)}, false
	}
	o.Period = period
	v, err := read(t.get(row, "value"), reg)
	if err != nil {
		return o, Problem{Code: o.Region, Field: "value", Message: err.Error()}, false
	}
	o.Value = v
	// The catalogue's and the index's strings, equal to the row's: the
	// row's may hold the whole line alive.
	o.Indicator, o.Region = ind.ID, reg.Code
	return o, Problem{}, true
}

// parseValue reads a number and checks it against the indicator's range and
// unit.
func parseValue(s string, ind *analytics.Indicator) (float64, error) {
	if s == "" {
		return 0, fmt.Errorf("value is empty")
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("value %q is not a number", s)
	}
	lo, hi := ind.ValidRange[0], ind.ValidRange[1]
	if v < lo || v > hi {
		return 0, fmt.Errorf("value %g is outside %s's range [%g, %g] (%s)", v, ind.ID, lo, hi, ind.Unit)
	}
	switch ind.Unit {
	case "yes/no":
		if v != 0 && v != 1 {
			return 0, fmt.Errorf("value %g: %s is yes/no, give 1 or 0", v, ind.ID)
		}
	case "count", "persons":
		if v != math.Trunc(v) {
			return 0, fmt.Errorf("value %g: %s is a count, give a whole number", v, ind.ID)
		}
	}
	return v, nil
}
