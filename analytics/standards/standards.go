package standards

import (
	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/internal/snapcache"
)

// The floor-area standards of task 15, in m², and the compliance target.
const (
	CommunityCentreMinM2         = 400.0
	CommunityCentreM2Per100Homes = 20.0 // per 100 households
	TownshipCentreMinM2          = 1500.0
	CountyCentreMinM2            = 3000.0
	ComplianceTarget             = 0.95
)

// RequiredFloorArea is the floor area the service centre of r must have;
// ok is false for the city, which needs none.
func RequiredFloorArea(r *analytics.Region) (m2 float64, ok bool) {
	switch r.Level {
	case analytics.Community:
		return max(CommunityCentreMinM2, CommunityCentreM2Per100Homes*float64(r.Households)/100), true
	case analytics.Township:
		return TownshipCentreMinM2, true
	case analytics.County:
		return CountyCentreMinM2, true
	}
	return 0, false
}

// Tier counts the units a standard applies to in a region, and those of
// them meeting it.
type Tier struct {
	Units, Meeting int
}

// Rate is Meeting over Units, or 0 without units.
func (t Tier) Rate() float64 {
	if t.Units == 0 {
		return 0
	}
	return float64(t.Meeting) / float64(t.Units)
}

// All reports whether there are units and all of them meet the standard.
func (t Tier) All() bool { return t.Units > 0 && t.Meeting == t.Units }

func (t *Tier) add(o Tier) {
	t.Units += o.Units
	t.Meeting += o.Meeting
}

func unit(meets bool) Tier {
	if meets {
		return Tier{Units: 1, Meeting: 1}
	}
	return Tier{Units: 1}
}

// Region is every standard for one region: its own facilities where the
// standard is about it, and counts over everything inside it.
type Region struct {
	Code      string
	FloorArea FloorArea
	Police    Police
	Health    Health
}

// Standards holds the standards of every region of a snapshot.
type Standards struct {
	regions map[string]*Region
}

// Region returns the standards of the region with the given code.
func (st *Standards) Region(code string) (*Region, bool) {
	r, ok := st.regions[code]
	return r, ok
}

var computed snapcache.Cache[*Standards]

// Of returns the standards of s, computed on the first call for s and kept
// while s lives.
func Of(s *analytics.Snapshot) *Standards {
	st, _ := computed.Get(s, func(s *analytics.Snapshot) (*Standards, error) { return Compute(s), nil })
	return st
}

// Compute judges every region of s.
func Compute(s *analytics.Snapshot) *Standards {
	f := indexFacilities(s)
	all := s.Regions()
	st := &Standards{regions: make(map[string]*Region, len(all))}
	for i := range all {
		r := &all[i]
		st.regions[r.Code] = &Region{Code: r.Code, FloorArea: f.floorAreaOf(r), Police: f.policeOf(r), Health: f.healthOf(r)}
	}
	// Regions come by level from the top: backwards, every region is
	// complete before it is added to its parent.
	for i := len(all) - 1; i >= 0; i-- {
		r := st.regions[all[i].Code]
		if p, ok := st.regions[all[i].Parent]; ok {
			p.FloorArea.addCounts(r.FloorArea)
			p.Police.Communities.add(r.Police.Communities)
			p.Health.Townships.add(r.Health.Townships)
			p.Health.Communities.add(r.Health.Communities)
		}
	}
	return st
}
