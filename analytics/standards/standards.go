package standards

import (
	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/internal/snapcache"
)

// Rules are the floor-area standards of task 15 as the catalogue states
// them: for each level whose service centre has a standard, the indicator
// computed by floor_area at that level gives its minimum and its area per
// hundred households (Nantong: 400 m² and 20 m² for a community, 1,500 m²
// for a township, 3,000 m² for a county). Compliance is the share of
// centres that must meet theirs: the roll-up target of the community
// indicator (95%).
type Rules struct {
	byLevel    map[analytics.Level]analytics.Computation
	Compliance float64
}

// RulesOf reads the floor-area rules of cat.
func RulesOf(cat *analytics.Catalogue) Rules {
	r := Rules{byLevel: map[analytics.Level]analytics.Computation{}}
	if cat == nil {
		return r // no catalogue, no standard
	}
	for _, ind := range cat.Indicators {
		c := ind.Computed
		if c == nil || c.By != "floor_area" || (c.MinM2 == 0 && c.M2Per100Households == 0) {
			continue
		}
		r.byLevel[ind.DataLevel] = *c
		if ind.DataLevel == analytics.Community && ind.Rollup.Target != nil && ind.Rollup.Target.Urban.Min != nil {
			r.Compliance = *ind.Rollup.Target.Urban.Min / 100
		}
	}
	return r
}

// Required is the floor area the service centre of reg must have; ok is
// false for a level with no standard (the city, the province).
func (r Rules) Required(reg *analytics.Region) (m2 float64, ok bool) {
	c, ok := r.byLevel[reg.Level]
	if !ok {
		return 0, false
	}
	return max(c.MinM2, c.M2Per100Households*float64(reg.Households)/100), true
}

// RequiredFloorArea is Required by the rules of reg's snapshot catalogue.
func RequiredFloorArea(cat *analytics.Catalogue, reg *analytics.Region) (float64, bool) {
	return RulesOf(cat).Required(reg)
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
	f.rules = RulesOf(s.Catalogue)
	all := s.Regions()
	st := &Standards{regions: make(map[string]*Region, len(all))}
	for i := range all {
		r := &all[i]
		fa := f.floorAreaOf(r)
		fa.Target = f.rules.Compliance
		st.regions[r.Code] = &Region{Code: r.Code, FloorArea: fa, Police: f.policeOf(r), Health: f.healthOf(r)}
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
