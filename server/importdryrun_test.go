package server_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"testing"
)

// uploadForm posts a file with form fields to an import endpoint.
func (s *testServer) uploadForm(t *testing.T, kind, name string, data []byte, fields map[string]string, status int, v any) {
	t.Helper()
	s.uploadFormAs(t, s.token, kind, name, data, fields, status, v)
}

// uploadFormAs is uploadForm as the user of token.
func (s *testServer) uploadFormAs(t *testing.T, token, kind, name string, data []byte, fields map[string]string, status int, v any) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, val := range fields {
		w.WriteField(k, val)
	}
	part, _ := w.CreateFormFile("file", name)
	part.Write(data)
	w.Close()
	s.do(t, "POST", "/api/v1/imports/"+kind, token, w.FormDataContentType(), &body, status, v)
}

// TestImportDryRun: dry_run answers 200 with what the file would change,
// in the report, and writes nothing; the same file then imports for real
// with the same report.
func TestImportDryRun(t *testing.T) {
	s := newServer(t, fixture())
	file := []byte(`{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"行政代码":"320612001001","名称":"甲社区","人口":3100},
 "geometry":{"type":"Polygon","coordinates":[[[120,32],[120.1,32],[120.1,32.1],[120,32.1],[120,32]]]}},
{"type":"Feature","properties":{"行政代码":"320612001002","名称":"新社区居委会","人口":800},
 "geometry":{"type":"Polygon","coordinates":[[[120.1,32],[120.2,32],[120.2,32.05],[120.1,32.05],[120.1,32]]]}}]}`)
	var res struct {
		DryRun bool `json:"dry_run"`
		Report struct {
			Format  string
			Columns map[string]string
			CRS     struct{ From string }
			Regions struct{ New, Changed, Unchanged int }
		}
	}
	before := version(t, s)
	s.uploadForm(t, "boundaries", "towns.geojson", file, map[string]string{"dry_run": "true"}, http.StatusOK, &res)
	if !res.DryRun || res.Report.Format != "geojson" || res.Report.CRS.From != "degrees" ||
		res.Report.Regions.New != 1 || res.Report.Regions.Changed != 1 || res.Report.Columns["code"] == "" {
		t.Errorf("dry run answer %+v", res)
	}
	if after := version(t, s); after != before {
		t.Fatalf("a dry run changed the data: %s → %s", before, after)
	}
	var r region
	s.get(t, "/api/v1/regions/320612001001", 200, &r)
	if r.Name != "甲社区居委会" {
		t.Errorf("a dry run renamed the region to %q", r.Name)
	}
	var real struct {
		DryRun bool `json:"dry_run"`
		Batch  struct{ ID int64 }
		Report struct{ Regions struct{ New, Changed int } }
	}
	s.uploadForm(t, "boundaries", "towns.geojson", file, nil, http.StatusCreated, &real)
	if real.DryRun || real.Batch.ID == 0 || real.Report.Regions.New != 1 || real.Report.Regions.Changed != 1 {
		t.Errorf("real import answer %+v", real)
	}
	s.get(t, "/api/v1/regions/320612001001", 200, &r)
	if r.Name != "甲社区" || r.Population != 3100 {
		t.Errorf("after the import %+v", r)
	}
	// A bad option is named.
	var p problem
	s.uploadForm(t, "boundaries", "towns.geojson", file, map[string]string{"map": "nonsense"}, http.StatusBadRequest, &p)
	if p.Param != "map" {
		t.Errorf("bad map: %+v", p)
	}
}
