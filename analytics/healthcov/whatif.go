package healthcov

import (
	"fmt"
	"math"

	"github.com/community-atlas/atlas/analytics"
	"github.com/paulmach/orb"
)

// Site is a facility a scenario adds.
type Site struct {
	Point orb.Point
	Type  analytics.FacilityType
}

// Scenario changes the snapshot's facilities: sites added, facilities
// removed by id. Nothing of it is saved.
type Scenario struct {
	Add    []Site
	Remove []string
}

// UnknownFacilityError names a facility a scenario removes that does not
// exist.
type UnknownFacilityError struct{ ID string }

func (e *UnknownFacilityError) Error() string { return fmt.Sprintf("facility %q not found", e.ID) }

// WhatIf returns the coverage of the facilities as the scenario changes
// them. Added sites must be of a type the options count, so that adding
// one can change the answer; removed ids must exist.
func (m *Model) WhatIf(o Options, sc Scenario) (*Coverage, error) {
	o, err := o.normal()
	if err != nil {
		return nil, err
	}
	removed := map[string]bool{}
	for _, id := range sc.Remove {
		if _, ok := m.s.Facility(id); !ok {
			return nil, &UnknownFacilityError{ID: id}
		}
		removed[id] = true
	}
	sites := m.sites(o, removed)
	for i, s := range sc.Add {
		p := s.Point
		switch {
		case !(p.Lon() >= -180 && p.Lon() <= 180 && p.Lat() >= -90 && p.Lat() <= 90) || math.IsNaN(p.Lon()+p.Lat()):
			return nil, paramError(fmt.Sprintf("add[%d]", i), "lon %g, lat %g is not a place on earth", p.Lon(), p.Lat())
		case !o.counts(s.Type):
			return nil, paramError(fmt.Sprintf("add[%d].type", i), "%q is not among the facility types counted (%v)", s.Type, o.Types)
		}
		sites = append(sites, p)
	}
	return m.compute(o, sites), nil
}
