package analytics

import (
	"math"
	"sync"
)

// Derived is an observation computed from the geometry — coverage,
// facilities, grids — rather than reported, with the method and the
// figures it came from as its provenance.
type Derived struct {
	Observation
	Method string             `json:"method"`
	Inputs map[string]float64 `json:"inputs"`
}

// Deriver computes the derived observations of a snapshot. The analyses
// that implement it (coverage, standards) build on analytics, so the
// snapshot is handed one rather than calling them.
type Deriver func(*Snapshot) []Derived

// derivation holds a snapshot's derived observations, computed once on the
// first read that needs them.
type derivation struct {
	once    sync.Once
	derive  Deriver
	byKey   map[obsKey]*Derived
	some    map[string]bool // indicators with any derived value
	initial []Derived       // given outright (a restricted snapshot's, from its parent)
}

// WithDeriver makes s derive the observations of computed indicators with
// f the first time any value is read. Call it before s is shared: a
// snapshot is immutable once published.
func (s *Snapshot) WithDeriver(f Deriver) *Snapshot {
	s.derivation = &derivation{derive: f}
	return s
}

// derived returns the derived observations by key (nil without a deriver).
func (s *Snapshot) derived() map[obsKey]*Derived {
	d := s.derivation
	if d == nil {
		return nil
	}
	d.once.Do(func() {
		list := d.initial
		if d.derive != nil {
			list = d.derive(s)
		}
		d.byKey = make(map[obsKey]*Derived, len(list))
		d.some = map[string]bool{}
		for i := range list {
			o := &list[i]
			if ind, ok := s.Catalogue.Indicator(o.Indicator); ok && ind.Computed != nil {
				d.byKey[obsKey{o.Indicator, o.Region, o.Period}] = o
				d.some[o.Indicator] = true
			}
		}
	})
	return d.byKey
}

// DerivedPeriod is the year derived observations are for: the facilities
// and grids a snapshot holds carry no date, so they describe the latest
// year with observations (0 when there is none, and nothing is derived).
func (s *Snapshot) DerivedPeriod() int {
	if s.published != nil {
		return s.published.DerivedPeriod() // derived with the published snapshot
	}
	return s.LatestPeriod()
}

// Derivation returns the derived observation of an indicator for a region
// and period, with its provenance.
func (s *Snapshot) Derivation(indicator, region string, period int) (*Derived, bool) {
	o, ok := s.derived()[obsKey{indicator, region, period}]
	return o, ok
}

// Reported returns the stored (imported) value, whether or not a derived
// one takes its place; a submitted one where it stands in (WithSubmitted).
func (s *Snapshot) Reported(indicator, region string, period int) (float64, bool) {
	k := obsKey{indicator, region, period}
	if v, ok := s.submitted[k]; ok {
		return v, true
	}
	v, ok := s.obs[k]
	return v, ok
}

// Observed returns the value of an indicator for a region and period at
// its data level: the derived value where the geometry gives one,
// otherwise the reported one. Every answer reads values through here or
// Rollup, so all of them show the same figure.
func (s *Snapshot) Observed(indicator, region string, period int) (float64, bool) {
	if o, ok := s.derived()[obsKey{indicator, region, period}]; ok {
		return o.Value, true
	}
	return s.Reported(indicator, region, period)
}

// ShareTolerance is how far, in percentage points, a roll-up of reported
// values may stray from the roll-up of the values shown before the two
// disagree (the "within 5 points" of the choropleth's target classes).
const ShareTolerance = 5.0

// Agreement sets a region's value of a computed indicator beside the one
// its reported data give.
type Agreement struct {
	Computed Value
	// Reported is the value from reported data alone: the stored value at
	// the data level, the roll-up of stored values above it. Nil without
	// reported data.
	Reported *Value
	// Tolerance is the largest difference that still agrees.
	Tolerance float64
	// Disagrees when the two differ by more than Tolerance, or when one
	// meets the target and the other does not.
	Disagrees bool
	// Derivation is the derived observation at the data level (nil above).
	Derivation *Derived
}

// Agreement compares the value shown for a region with the reported one,
// for a computed indicator with a derived value at or beneath the region.
func (s *Snapshot) Agreement(ind *Indicator, code string, period int) (Agreement, bool) {
	if ind.Computed == nil || period != s.DerivedPeriod() || s.derived() == nil || !s.derivation.some[ind.ID] {
		return Agreement{}, false
	}
	shown, ok := s.Rollup(ind, period).Get(code)
	if !ok {
		return Agreement{}, false
	}
	a := Agreement{Computed: shown, Tolerance: ind.Computed.Tolerance}
	if d, ok := s.Derivation(ind.ID, code, period); ok {
		a.Derivation = d
	} else if r, ok := s.Region(code); !ok || r.Level == ind.DataLevel {
		return Agreement{}, false // a reported value the geometry could not derive
	} else if ind.Rollup.Method == ShareMeeting {
		a.Tolerance = ShareTolerance
	}
	if rep, ok := s.cachedRollup(ind, period, true).Get(code); ok {
		a.Reported = &rep
		a.Disagrees = math.Abs(rep.Value-shown.Value) > a.Tolerance+1e-9 || (shown.Judged && rep.Meets != shown.Meets)
	}
	return a, true
}
