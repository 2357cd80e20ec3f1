package atlas

import (
	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/msg"
	"github.com/community-atlas/atlas/server/store"
)

// checkScope refuses a changeset written by a user limited to region when
// any row it writes, changes or removes lies outside that region's subtree
// (see outsideRows). Every offending row is named.
func checkScope(s *analytics.Snapshot, region string, cs *store.Changeset) error {
	rows := outsideRows(s, region, cs)
	if len(rows) == 0 {
		return nil
	}
	names := make([]msg.Message, len(rows))
	for i, r := range rows {
		names[i] = r.Row
	}
	return &ForbiddenError{Reason: outsideReason, Args: []any{region}, Rows: names}
}

// Outside is one row of a changeset that a user limited to a region may
// not write: which kind of record, its place in the changeset's list of
// that kind (Index, from 0), its key (code, id, or indicator/region/period)
// and why it lies outside.
type Outside struct {
	Kind  string      `json:"kind"` // region, observation, facility, grid, network
	Index int         `json:"-"`
	Key   string      `json:"key"`
	What  string      `json:"what"` // Row in English
	Row   msg.Message `json:"-"`
}

// outside is an Outside row described by row.
func outside(kind string, index int, key string, row msg.Message) Outside {
	return Outside{Kind: kind, Index: index, Key: key, What: row.String(), Row: row}
}

// outsideReason is the refusal of a write with rows outside the region.
const outsideReason = "your account is limited to region %s; nothing was written, since these rows lie outside it"

// outsideRows lists the rows of cs that lie outside region's subtree:
// regions and observations by their code, facilities and grids both by the
// region they are stored under now and by the one they would move to (so
// reusing a neighbour's facility id or grid code cannot pull it in). s is
// the whole atlas, not the user's restricted view, since the rows outside
// are exactly the ones that view cannot see. None for an unlimited user.
func outsideRows(s *analytics.Snapshot, region string, cs *store.Changeset) []Outside {
	if region == "" {
		return nil
	}
	sc := scopeCheck{s: s, region: region, incoming: map[string]*analytics.Region{}}
	for i := range cs.Regions {
		sc.incoming[cs.Regions[i].Code] = &cs.Regions[i]
	}
	var out []Outside
	for i, r := range cs.Regions {
		if !sc.storedInside(r.Code) || !sc.newInside(r.Code) {
			out = append(out, outside("region", i, r.Code, msg.New("region %s (%s)", r.Code, r.Name)))
		}
	}
	for i, code := range cs.RemoveRegions {
		if !sc.s.Within(code, region) {
			out = append(out, outside("removal", i, code, msg.New("removal of region %s", code)))
		}
	}
	for i, o := range cs.Observations {
		if !sc.newInside(o.Region) {
			key := observationKey(o)
			out = append(out, outside("observation", i, key, observationRow(o)))
		}
	}
	for i, t := range cs.Targets {
		if !sc.newInside(t.Region) {
			out = append(out, outside("target", i, observationKey(analytics.Observation{Indicator: t.Indicator, Region: t.Region, Period: t.Period}),
				msg.New("target %s of region %s in %d", t.Indicator, t.Region, t.Period)))
		}
	}
	for i, f := range cs.Facilities {
		if why, ok := sc.moved(msg.New("facility %s", f.ID), f.Region, storedFacilityRegion(s, f.ID)); !ok {
			out = append(out, outside("facility", i, f.ID, why))
		}
	}
	for i, g := range cs.Grids {
		if why, ok := sc.moved(msg.New("grid %s", g.Code), g.Community, storedGridCommunity(s, g.Code)); !ok {
			out = append(out, outside("grid", i, g.Code, why))
		}
	}
	for i, e := range cs.Checklist {
		if !sc.newInside(e.Region) {
			out = append(out, outside("checklist", i, e.Item+"/"+e.Region, msg.New("checklist item %s of region %s in %d", e.Item, e.Region, e.Period)))
		}
	}
	if len(cs.Networks) > 0 { // ImportWith refuses them before reading; kept here for any other caller
		out = append(out, outside("network", 0, "", networksRow))
	}
	return out
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
// and where it belongs now if it exists. It says why the record lies
// outside, or reports it inside.
func (sc scopeCheck) moved(what msg.Message, to, from string) (msg.Message, bool) {
	var bad []any
	if !sc.newInside(to) {
		bad = append(bad, msg.New("%s in region %s", what, to))
	}
	if from != "" && !sc.s.Within(from, sc.region) {
		bad = append(bad, msg.New("%s, which belongs to a region outside yours", what))
	}
	switch len(bad) {
	case 0:
		return msg.Message{}, true
	case 1:
		return bad[0].(msg.Message), false
	}
	return msg.New("%s; %s", bad...), false
}

// observationRow names an observation outside the region.
func observationRow(o analytics.Observation) msg.Message {
	return msg.New("observation %s of region %s in %d", o.Indicator, o.Region, o.Period)
}

// networksRow is the row of a road network, which no region holds alone.
var networksRow = msg.New("road networks, which every region shares")

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
