package importer

import (
	"fmt"
	"math"
	"strconv"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// ReadFacilities reads a CSV with columns id, type, name, lon and lat, and
// optionally floor_area_m2 and region. Without a region the facility serves
// the community its point lies in; with one, the point must lie inside it.
func ReadFacilities(file string, data []byte, idx Index) (*store.Changeset, error) {
	t, err := readTable(data, "id", "type", "name", "lon", "lat")
	if err != nil {
		return nil, &Error{File: file, Problems: []Problem{{Message: err.Error()}}}
	}
	var c collector
	cs := &store.Changeset{Kind: Facilities, Source: file}
	seen := make(map[string]int, len(t.rows))
	for i, row := range t.rows {
		f, p, ok := parseFacility(t, row, idx)
		if ok {
			if first, dup := seen[f.ID]; dup {
				p, ok = Problem{Code: f.ID, Field: "id", Message: fmt.Sprintf("duplicate of row %d", first)}, false
			}
		}
		if !ok {
			p.Row = t.line[i]
			c.add(p)
			if c.full() {
				break
			}
			continue
		}
		seen[f.ID] = t.line[i]
		cs.Facilities = append(cs.Facilities, f)
	}
	if err := c.result(file); err != nil {
		return nil, err
	}
	return cs, nil
}

func parseFacility(t *table, row []string, idx Index) (analytics.Facility, Problem, bool) {
	f := analytics.Facility{
		ID:     t.get(row, "id"),
		Type:   analytics.FacilityType(t.get(row, "type")),
		Name:   t.get(row, "name"),
		Region: t.get(row, "region"),
	}
	fail := func(field, format string, args ...any) (analytics.Facility, Problem, bool) {
		return f, Problem{Code: f.ID, Field: field, Message: fmt.Sprintf(format, args...)}, false
	}
	switch {
	case f.ID == "":
		return fail("id", "id is empty")
	case !f.Type.Valid():
		return fail("type", "unknown facility type %q (one of %v)", f.Type, analytics.FacilityTypes)
	case f.Name == "":
		return fail("name", "name is empty")
	}
	lon, err1 := strconv.ParseFloat(t.get(row, "lon"), 64)
	lat, err2 := strconv.ParseFloat(t.get(row, "lat"), 64)
	if err1 != nil || err2 != nil {
		return fail("lon/lat", "lon %q, lat %q are not numbers", t.get(row, "lon"), t.get(row, "lat"))
	}
	f.Point = orb.Point{lon, lat}
	if err := checkLonLat(f.Point); err != nil {
		return fail("lon/lat", "%v", err)
	}
	if s := t.get(row, "floor_area_m2"); s != "" {
		a, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(a) || a < 0 || a > 1e7 {
			return fail("floor_area_m2", "floor area %q is not a number of square metres from 0 to 10,000,000", s)
		}
		f.FloorAreaM2 = a
	}
	if f.Region == "" {
		r, ok := idx.Locate(analytics.Community, f.Point)
		if !ok {
			return fail("lon/lat", "point (%g, %g) lies in no known community; give a region", lon, lat)
		}
		f.Region = r.Code
		return f, Problem{}, true
	}
	r, ok := idx.Region(f.Region)
	if !ok {
		return fail("region", "unknown region code %q", f.Region)
	}
	if !planar.MultiPolygonContains(r.Geometry, f.Point) {
		return fail("lon/lat", "point (%g, %g) lies outside its region %s %s", lon, lat, r.Code, r.Name)
	}
	return f, Problem{}, true
}
