package server_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/server/internal/ogrtest"
	"github.com/xuri/excelize/v2"
)

func TestExportObservations(t *testing.T) {
	s := newServer(t, fixture())
	resp, body := s.fetch(t, "/api/v1/export/observations.csv?indicator=registered_volunteers&level=community&period=2013")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Disposition") != "attachment; filename=observations_registered_volunteers_community_2013.csv" {
		t.Fatalf("status %d, disposition %q", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
	lines := strings.Split(strings.TrimSpace(string(body)), "\n")
	if !strings.HasPrefix(lines[0], "\uFEFF指标代码 indicator,") || len(lines) != 3 {
		t.Fatalf("csv:\n%s", body)
	}
	// The rural community: 4% against its own 5%: a gap of −1.
	if !strings.Contains(lines[2], "320612001201,乙村委会,community,320612001,rural,2013,%,4,1,ge,5,,false,-1") {
		t.Errorf("row %s", lines[2])
	}
	// All periods, every indicator, as XLSX: numbers stay numbers.
	resp, body = s.fetch(t, "/api/v1/export/observations.xlsx?level=county&period=all")
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), "observations_all-indicators_county_all.xlsx") {
		t.Fatalf("status %d %s", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("observations")
	var nCat struct{ Items []any }
	s.get(t, "/api/v1/indicators", 200, &nCat)
	if want := 1 + 2*2*len(nCat.Items); len(rows) != want {
		t.Errorf("%d rows, want %d (header + 2 periods × 2 counties × indicators)", len(rows), want)
	}
	var p problem
	s.get(t, "/api/v1/export/observations.pdf", 400, &p)
	if p.Param != "format" {
		t.Errorf("problem %+v", p)
	}
}

func TestExportCompare(t *testing.T) {
	s := newServer(t, fixture())
	resp, body := s.fetch(t, "/api/v1/export/compare.json?period=2014")
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), "compare_county_2014.json") {
		t.Fatalf("status %d %s", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
	var doc struct {
		Items []map[string]any
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range doc.Items {
		if it["code"] == "320612" && it["indicator"] == "registered_volunteers" {
			found = true
			// 2014 has no target: not judged, no bound, the value's urban part.
			if it["value"] != 11.0 || it["rank"] != 1.0 || it["change"] != 2.5 || it["meets"] != nil || it["target_min"] != nil ||
				it["verdict"] != "not_judged" || it["not_judged"] != "period" || it["urban_val"] != 11.0 || it["rural_val"] != nil {
				t.Errorf("row %v", it)
			}
		}
	}
	if !found {
		t.Error("no row for 320612 × registered_volunteers")
	}
	resp, body = s.fetch(t, "/api/v1/export/compare.xlsx?period=2014")
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil || resp.StatusCode != 200 {
		t.Fatal(resp.StatusCode, err)
	}
	if panes, _ := f.GetPanes("compare"); !panes.Freeze {
		t.Error("header row not frozen")
	}
}

// Map layers: every format and a projected CRS, read back by GDAL.
func TestExportLayersReadByGDAL(t *testing.T) {
	ogrtest.Require(t)
	s := newServer(t, fixture())
	dir := t.TempDir()
	save := func(path, wantName string) string {
		t.Helper()
		resp, body := s.fetch(t, path)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: status %d: %s", path, resp.StatusCode, body)
		}
		if got := resp.Header.Get("Content-Disposition"); got != "attachment; filename="+wantName {
			t.Errorf("%s: disposition %q, want %s", path, got, wantName)
		}
		out := filepath.Join(dir, wantName)
		os.WriteFile(out, body, 0o644)
		return out
	}
	gpkg := save("/api/v1/export/regions.gpkg?level=community&period=2013&indicator=registered_volunteers&crs=EPSG:4549",
		"regions_community_2013_registered_volunteers_epsg4549.gpkg")
	info := ogrtest.Run(t, "ogrinfo", "-ro", "-al", gpkg)
	for _, want := range []string{"Feature Count: 2", `ID["EPSG",4549]`, "乙村委会", "value (Real) = 4", "gap (Real) = -1", "meets (Integer(Boolean)) = 0", "target_min (Real) = 5"} {
		if !strings.Contains(info, want) {
			t.Errorf("gpkg: %q missing in\n%s", want, info)
		}
	}
	zipped := save("/api/v1/export/regions.shp.zip?level=county&crs=gcj02", "regions_county_2014_all-indicators_gcj02.shp.zip")
	zr, err := zip.OpenReader(zipped)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		os.WriteFile(filepath.Join(dir, f.Name), b.Bytes(), 0o644)
	}
	zr.Close()
	info = ogrtest.Run(t, "ogrinfo", "-ro", "-al", filepath.Join(dir, "regions_county_2014_all-indicators_gcj02.shp"))
	for _, want := range []string{"Feature Count: 2", "GCJ-02", "通州区", "registered (Real) = 11.0"} {
		if !strings.Contains(info, want) {
			t.Errorf("shapefile: %q missing in\n%s", want, info)
		}
	}
	facilities := save("/api/v1/export/facilities.geojson?crs=EPSG:3857", "facilities_epsg3857.geojson")
	info = ogrtest.Run(t, "ogrinfo", "-ro", "-al", facilities)
	for _, want := range []string{"Feature Count: 2", `ID["EPSG",3857]`, "Geometry: Point", "floor_area_m2 (Integer) = 450", "region_name (String) = 乙村委会"} {
		if !strings.Contains(info, want) {
			t.Errorf("facilities: %q missing in\n%s", want, info)
		}
	}
	grids := save("/api/v1/export/grids.csv?parent=320612", "grids_320612_epsg4326.csv")
	info = ogrtest.Run(t, "ogrinfo", "-ro", "-al", grids)
	for _, want := range []string{"Feature Count: 1", "worker (String) = 张三", "MULTIPOLYGON (((120 32,120.1 32"} {
		if !strings.Contains(info, want) {
			t.Errorf("grids csv: %q missing in\n%s", want, info)
		}
	}
	var p problem
	s.get(t, "/api/v1/export/regions.gpkg?crs=EPSG:2385", 400, &p)
	if p.Param != "crs" || !strings.Contains(p.Detail, "not a supported CRS") {
		t.Errorf("problem %+v", p)
	}
	s.get(t, "/api/v1/export/regions.kml", 400, &p)
}
