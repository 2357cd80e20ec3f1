package atlas

import (
	"fmt"
	"math"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/importer"
	"github.com/community-atlas/atlas/server/store"
	"github.com/paulmach/orb"
)

// Changes counts the records a file adds, changes and leaves as they are,
// and lists the new and changed ones (up to maxChangeItems) with each
// changed field's value before and after.
type Changes struct {
	New       int      `json:"new"`
	Changed   int      `json:"changed"`
	Unchanged int      `json:"unchanged"`
	Items     []Change `json:"items"`
}

// Change is one new or changed record.
type Change struct {
	Kind   string  `json:"kind"` // region, observation, facility, grid
	Key    string  `json:"key"`
	Name   string  `json:"name,omitempty"`
	New    bool    `json:"new,omitempty"`
	Fields []Field `json:"fields,omitempty"`
}

// Field is one changed value; Before is absent for a new record.
type Field struct {
	Field  string `json:"field"`
	Before any    `json:"before,omitempty"`
	After  any    `json:"after"`
}

// maxChangeItems caps the records the change list names one by one.
const maxChangeItems = 500

func (c *Changes) add(ch Change, fields []Field) {
	switch {
	case ch.New:
		c.New++
	case len(fields) == 0:
		c.Unchanged++
		return
	default:
		c.Changed++
	}
	if len(c.Items) < maxChangeItems {
		ch.Fields = fields
		c.Items = append(c.Items, ch)
	}
}

// changesOf compares a changeset with the atlas. Regions take the
// boundary comparison from the report, which has made it already (an
// overlay per region), and add the values before and after.
func changesOf(s *analytics.Snapshot, cs *store.Changeset, rep *importer.Report) *Changes {
	c := &Changes{Items: []Change{}}
	regionChanges(c, s, cs.Regions, rep)
	for _, o := range cs.Observations {
		ch := Change{Kind: "observation", Key: observationKey(o), Name: regionName(s, o.Region)}
		before, ok := s.Observed(o.Indicator, o.Region, o.Period)
		ch.New = !ok
		c.add(ch, diff(ok, pair{"value", before, o.Value}))
	}
	for _, f := range cs.Facilities {
		old, ok := s.Facility(f.ID)
		ch := Change{Kind: "facility", Key: f.ID, Name: f.Name, New: !ok}
		if !ok {
			old = &analytics.Facility{}
		}
		c.add(ch, diff(ok, pair{"type", string(old.Type), string(f.Type)}, pair{"name", old.Name, f.Name},
			pair{"region", old.Region, f.Region}, pair{"floor_area_m2", old.FloorAreaM2, f.FloorAreaM2},
			pair{"location", point(old.Point), point(f.Point)}))
	}
	for _, g := range cs.Grids {
		old, ok := s.Grid(g.Code)
		ch := Change{Kind: "grid", Key: g.Code, New: !ok}
		if !ok {
			old = &analytics.Grid{}
		}
		fields := diff(ok, pair{"community", old.Community, g.Community}, pair{"households", old.Households, g.Households},
			pair{"worker", old.Worker, g.Worker})
		if ok && !orb.Equal(old.Geometry, g.Geometry) {
			fields = append(fields, Field{Field: "geometry", Before: "", After: ""})
		}
		c.add(ch, fields)
	}
	return c
}

// regionChanges lists the regions: the report says which changed and how
// (it compared the boundaries); the values come from both sides.
func regionChanges(c *Changes, s *analytics.Snapshot, regions []analytics.Region, rep *importer.Report) {
	changed := map[string]bool{}
	complete := rep != nil && rep.Regions != nil && len(rep.Regions.Items) == rep.Regions.New+rep.Regions.Changed
	if rep != nil && rep.Regions != nil {
		for _, it := range rep.Regions.Items {
			changed[it.Code] = true
		}
	}
	for i := range regions {
		r := &regions[i]
		old, ok := s.Region(r.Code)
		ch := Change{Kind: "region", Key: r.Code, Name: r.Name, New: !ok}
		if ok && !complete && !changed[r.Code] {
			// The report's list was cut short: beyond it, values are
			// compared here (boundaries only by area).
			changed[r.Code] = old.Name != r.Name || old.Population != r.Population || old.Households != r.Households ||
				old.Kind != r.Kind || round3(old.AreaKM2) != round3(r.AreaKM2)
		}
		if ok && !changed[r.Code] {
			c.add(ch, nil)
			continue
		}
		if !ok {
			old = &analytics.Region{}
		}
		fields := diff(ok, pair{"name", old.Name, r.Name}, pair{"population", old.Population, r.Population},
			pair{"households", old.Households, r.Households}, pair{"kind", string(old.Kind), string(r.Kind)},
			pair{"area_km2", round3(old.AreaKM2), round3(r.AreaKM2)})
		if ok && len(fields) == 0 { // only the boundary moved, by less than the area shows
			fields = []Field{{Field: "geometry", Before: "", After: ""}}
		}
		c.add(ch, fields)
	}
}

type pair struct {
	field         string
	before, after any
}

// diff keeps the pairs whose values differ; for a new record (!existed)
// every value set is listed, with no before.
func diff(existed bool, pairs ...pair) []Field {
	var out []Field
	for _, p := range pairs {
		switch {
		case !existed && !zero(p.after):
			out = append(out, Field{Field: p.field, After: p.after})
		case existed && p.before != p.after:
			out = append(out, Field{Field: p.field, Before: p.before, After: p.after})
		}
	}
	return out
}

func zero(v any) bool {
	switch x := v.(type) {
	case string:
		return x == ""
	case float64:
		return x == 0
	case int64:
		return x == 0
	}
	return v == nil
}

func regionName(s *analytics.Snapshot, code string) string {
	if r, ok := s.Region(code); ok {
		return r.Name
	}
	return ""
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

// point is a location as "lon,lat" to six places (about 0.1 m).
func point(p orb.Point) string {
	if p == (orb.Point{}) {
		return ""
	}
	return fmt.Sprintf("%.6f,%.6f", p[0], p[1])
}

// observationKey names an observation: indicator/region/period.
func observationKey(o analytics.Observation) string {
	return fmt.Sprintf("%s/%s/%d", o.Indicator, o.Region, o.Period)
}
