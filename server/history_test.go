package server_test

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/server/auth"
)

type batchAnswer struct {
	ID       int64
	Kind     string
	Source   string
	Rows     int
	User     string
	Counts   map[string]int
	Undoable bool
	Undoes   int64
	UndoneBy int64 `json:"undone_by"`
}

type importAnswer struct{ Batch struct{ ID int64 } }

// TestUndoAPI: a township's data manager redraws a community, reads the
// batch, undoes it (the old boundary is back) and is refused what lies
// outside the township; a later batch on the same value stands in the way
// (409 naming it); unknown batches are 404.
func TestUndoAPI(t *testing.T) {
	s := newServer(t, scopeFixture())
	dm := s.addUser(t, "township-dm", auth.DataManager, township)
	other := s.addUser(t, "rudong-dm", auth.DataManager, "320623")
	viewer := s.addUser(t, "viewer", auth.Viewer, "")

	var old map[string]any
	s.get(t, "/api/v1/regions/320612001001?format=geojson", 200, &old)
	var imp importAnswer
	s.uploadAs(t, dm, "boundaries", "new.geojson",
		[]byte(boundary("320612001001", "甲社区居委会", "community", township, 120, 32, 120.05, 32.1)), 201, &imp)
	var b batchAnswer
	s.do(t, "GET", "/api/v1/batches/"+formatID(imp.Batch.ID), dm, "", nil, 200, &b)
	if b.User != "township-dm" || b.Kind != "boundaries" || b.Source != "new.geojson" || !b.Undoable || b.Counts["regions"] != 1 {
		t.Errorf("batch = %+v, want the township data manager's boundaries with 1 region", b)
	}
	var list struct{ Items []batchAnswer }
	s.do(t, "GET", "/api/v1/batches?kind=boundaries&limit=5", dm, "", nil, 200, &list)
	if len(list.Items) != 1 || list.Items[0].ID != imp.Batch.ID {
		t.Errorf("batches of kind boundaries = %+v, want only %d", list.Items, imp.Batch.ID)
	}
	s.do(t, "GET", "/api/v1/batches", viewer, "", nil, 403, nil)
	s.do(t, "GET", "/api/v1/batches?limit=0", dm, "", nil, 400, nil)

	var p problem
	s.do(t, "POST", "/api/v1/batches/"+formatID(imp.Batch.ID)+"/undo", other, "", nil, 403, &p)
	if !strings.Contains(p.Detail, "320612001001") {
		t.Errorf("403 detail %q does not name the row outside", p.Detail)
	}
	s.do(t, "POST", "/api/v1/batches/9999/undo", dm, "", nil, 404, nil)
	s.do(t, "POST", "/api/v1/batches/x/undo", dm, "", nil, 404, nil)

	var undo batchAnswer
	s.do(t, "POST", "/api/v1/batches/"+formatID(imp.Batch.ID)+"/undo", dm, "", nil, 201, &undo)
	if undo.Kind != "undo" || undo.Undoes != imp.Batch.ID || undo.User != "township-dm" || undo.Rows != 1 {
		t.Errorf("undo = %+v, want the township data manager's undo of %d", undo, imp.Batch.ID)
	}
	var back map[string]any
	s.get(t, "/api/v1/regions/320612001001?format=geojson", 200, &back)
	if !reflect.DeepEqual(back["geometry"], old["geometry"]) {
		t.Errorf("after the undo the boundary is %v, want the old %v", back["geometry"], old["geometry"])
	}

	// Two imports of the same value: the first cannot be undone before
	// the second.
	var v1, v2 importAnswer
	s.uploadAs(t, dm, "observations", "a.csv", []byte(valueRow("320612001001")), 201, &v1)
	s.uploadAs(t, dm, "observations", "b.csv", []byte(strings.Replace(valueRow("320612001001"), ",7", ",8", 1)), 201, &v2)
	s.do(t, "POST", "/api/v1/batches/"+formatID(v1.Batch.ID)+"/undo", dm, "", nil, 409, &p)
	if !strings.Contains(p.Detail, "batch "+formatID(v2.Batch.ID)) {
		t.Errorf("409 detail %q does not name batch %d", p.Detail, v2.Batch.ID)
	}

	// The provenance of the value: the fixture's 10, then 7, then 8.
	var hist struct {
		Items []struct {
			Period          int
			Batch           int64
			User            string
			Value, Previous *float64
		}
	}
	s.do(t, "GET", "/api/v1/regions/320612001001/history?indicator=registered_volunteers", viewer, "", nil, 200, &hist)
	var got []string
	for _, h := range hist.Items {
		if h.Period == 2013 {
			got = append(got, formatFloat(h.Previous)+"→"+formatFloat(h.Value)+" by "+h.User)
		}
	}
	if want := []string{"–→10 by ", "10→7 by township-dm", "7→8 by township-dm"}; strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("history of 2013 = %v, want %v", got, want)
	}
	s.do(t, "GET", "/api/v1/regions/999/history", viewer, "", nil, 404, nil)
	s.do(t, "GET", "/api/v1/regions/320612001001/history?indicator=nope", viewer, "", nil, 400, nil)
}

func formatFloat(f *float64) string {
	if f == nil {
		return "–"
	}
	return strconv.FormatFloat(*f, 'g', -1, 64)
}
