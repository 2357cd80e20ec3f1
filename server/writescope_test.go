package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/store"
	"github.com/paulmach/orb"
)

// scopeFixture is fixture() with a sibling township under 320612 and a
// township, community, facility and grid under the other county 320623, so
// that every write has a sibling and an outside to aim at.
func scopeFixture() *store.Changeset {
	cs := fixture()
	add := func(code, name string, l analytics.Level, parent string, g orb.MultiPolygon) {
		cs.Regions = append(cs.Regions, analytics.Region{Code: code, Name: name, Level: l, Parent: parent,
			Population: 900, Households: 300, Geometry: g, AreaKM2: 1, LabelPoint: g.Bound().Center()})
	}
	add("320612002", "乙镇", analytics.Township, "320612", box(120.1, 32.05, 120.2, 32.1))
	add("320612002001", "丙社区居委会", analytics.Community, "320612002", box(120.1, 32.05, 120.2, 32.1))
	add("320623001", "掘港街道", analytics.Township, "320623", box(120.2, 32, 120.4, 32.1))
	add("320623001001", "丁社区居委会", analytics.Community, "320623001", box(120.2, 32, 120.4, 32.1))
	cs.Regions[len(cs.Regions)-1].Kind = analytics.Urban
	cs.Regions[len(cs.Regions)-3].Kind = analytics.Urban
	cs.Facilities = append(cs.Facilities, analytics.Facility{ID: "F9", Type: analytics.HealthStation, Name: "丁站",
		Point: orb.Point{120.3, 32.05}, Region: "320623001001"})
	cs.Grids = append(cs.Grids, analytics.Grid{Code: "G9", Community: "320623001001", Households: 300, Worker: "李四",
		Geometry: box(120.2, 32, 120.3, 32.1)})
	return cs
}

// target is one row a write aims at, and whether it lies inside each scope.
type target struct {
	name   string
	kind   string
	file   string
	data   string
	inside map[string]bool // by scope; the unlimited scope "" is inside everywhere
}

// boundary is a one-feature boundary file rewriting (or creating) code.
func boundary(code, name, level, parent string, x0, y0, x1, y1 float64) string {
	return fmt.Sprintf(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":%q,"name":%q,"level":%q,"parent":%q,"population":1234},
"geometry":{"type":"Polygon","coordinates":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]}}]}`,
		code, name, level, parent, x0, y0, x1, y0, x1, y1, x0, y1, x0, y0)
}

func valueRow(region string) string {
	return "indicator,region,period,value\nregistered_volunteers," + region + ",2013,7\n"
}

func targetRow(region string) string {
	return "code,indicator,period,target\n" + region + ",one_stop_service,2013,90\n"
}

func facility(id, region string, lon, lat float64) string {
	return fmt.Sprintf("id,type,name,lon,lat,region\n%s,health_station,站,%g,%g,%s\n", id, lon, lat, region)
}

func grid(code, community string, x0, y0, x1, y1 float64) string {
	return fmt.Sprintf(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":%q,"community":%q,"households":100,"worker":"王五"},
"geometry":{"type":"Polygon","coordinates":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]}}]}`,
		code, community, x0, y0, x1, y0, x1, y1, x0, y1, x0, y0)
}

// Scopes of the matrix: the county 320612 and its township 320612001.
const (
	county   = "320612"
	township = "320612001"
)

func scopeTargets() []target {
	in := func(scopes ...string) map[string]bool {
		m := map[string]bool{}
		for _, s := range scopes {
			m[s] = true
		}
		return m
	}
	return []target{
		{"own township", "boundaries", "b.geojson", boundary("320612001", "金沙街道", "township", "320612", 120, 32, 120.2, 32.1), in(county, township)},
		{"community inside", "boundaries", "b.geojson", boundary("320612001001", "甲社区居委会", "community", "320612001", 120, 32, 120.1, 32.1), in(county, township)},
		{"sibling township", "boundaries", "b.geojson", boundary("320612002", "乙镇", "township", "320612", 120.1, 32.05, 120.2, 32.1), in(county)},
		{"sibling county", "boundaries", "b.geojson", boundary("320623", "如东县", "county", "3206", 120.2, 32, 120.4, 32.1), in()},
		{"parent county", "boundaries", "b.geojson", boundary("320612", "通州区", "county", "3206", 120, 32, 120.2, 32.1), in(county)},
		{"the city", "boundaries", "b.geojson", boundary("3206", "南通市", "city", "", 120, 32, 120.4, 32.1), in()},
		{"outside township", "boundaries", "b.geojson", boundary("320623001", "掘港街道", "township", "320623", 120.2, 32, 120.4, 32.1), in()},
		{"new top-level city", "boundaries", "b.geojson", boundary("9901", "新市", "city", "", 120.5, 32.5, 120.6, 32.6), in()},
		{"new township outside", "boundaries", "b.geojson", boundary("320623002", "新镇", "township", "320623", 120.3, 32, 120.4, 32.1), in()},
		{"value inside", "observations", "o.csv", valueRow("320612001001"), in(county, township)},
		{"value in sibling township", "observations", "o.csv", valueRow("320612002001"), in(county)},
		{"value outside", "observations", "o.csv", valueRow("320623001001"), in()},
		{"new facility inside", "facilities", "f.csv", facility("FN", "320612001001", 120.05, 32.02), in(county, township)},
		{"new facility outside", "facilities", "f.csv", facility("FX", "320623001001", 120.3, 32.02), in()},
		{"hijack outside facility", "facilities", "f.csv", facility("F9", "320612001001", 120.05, 32.02), in()},
		{"new grid inside", "grids", "g.geojson", grid("GN", "320612001001", 120, 32, 120.1, 32.05), in(county, township)},
		{"new grid outside", "grids", "g.geojson", grid("GX", "320623001001", 120.2, 32, 120.3, 32.1), in()},
		{"hijack outside grid", "grids", "g.geojson", grid("G9", "320612001001", 120, 32, 120.1, 32.05), in()},
		{"target inside", "targets", "t.csv", targetRow("320612001"), in(county, township)},
		{"target of the county", "targets", "t.csv", targetRow("320612"), in(county)},
		{"target outside", "targets", "t.csv", targetRow("320623"), in()},
		{"road network", "osm", "x.osm", `<?xml version="1.0"?><osm version="0.6"></osm>`, in()},
	}
}

// TestWriteScopeMatrix drives every write route with every role and scope
// at rows inside, in a sibling, in the parent, outside and new at the top,
// on both stores. A refusal must name the rows and leave the data version
// unchanged.
func TestWriteScopeMatrix(t *testing.T) {
	for _, st := range []struct {
		name string
		open func(*testing.T) store.Store
	}{{"sqlite", openSQLite}, {"postgis", openPostGIS}} {
		t.Run(st.name, func(t *testing.T) {
			s := newServerOn(t, st.open(t), scopeFixture())
			n := runScopeMatrix(t, s)
			t.Logf("%d cases", n)
		})
	}
}

func runScopeMatrix(t *testing.T, s *testServer) int {
	roles := []auth.Role{auth.Viewer, auth.Analyst, auth.DataManager, auth.Admin}
	// The limited scopes go first: the unlimited writes that follow may
	// move the outside facility and grid for good.
	scopes := []string{township, county, ""}
	cases := 0
	for _, scope := range scopes {
		for _, role := range roles {
			name := fmt.Sprintf("%s_%s", role, scope)
			if err := s.atlas.AddUser(t.Context(), name+"x", name+"-password", role, scope); err != nil {
				t.Fatal(err)
			}
			token := apiToken(t, s.store, name+"x")
			for _, tg := range scopeTargets() {
				cases++
				checkScopeCase(t, s, token, role, scope, tg)
			}
		}
	}
	return cases
}

func checkScopeCase(t *testing.T, s *testServer, token string, role auth.Role, scope string, tg target) {
	t.Helper()
	want := http.StatusCreated
	switch {
	case !role.Allows(auth.DataManager):
		want = http.StatusForbidden
	case scope != "" && !tg.inside[scope]:
		want = http.StatusForbidden
	case tg.kind == "osm":
		want = http.StatusUnprocessableEntity // the empty extract has no roads: refused as a file, after the scope
	}
	before := version(t, s)
	var p problem
	var out any = &p
	if want == http.StatusCreated {
		out = nil
	}
	s.uploadAs(t, token, tg.kind, tg.file, []byte(tg.data), want, out)
	if want == http.StatusCreated {
		return
	}
	if after := version(t, s); after != before {
		t.Errorf("%s scope %q %s: refused with %d but the data changed (%s → %s)", role, scope, tg.name, want, before, after)
	}
	if want == http.StatusForbidden && role.Allows(auth.DataManager) && !strings.Contains(p.Detail, scope) {
		t.Errorf("%s scope %q %s: the refusal %q does not name the scope", role, scope, tg.name, p.Detail)
	}
}

// version is the data version the admin reads, from an ETag.
func version(t *testing.T, s *testServer) string {
	t.Helper()
	resp := s.get(t, "/api/v1/regions?level=county", 200, nil)
	tag := resp.Header.Get("ETag")
	return tag[:strings.IndexByte(tag, '-')]
}
