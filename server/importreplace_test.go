package server_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/server/auth"
)

// TestImportReplace: a boundary file of township 320612001 alone, with
// replace=true, drops the sibling township 320612002 and its community:
// the dry run lists both; a manager limited to 320612001 is refused (403
// naming the removals, nothing written); the unlimited admin's import
// removes them, and the batch keeps who wrote it and the report the
// answer gave. The same without replace removes nothing.
func TestImportReplace(t *testing.T) {
	st := openSQLite(t)
	s := newServerOn(t, st, scopeFixture())
	file := []byte(boundary("320612001", "金沙街道", "township", "320612", 120, 32, 120.1, 32.1))
	type answer struct {
		Batch  struct{ ID int64 }
		Counts map[string]int
		Report json.RawMessage
	}
	var dry struct {
		Report struct {
			Regions struct {
				Removed int
				Items   []struct {
					Code    string
					Removed bool
				}
			}
		}
	}
	s.uploadForm(t, "boundaries", "t.geojson", file, map[string]string{"dry_run": "true", "replace": "true"}, http.StatusOK, &dry)
	var removed []string
	for _, it := range dry.Report.Regions.Items {
		if it.Removed {
			removed = append(removed, it.Code)
		}
	}
	if dry.Report.Regions.Removed != 2 || strings.Join(removed, ",") != "320612002001,320612002" {
		t.Errorf("dry run removes %d: %v; want 320612002001, 320612002", dry.Report.Regions.Removed, removed)
	}
	s.get(t, "/api/v1/regions/320612002", http.StatusOK, nil)

	limited := s.addUser(t, "town", auth.DataManager, "320612001")
	var p problem
	s.uploadFormAs(t, limited, "boundaries", "t.geojson", file, map[string]string{"replace": "true"}, http.StatusForbidden, &p)
	if !strings.Contains(p.Detail+strings.Join(problemRows(p), ";"), "320612002") {
		t.Errorf("403 %+v does not name the removal of 320612002", p)
	}
	s.get(t, "/api/v1/regions/320612002", http.StatusOK, nil)

	var kept answer
	s.uploadForm(t, "boundaries", "t.geojson", file, nil, http.StatusCreated, &kept)
	s.get(t, "/api/v1/regions/320612002", http.StatusOK, nil)

	var res answer
	s.uploadForm(t, "boundaries", "t.geojson", file, map[string]string{"replace": "true"}, http.StatusCreated, &res)
	if res.Counts["removed_regions"] != 2 {
		t.Errorf("counts %v, want 2 removed regions", res.Counts)
	}
	s.do(t, "GET", "/api/v1/regions/320612002", s.token, "", nil, http.StatusNotFound, nil)
	s.do(t, "GET", "/api/v1/regions/320612002001", s.token, "", nil, http.StatusNotFound, nil)
	stored, err := st.BatchReport(t.Context(), res.Batch.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got, want any
	if err := json.Unmarshal(stored, &got); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(res.Report, &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("batch %d keeps report %s, the answer gave %s", res.Batch.ID, stored, res.Report)
	}
	ds, err := st.Load(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if last := ds.Batches[len(ds.Batches)-1]; last.ID != res.Batch.ID || last.User != "admin" {
		t.Errorf("last batch %+v, want %d written by admin", last, res.Batch.ID)
	}
}

// problemRows are the rows a 403 names.
func problemRows(p problem) []string {
	var rows []string
	for _, e := range p.Errors {
		rows = append(rows, e.Code+" "+e.Message)
	}
	return rows
}
