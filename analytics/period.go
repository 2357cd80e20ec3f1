package analytics

import (
	"fmt"
	"strconv"
)

// Deadline is how finely the notice dates a target: by the end of a year
// (年内, 年底, 2013年) or of its first half (上半年).
type Deadline string

// The deadline granularities of the notice.
const (
	ByYear     Deadline = "year"
	ByHalfYear Deadline = "half-year"
)

// Applies says which periods a target holds for, read from the notice's
// wording: From–To inclusive, To 0 for every year from From on (每年).
// Periods are years; a half-year deadline is met or missed in the year's
// figure, which is the first the notice's data gives after it (see
// seeds/README.md).
type Applies struct {
	From     int      `json:"from"`
	To       int      `json:"to,omitempty"`
	Deadline Deadline `json:"deadline"`
	Wording  string   `json:"wording"` // the notice's words the dating is read from
	// Inferred marks a dating the notice does not state for this target:
	// then Wording is the notice's title year (listed in seeds/README.md).
	Inferred bool `json:"inferred,omitempty"`
}

// Holds reports whether the target applies in period p.
func (a Applies) Holds(p int) bool {
	return p >= a.From && (a.To == 0 || p <= a.To)
}

// Due is the deadline within period p, as a date: the year's last day, or
// the last day of its first half.
func (a Applies) Due(p int) string {
	if a.Deadline == ByHalfYear {
		return strconv.Itoa(p) + "-06-30"
	}
	return strconv.Itoa(p) + "-12-31"
}

func (a Applies) validate() error {
	switch {
	case a.From < 1900 || a.From > 2200:
		return fmt.Errorf("applies.from %d is not a year", a.From)
	case a.To != 0 && a.To < a.From:
		return fmt.Errorf("applies.to %d is before applies.from %d", a.To, a.From)
	case a.Deadline != ByYear && a.Deadline != ByHalfYear:
		return fmt.Errorf("applies.deadline %q is not year or half-year", a.Deadline)
	case a.Wording == "":
		return fmt.Errorf("applies.wording is empty: quote the notice's words the dating comes from")
	}
	return nil
}

// JudgedPeriod is the period with observations in which the most of the
// catalogue's targets apply, the latest of those tied; LatestPeriod when
// the catalogue dates none. A leader's summary defaults to it: the latest
// year may hold data that no target of the notice judges.
func (s *Snapshot) JudgedPeriod() int {
	best, most := s.LatestPeriod(), 0
	for _, p := range s.periods {
		n := 0
		for i := range s.Catalogue.Indicators {
			if a := s.Catalogue.Indicators[i].Applies; a != nil && a.Holds(p) {
				n++
			}
		}
		if n > 0 && n >= most {
			best, most = p, n
		}
	}
	return best
}

// DefaultPeriod is the year a map or a table opens on: the latest period
// whose observations reach at least half as many regions as the
// best-reported period does. A few early figures for a new year (two
// communities reporting 2015) must not turn everyone's map grey; once most
// regions have reported, the new year is the default. 0 without data.
func (s *Snapshot) DefaultPeriod() int {
	most := 0
	for _, n := range s.covered {
		most = max(most, n)
	}
	for i := len(s.periods) - 1; i >= 0; i-- {
		if p := s.periods[i]; 2*s.covered[p] >= most {
			return p
		}
	}
	return 0
}
