package server_test

import (
	"encoding/csv"
	"strings"
	"testing"
)

// hostileTownships imports two townships of 如东县 whose names are
// spreadsheet formulas.
func hostileTownships(t *testing.T, s *testServer) {
	t.Helper()
	geo := `{"type":"FeatureCollection","features":[
		{"type":"Feature","properties":{"code":"320623101","name":"=HYPERLINK(\"http://x\",\"y\")","level":"township","parent":"320623"},
		 "geometry":{"type":"Polygon","coordinates":[[[120.2,32],[120.3,32],[120.3,32.1],[120.2,32.1],[120.2,32]]]}},
		{"type":"Feature","properties":{"code":"320623102","name":"\t=1+1","level":"township","parent":"320623"},
		 "geometry":{"type":"Polygon","coordinates":[[[120.3,32],[120.4,32],[120.4,32.1],[120.3,32.1],[120.3,32]]]}}]}`
	s.upload(t, "boundaries", "towns.geojson", []byte(geo), 201, nil)
}

// csvNames reads a CSV download back and returns the column named col by
// the code in the column named code.
func csvNames(t *testing.T, s *testServer, path, code, col string) map[string]string {
	t.Helper()
	resp, body := s.fetch(t, path)
	if resp.StatusCode != 200 {
		t.Fatalf("%s: status %d: %s", path, resp.StatusCode, body)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(body), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	ci, ni := -1, -1
	for i, h := range recs[0] {
		if h == code || strings.HasSuffix(h, " "+code) {
			ci = i
		}
		if h == col || strings.HasSuffix(h, " "+col) {
			ni = i
		}
	}
	if ci < 0 || ni < 0 {
		t.Fatalf("%s: no %s or %s column in %q", path, code, col, recs[0])
	}
	out := map[string]string{}
	for _, r := range recs[1:] {
		out[r[ci]] = r[ni]
	}
	return out
}

// Every CSV the service writes — table exports, CSV+WKT layers and chart
// data — starts a formula-leading name with a quote.
func TestCSVDownloadsNeutraliseFormulas(t *testing.T) {
	s := newServer(t, fixture())
	hostileTownships(t, s)
	// The importer trims the tab in front of "\t=1+1", so the stored name
	// starts with "=" (the tab-led case of the rule is the table writer's
	// own test, geo/format/table).
	want := map[string]string{"320623101": `'=HYPERLINK("http://x","y")`, "320623102": "'=1+1"}
	for path, col := range map[string]string{
		"/api/v1/export/regions.csv?level=township":                                                    "name",
		"/api/v1/export/compare.csv?level=township&period=2013":                                        "region",
		"/api/v1/charts/ranking?indicator=registered_volunteers&level=township&period=2013&format=csv": "region",
	} {
		names := csvNames(t, s, path, "code", col)
		for code, w := range want {
			if names[code] != w {
				t.Errorf("%s: %s named %q, want %q", path, code, names[code], w)
			}
		}
		if names["320612001"] != "金沙街道" {
			t.Errorf("%s: an ordinary name became %q", path, names["320612001"])
		}
	}
}
