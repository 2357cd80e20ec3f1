package atlas

import (
	"fmt"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store"
)

// checkScope refuses a changeset written by a user limited to region when
// any row it writes or changes lies outside that region's subtree: regions
// observations and targets by their code, facilities and grids both by the region
// they are stored under now and by the one they would move to (so reusing a
// neighbour's facility id or grid code cannot pull it in). s is the whole
// atlas, not the user's restricted view, since the rows outside are exactly
// the ones that view cannot see. Every offending row is named.
func checkScope(s *analytics.Snapshot, region string, cs *store.Changeset) error {
	if region == "" {
		return nil
	}
	sc := scopeCheck{s: s, region: region, incoming: map[string]*analytics.Region{}}
	for i := range cs.Regions {
		sc.incoming[cs.Regions[i].Code] = &cs.Regions[i]
	}
	var outside []string
	for _, r := range cs.Regions {
		if !sc.storedInside(r.Code) || !sc.newInside(r.Code) {
			outside = append(outside, fmt.Sprintf("region %s (%s)", r.Code, r.Name))
		}
	}
	for _, o := range cs.Observations {
		if !sc.newInside(o.Region) {
			outside = append(outside, fmt.Sprintf("observation %s of region %s in %d", o.Indicator, o.Region, o.Period))
		}
	}
	for _, t := range cs.Targets {
		if !sc.newInside(t.Region) {
			outside = append(outside, fmt.Sprintf("target %s of region %s in %d", t.Indicator, t.Region, t.Period))
		}
	}
	for _, f := range cs.Facilities {
		outside = append(outside, sc.moved("facility "+f.ID, f.Region, storedFacilityRegion(s, f.ID))...)
	}
	for _, g := range cs.Grids {
		outside = append(outside, sc.moved("grid "+g.Code, g.Community, storedGridCommunity(s, g.Code))...)
	}
	if len(cs.Networks) > 0 {
		outside = append(outside, "road networks, which every region shares")
	}
	if len(outside) > 0 {
		return &ForbiddenError{Reason: fmt.Sprintf("your account is limited to region %s; nothing was written, since these rows lie outside it", region), Rows: outside}
	}
	return nil
}

// scopeCheck answers whether codes lie inside region, taking the regions
// the changeset brings (new ones, or new parents) into account.
type scopeCheck struct {
	s        *analytics.Snapshot
	region   string
	incoming map[string]*analytics.Region
}

// storedInside: a region the atlas holds already lies inside; a new one
// has nothing stored to protect.
func (sc scopeCheck) storedInside(code string) bool {
	if _, ok := sc.s.Region(code); !ok {
		return true
	}
	return sc.s.Within(code, sc.region)
}

// newInside follows the parent chain as it will be once the changeset is
// written: the changeset's own regions first, then the stored ones.
func (sc scopeCheck) newInside(code string) bool {
	for steps := 0; code != "" && steps < 16; steps++ { // the hierarchy is a handful of levels deep
		if code == sc.region {
			return true
		}
		if r, ok := sc.incoming[code]; ok {
			code = r.Parent
			continue
		}
		r, ok := sc.s.Region(code)
		if !ok {
			return false
		}
		code = r.Parent
	}
	return false
}

// moved checks a record that belongs to one region: where it would belong,
// and where it belongs now if it exists.
func (sc scopeCheck) moved(what, to, from string) []string {
	var bad []string
	if !sc.newInside(to) {
		bad = append(bad, fmt.Sprintf("%s in region %s", what, to))
	}
	if from != "" && !sc.s.Within(from, sc.region) {
		bad = append(bad, what+", which belongs to a region outside yours")
	}
	return bad
}

func storedFacilityRegion(s *analytics.Snapshot, id string) string {
	if f, ok := s.Facility(id); ok {
		return f.Region
	}
	return ""
}

func storedGridCommunity(s *analytics.Snapshot, code string) string {
	if g, ok := s.Grid(code); ok {
		return g.Community
	}
	return ""
}
