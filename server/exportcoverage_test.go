package server_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/server/internal/ogrtest"
)

// layerDoc is a GeoJSON FeatureCollection as read back by a test.
type layerDoc struct {
	Features []struct {
		ID         any
		Geometry   struct{ Type string }
		Properties map[string]any
	}
}

func (s *testServer) layer(t *testing.T, path string) layerDoc {
	t.Helper()
	resp, body := s.fetch(t, path)
	if resp.StatusCode != 200 {
		t.Fatalf("%s: status %d: %s", path, resp.StatusCode, body)
	}
	var d layerDoc
	if err := json.Unmarshal(body, &d); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return d
}

func (s *testServer) post(t *testing.T, path, body string, v any) {
	t.Helper()
	s.do(t, "POST", path, s.token, "application/json", strings.NewReader(body), 200, v)
}

// column lists one property of every feature, as text.
func column(d layerDoc, name string) string {
	var out []string
	for _, f := range d.Features {
		out = append(out, fmt.Sprint(f.Properties[name]))
	}
	return strings.Join(out, " ")
}

// ids lists the features' ids, as text.
func ids(d layerDoc) string {
	var out []string
	for _, f := range d.Features {
		out = append(out, fmt.Sprint(f.ID))
	}
	return strings.Join(out, " ")
}

// The coverage exports answer the features the map's endpoints answer for
// the same parameters, with the same figures.
func TestCoverageExportsMatchTheAPI(t *testing.T) {
	s := newServer(t, healthFixture())
	cases := []struct {
		name, api, export, apiCol, exportCol string
	}{
		{"gaps", "/api/v1/coverage/grid/gaps?parent=320612", "/api/v1/export/grid-gaps.geojson?parent=320612", "estimated_households", "households"},
		{"overlaps", "/api/v1/coverage/grid/overlaps", "/api/v1/export/grid-overlaps.geojson", "area_m2", "area_m2"},
		{"uncovered", "/api/v1/coverage/health/uncovered?parent=320612&minutes=20", "/api/v1/export/health-uncovered.geojson?parent=320612&minutes=20", "population", "population"},
		{"isochrones", "/api/v1/isochrones.geojson?minutes=10", "/api/v1/export/isochrones.geojson?minutes=10", "area_km2", "area_km2"},
	}
	for _, c := range cases {
		api, exp := s.layer(t, c.api), s.layer(t, c.export)
		if len(api.Features) == 0 && c.name != "overlaps" {
			t.Errorf("%s: the fixture has none, the test proves nothing", c.name)
		}
		if ids(api) != ids(exp) || column(api, c.apiCol) != column(exp, c.exportCol) {
			t.Errorf("%s: API %s / %s, export %s / %s", c.name, ids(api), column(api, c.apiCol), ids(exp), column(exp, c.exportCol))
		}
	}

	var cov healthList
	s.get(t, "/api/v1/coverage/health?level=community&minutes=20", 200, &cov)
	exp := s.layer(t, "/api/v1/export/health-coverage.geojson?level=community&minutes=20")
	want := []string{}
	for _, it := range cov.Items {
		want = append(want, fmt.Sprintf("%s:%d", it.Code, it.CoveredPopulation))
	}
	got := []string{}
	for _, f := range exp.Features {
		got = append(got, fmt.Sprintf("%v:%v", f.Properties["code"], f.Properties["covered"]))
	}
	if strings.Join(got, " ") != strings.Join(want, " ") || exp.Features[0].Geometry.Type != "MultiPolygon" {
		t.Errorf("health coverage: export %v, API %v", got, want)
	}

	// What-if: a village clinic in 乙 and 甲's station closed, as the app's
	// address writes them.
	var wi healthList
	s.post(t, "/api/v1/coverage/health/whatif", `{"level":"community","add":[{"lon":120.15,"lat":32.05,"type":"village_clinic"}],"remove":["F1"]}`, &wi)
	exp = s.layer(t, "/api/v1/export/health-whatif.geojson?level=community&add=120.15,32.05,village_clinic&remove=F1")
	want, got = nil, nil
	for _, it := range wi.Items {
		want = append(want, fmt.Sprintf("%s:%d:%d", it.Code, it.CoveredPopulation, *it.CoveredPopulationChange))
	}
	for _, f := range exp.Features {
		got = append(got, fmt.Sprintf("%v:%v:%v", f.Properties["code"], f.Properties["covered"], f.Properties["change"]))
	}
	if strings.Join(got, " ") != strings.Join(want, " ") || len(want) != 2 {
		t.Errorf("what-if: export %v, API %v", got, want)
	}

	var sites layerDoc
	s.post(t, "/api/v1/coverage/health/siting", `{"k":2,"parent":"320612"}`, &sites)
	exp = s.layer(t, "/api/v1/export/health-siting.geojson?k=2&parent=320612")
	if len(sites.Features) == 0 || column(sites, "gain") != column(exp, "gain") || column(sites, "community") != column(exp, "community") {
		t.Errorf("siting: API %s, export %s", column(sites, "gain"), column(exp, "gain"))
	}

	for _, c := range []struct{ path, param string }{
		{"/api/v1/export/health-whatif.geojson?add=120.15", "add"},
		{"/api/v1/export/health-whatif.geojson?add=x,32", "add"},
		{"/api/v1/export/health-siting.geojson?k=two", "k"},
		{"/api/v1/export/health-siting.geojson?k=0", "k"},
		{"/api/v1/export/health-uncovered.geojson?min_population=-1", "min_population"},
		{"/api/v1/export/grid-gaps.kml", "format"},
	} {
		var p problem
		s.get(t, c.path, 400, &p)
		if p.Param != c.param {
			t.Errorf("%s: param %q, want %q (%s)", c.path, p.Param, c.param, p.Detail)
		}
	}
}

// A GeoPackage and a Shapefile of coverage results, read by GDAL.
func TestCoverageExportsReadByGDAL(t *testing.T) {
	ogrtest.Require(t)
	s := newServer(t, healthFixture())
	dir := t.TempDir()
	resp, body := s.fetch(t, "/api/v1/export/health-whatif.gpkg?level=community&add=120.15,32.05,village_clinic")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Disposition") != "attachment; filename=health-whatif_community_15min_epsg4326.gpkg" {
		t.Fatalf("status %d, disposition %q: %s", resp.StatusCode, resp.Header.Get("Content-Disposition"), body)
	}
	gpkg := filepath.Join(dir, "whatif.gpkg")
	os.WriteFile(gpkg, body, 0o644)
	info := ogrtest.Run(t, "ogrinfo", "-ro", "-al", gpkg)
	for _, want := range []string{"Feature Count: 2", "乙村委会", "base_cov (Integer64) = 0", "Geometry: Multi Polygon"} {
		if !strings.Contains(info, want) {
			t.Errorf("gpkg: %q missing in\n%s", want, info)
		}
	}
	resp, body = s.fetch(t, "/api/v1/export/grid-gaps.gpkg?parent=320612&crs=EPSG:4549")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	gaps := filepath.Join(dir, "gaps.gpkg")
	os.WriteFile(gaps, body, 0o644)
	info = ogrtest.Run(t, "ogrinfo", "-ro", "-al", gaps)
	for _, want := range []string{"Feature Count: 2", `ID["EPSG",4549]`, "reason (String) = uncovered", "reason (String) = no_grids", "households (Real) = 333"} {
		if !strings.Contains(info, want) {
			t.Errorf("gaps gpkg: %q missing in\n%s", want, info)
		}
	}
}
