package importer

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/format"
	"github.com/community-atlas/atlas/server/store"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// ReadFacilities reads a facility table with the default options (see
// ReadFacilitiesWith).
func ReadFacilities(file string, data []byte, idx Index) (*store.Changeset, error) {
	cs, _, err := ReadFacilitiesWith(context.Background(), file, data, idx, Options{})
	return cs, err
}

// facilityHeaders are the headers of a facility table's columns,
// normalised (see normHeader); the region column is also found by its
// values (division codes).
var facilityHeaders = map[role][]string{
	roleID:        {"id", "编号", "设施编号", "机构编号", "机构代码", "设施代码"},
	roleType:      {"type", "类型", "设施类型", "机构类型", "类别"},
	roleName:      {"name", "名称", "设施名称", "机构名称", "单位名称"},
	roleFloorArea: {"flooraream2", "floorarea", "建筑面积", "用房面积", "面积"},
	roleCode:      {"region", "所属社区", "所属区划", "社区代码", "区划代码", "行政代码", "所属社区代码"},
}

// ReadFacilitiesWith reads facilities: one row of a table (CSV or XLSX,
// located by WKT or coordinate columns; see table.ReadLayer) or one point
// feature of a geometry file (see readLayer) a facility, with an id, a type
// (an id such as health_station or the Chinese name, 社区卫生服务站), a
// name, and optionally the floor area and the region it serves, in any
// coordinate system (see place: GCJ-02 from a web map with --crs gcj02).
// Without a region the facility serves the community its point lies in;
// with one, the point must lie inside it.
func ReadFacilitiesWith(ctx context.Context, file string, data []byte, idx Index, opts Options) (*store.Changeset, *Report, error) {
	l, rep, err := openLayer(ctx, file, data, idx, opts)
	if err != nil {
		return nil, rep, err
	}
	m, err := findRoles(l, facilityHeaders, opts.Map, func(code string) bool { _, ok := idx.Region(code); return ok }, nil)
	if err != nil {
		return nil, rep, fileError(file, err)
	}
	rep.Columns, rep.Rows = m.describe(l.Fields), len(l.Features)
	for _, r := range []role{roleID, roleType, roleName} {
		if m.column(r) < 0 {
			return nil, rep, fileError(file, fmt.Errorf("no %s column (headers such as %s; columns: %s); name it with --map %s=…",
				r, strings.Join(facilityHeaders[r][:3], ", "), fieldNames(l.Fields), r))
		}
	}
	cs, err := facilitiesOf(file, l, m, idx, rep.placeProblems)
	return cs, rep, tableRows(l, err)
}

// facilitiesOf builds the facilities of a point layer, collecting every
// problem, with those found in reading and placing the features (pre).
func facilitiesOf(file string, l *format.Layer, m mapping, idx Index, pre []Problem) (*store.Changeset, error) {
	var c collector
	skip := addPre(&c, pre)
	cs := &store.Changeset{Kind: Facilities, Source: file}
	rr := regionRow{l: l, m: m, idx: idx}
	seen := make(map[string]int, len(l.Features))
	for i := range l.Features {
		if skip[i+1] {
			continue
		}
		f, p := parseFacility(rr, i, geometryField(l))
		if p == nil {
			if first, dup := seen[f.ID]; dup {
				p = &Problem{Code: f.ID, Field: rr.header(roleID), Message: "duplicate of " + featureName(l, first)}
			}
		}
		if p != nil {
			p.Feature = i + 1
			if c.add(*p); c.full() {
				break
			}
			continue
		}
		seen[f.ID] = i
		cs.Facilities = append(cs.Facilities, f)
	}
	if err := c.result(file); err != nil {
		return nil, err
	}
	return cs, nil
}

// parseFacility reads row i; loc names the coordinate columns.
func parseFacility(rr regionRow, i int, loc string) (analytics.Facility, *Problem) {
	feat := rr.l.Features[i]
	f := analytics.Facility{ID: rr.text(feat, roleID), Name: rr.text(feat, roleName), Region: rr.text(feat, roleCode)}
	fail := func(r role, format string, args ...any) (analytics.Facility, *Problem) {
		return f, &Problem{Code: f.ID, Field: rr.header(r), Message: fmt.Sprintf(format, args...)}
	}
	failAt := func(format string, args ...any) (analytics.Facility, *Problem) {
		return f, &Problem{Code: f.ID, Field: loc, Message: fmt.Sprintf(format, args...)}
	}
	var ok bool
	if f.Type, ok = facilityTypeOf(rr.text(feat, roleType)); !ok {
		return fail(roleType, "unknown facility type %q (one of %v, or their Chinese names: 社区卫生服务中心, 社区卫生服务站, 村卫生室, 警务室, 社区服务中心)",
			rr.text(feat, roleType), analytics.FacilityTypes)
	}
	switch {
	case f.ID == "":
		return fail(roleID, "id is empty")
	case f.Name == "":
		return fail(roleName, "name is empty")
	}
	pt, isPoint := feat.Geometry.(orb.Point)
	if mp, one := feat.Geometry.(orb.MultiPoint); one && len(mp) == 1 {
		pt, isPoint = mp[0], true // a Shapefile's or GeoPackage's single point
	}
	if !isPoint {
		return failAt("the place is a %s, not a point", feat.Geometry.GeoJSONType())
	}
	f.Point = pt
	if s := rr.text(feat, roleFloorArea); s != "" {
		a, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
		if err != nil || math.IsNaN(a) || a < 0 || a > 1e7 {
			return fail(roleFloorArea, "floor area %q is not a number of square metres from 0 to 10,000,000", s)
		}
		f.FloorAreaM2 = a
	}
	if f.Region == "" {
		r, ok := rr.idx.Locate(analytics.Community, f.Point)
		if !ok {
			return failAt("point (%.6f, %.6f) lies in no known community; give a region", pt[0], pt[1])
		}
		f.Region = r.Code
		return f, nil
	}
	r, ok := rr.idx.Region(f.Region)
	if !ok {
		return fail(roleCode, "unknown region code %q", f.Region)
	}
	if !planar.MultiPolygonContains(r.Geometry, f.Point) {
		return failAt("point (%.6f, %.6f) lies outside its region %s %s", pt[0], pt[1], r.Code, r.Name)
	}
	return f, nil
}

// facilityTypeOf reads a type by its id or by the Chinese name of the
// kind of facility; the health names are tested before the plain service
// centre, which they contain.
func facilityTypeOf(s string) (analytics.FacilityType, bool) {
	if t := analytics.FacilityType(s); t.Valid() {
		return t, true
	}
	for _, n := range []struct {
		part string
		t    analytics.FacilityType
	}{
		{"卫生服务中心", analytics.HealthCentre}, {"卫生院", analytics.HealthCentre},
		{"卫生服务站", analytics.HealthStation}, {"卫生室", analytics.VillageClinic},
		{"警务", analytics.PolicePost}, {"服务中心", analytics.ServiceCentre},
	} {
		if strings.Contains(s, n.part) {
			return n.t, true
		}
	}
	return "", false
}
