package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/community-atlas/atlas/server"
	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/store"
	"github.com/xuri/excelize/v2"
)

// stagedServer is a test server whose data directory (where staged uploads
// live) is the test's, with a clock the test moves.
type stagedServer struct {
	*testServer
	*clock
	dir string
}

func newStagedServer(t *testing.T, st store.Store) *stagedServer {
	ss := &stagedServer{dir: t.TempDir(), clock: newClock()}
	cfg := server.DefaultConfig()
	cfg.DataDir = ss.dir
	ss.testServer = newServerWith(t, st, scopeFixture(), cfg, serverOptions{now: ss.now})
	return ss
}

// bothStores runs test on the embedded store and on PostgreSQL.
func bothStores(t *testing.T, test func(t *testing.T, open func(*testing.T) store.Store)) {
	for _, st := range []struct {
		name string
		open func(*testing.T) store.Store
	}{{"sqlite", openSQLite}, {"postgis", openPostGIS}} {
		t.Run(st.name, func(t *testing.T) { test(t, st.open) })
	}
}

// user adds a user with a role and scope and answers its API token.
func (s *stagedServer) user(t *testing.T, name string, role auth.Role, region string) string {
	t.Helper()
	if err := s.atlas.AddUser(t.Context(), name, name+"-password", role, region); err != nil {
		t.Fatal(err)
	}
	return apiToken(t, s.store, name)
}

type staged struct {
	ID      string
	Kind    string
	File    string
	Size    int64
	Expires time.Time
}

func (s *stagedServer) stage(t *testing.T, token, kind, name, data string, status int) staged {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("kind", kind)
	part, _ := w.CreateFormFile("file", name)
	part.Write([]byte(data))
	w.Close()
	var u staged
	var out any = &u
	if status != http.StatusCreated {
		out = nil
	}
	s.do(t, "POST", "/api/v1/uploads", token, w.FormDataContentType(), &body, status, out)
	return u
}

// stagedFiles lists what the upload directory holds.
func (s *stagedServer) stagedFiles(t *testing.T) []string {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(s.dir, "uploads", "*"))
	return names
}

type stagedReport struct {
	Upload   staged
	Problems []struct {
		Row            int
		Field, Message string
	}
	Outside []struct{ Kind, Key, What string }
	Changes struct {
		New, Changed, Unchanged int
		Items                   []struct {
			Kind, Key, Name string
			New             bool
			Fields          []struct {
				Field         string
				Before, After any
			}
		}
	}
	Preview struct {
		Features []struct {
			Properties map[string]any
			Geometry   struct{ Type string }
		}
	}
	Report struct {
		Format  string
		Columns map[string]string
	}
}

// twoRegions rewrites the community 320612001001 (renamed, a smaller
// boundary, 3,100 people) and adds a new one.
const twoRegions = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"行政代码":"320612001001","名称":"甲社区","人口":3100},
 "geometry":{"type":"Polygon","coordinates":[[[120,32],[120.05,32],[120.05,32.1],[120,32.1],[120,32]]]}},
{"type":"Feature","properties":{"行政代码":"320612001002","名称":"新社区居委会","人口":800},
 "geometry":{"type":"Polygon","coordinates":[[[120.05,32],[120.1,32],[120.1,32.1],[120.05,32.1],[120.05,32]]]}}]}`

// TestStagedUploadCommit: the report of a staged boundary file names the
// changed region with its values before and after, previews its old and new
// boundary, writes nothing; the commit writes it and deletes the upload.
// On both stores.
func TestStagedUploadCommit(t *testing.T) {
	bothStores(t, func(t *testing.T, open func(*testing.T) store.Store) {
		s := newStagedServer(t, open(t))
		u := s.stage(t, s.token, "boundaries", "towns.geojson", twoRegions, http.StatusCreated)
		if u.Size != int64(len(twoRegions)) || u.Kind != "boundaries" || !u.Expires.After(s.now().Add(23*time.Hour)) {
			t.Fatalf("upload record %+v", u)
		}
		before := version(t, s.testServer)
		var rep stagedReport
		s.get(t, "/api/v1/uploads/"+u.ID+"/report", 200, &rep)
		if after := version(t, s.testServer); after != before {
			t.Fatalf("a report changed the data")
		}
		checkTwoRegions(t, rep)
		// Asked again, the report is the one kept beside the upload; other
		// options make another.
		kept := func() []string {
			ks, _ := filepath.Glob(filepath.Join(s.dir, "uploads", u.ID+".report-*"))
			return ks
		}
		if ks := kept(); len(ks) != 1 {
			t.Fatalf("reports kept: %v", ks)
		}
		first, _ := os.ReadFile(kept()[0])
		var again stagedReport
		s.get(t, "/api/v1/uploads/"+u.ID+"/report", 200, &again)
		checkTwoRegions(t, again)
		if ks := kept(); len(ks) != 1 {
			t.Fatalf("reports kept after asking twice: %v", ks)
		}
		var other stagedReport
		s.get(t, "/api/v1/uploads/"+u.ID+"/report?map=code%3D%E8%A1%8C%E6%94%BF%E4%BB%A3%E7%A0%81", 200, &other)
		if ks := kept(); len(ks) != 2 {
			t.Fatalf("reports kept for two option sets: %v", ks)
		}
		var firstRep stagedReport
		if err := json.Unmarshal(first, &firstRep); err != nil || !reflect.DeepEqual(firstRep, again) {
			t.Errorf("the kept report differs from the one answered: %v", err)
		}
		var res struct {
			Batch struct{ ID, Rows int64 }
		}
		s.do(t, "POST", "/api/v1/uploads/"+u.ID+"/commit", s.token, "", nil, http.StatusCreated, &res)
		if res.Batch.Rows != 2 {
			t.Errorf("commit wrote %+v, want 2 rows", res)
		}
		var r region
		s.get(t, "/api/v1/regions/320612001001", 200, &r)
		if r.Name != "甲社区" || r.Population != 3100 {
			t.Errorf("after the commit %+v", r)
		}
		s.get(t, "/api/v1/uploads/"+u.ID+"/report", 404, nil)
		// What is left is the commit's answer alone: the same POST again
		// answers it and writes nothing.
		if left := s.stagedFiles(t); len(left) != 1 || filepath.Base(left[0]) != u.ID+".committed" {
			t.Errorf("the committed upload left %v", left)
		}
		written := version(t, s.testServer)
		var second struct {
			Batch struct{ ID, Rows int64 }
		}
		s.do(t, "POST", "/api/v1/uploads/"+u.ID+"/commit", s.token, "", nil, http.StatusCreated, &second)
		if second != res || version(t, s.testServer) != written {
			t.Errorf("a second commit answered %+v (first %+v) or wrote again", second, res)
		}
	})
}

// TestStagedCommitInBackground: a commit not done within ?wait= is 202 with
// how long it has run, and goes on without the request; the same POST again
// waits on the same run and answers its batch, written once.
func TestStagedCommitInBackground(t *testing.T) {
	s := newStagedServer(t, openSQLite(t))
	u := s.stage(t, s.token, "boundaries", "towns.geojson", twoRegions, http.StatusCreated)
	before := s.batchCount(t)
	var pending struct {
		Status  string
		Seconds *int
	}
	resp := s.do(t, "POST", "/api/v1/uploads/"+u.ID+"/commit?wait=0", s.token, "", nil, http.StatusAccepted, &pending)
	if pending.Status != "committing" || pending.Seconds == nil || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("202 answer %+v, Retry-After %q", pending, resp.Header.Get("Retry-After"))
	}
	var res struct {
		Batch struct{ ID, Rows int64 }
	}
	s.do(t, "POST", "/api/v1/uploads/"+u.ID+"/commit", s.token, "", nil, http.StatusCreated, &res)
	if res.Batch.Rows != 2 {
		t.Errorf("commit wrote %+v, want 2 rows", res)
	}
	if n := s.batchCount(t); n != before+1 {
		t.Errorf("batches: %d before, %d after; want one more", before, n)
	}
	other := s.user(t, "other-dm", auth.DataManager, "")
	s.do(t, "POST", "/api/v1/uploads/"+u.ID+"/commit", other, "", nil, http.StatusNotFound, nil)
}

// batchCount is how many import batches the history lists.
func (s *stagedServer) batchCount(t *testing.T) int {
	t.Helper()
	var b struct{ Items []struct{ ID int64 } }
	s.get(t, "/api/v1/batches?limit=100", http.StatusOK, &b)
	return len(b.Items)
}

func checkTwoRegions(t *testing.T, rep stagedReport) {
	t.Helper()
	if rep.Changes.New != 1 || rep.Changes.Changed != 1 || len(rep.Problems) != 0 || rep.Report.Format != "geojson" {
		t.Fatalf("report %+v", rep)
	}
	got := map[string][2]any{}
	for _, it := range rep.Changes.Items {
		if it.Key != "320612001001" {
			continue
		}
		for _, f := range it.Fields {
			got[f.Field] = [2]any{f.Before, f.After}
		}
	}
	// The fixture's community: 甲社区居委会, 3,000 people, 1 km² as stored;
	// the file's: 0.05° × 0.1° at 32° N.
	if got["name"] != [2]any{"甲社区居委会", "甲社区"} || got["population"] != [2]any{3000.0, 3100.0} {
		t.Errorf("before/after %v", got)
	}
	status := map[string]int{}
	for _, f := range rep.Preview.Features {
		status[fmt.Sprint(f.Properties["key"], " ", f.Properties["status"])]++
	}
	want := map[string]int{"320612001001 changed": 1, "320612001001 before": 1, "320612001002 new": 1}
	if fmt.Sprint(status) != fmt.Sprint(want) {
		t.Errorf("preview features %v, want %v", status, want)
	}
}

// TestStagedUploadAccess: only data managers and admins stage; an upload is
// its owner's alone (others get 404 for it and do not list it); discarding
// deletes its files; five may wait at once; an upload expires after a day.
func TestStagedUploadAccess(t *testing.T) {
	s := newStagedServer(t, openSQLite(t))
	for _, role := range []auth.Role{auth.Viewer, auth.Analyst} {
		tok := s.user(t, "u"+string(role), role, "")
		s.stage(t, tok, "boundaries", "b.geojson", twoRegions, http.StatusForbidden)
	}
	dm := s.user(t, "dm1", auth.DataManager, "")
	other := s.user(t, "dm2", auth.DataManager, "")
	u := s.stage(t, dm, "boundaries", "b.geojson", twoRegions, http.StatusCreated)
	s.do(t, "GET", "/api/v1/uploads/"+u.ID+"/report", other, "", nil, 404, nil)
	s.do(t, "DELETE", "/api/v1/uploads/"+u.ID, other, "", nil, 404, nil)
	s.do(t, "POST", "/api/v1/uploads/"+u.ID+"/commit", other, "", nil, 404, nil)
	var list struct{ Items []staged }
	s.do(t, "GET", "/api/v1/uploads", other, "", nil, 200, &list)
	if len(list.Items) != 0 {
		t.Errorf("another user lists %+v", list.Items)
	}
	s.do(t, "GET", "/api/v1/uploads", dm, "", nil, 200, &list)
	if len(list.Items) != 1 || list.Items[0].ID != u.ID {
		t.Errorf("the owner lists %+v", list.Items)
	}
	s.do(t, "GET", "/api/v1/uploads/"+u.ID+"/report", dm, "", nil, 200, nil)
	s.do(t, "DELETE", "/api/v1/uploads/"+u.ID, dm, "", nil, http.StatusNoContent, nil)
	if left := s.stagedFiles(t); len(left) != 0 {
		t.Errorf("the discarded upload left %v", left)
	}
	s.do(t, "GET", "/api/v1/uploads/"+u.ID+"/report", dm, "", nil, 404, nil)
	s.do(t, "GET", "/api/v1/uploads/not-an-id/report", dm, "", nil, 404, nil)

	for range 5 {
		s.stage(t, dm, "observations", "o.csv", valueRow("320612001001"), http.StatusCreated)
	}
	s.stage(t, dm, "observations", "o.csv", valueRow("320612001001"), http.StatusConflict)
	s.stage(t, other, "observations", "o.csv", valueRow("320612001001"), http.StatusCreated) // the limit is per user

	s.advance(24*time.Hour + time.Second)
	dm = apiTokenAt(t, s.store, "dm1", s.now()) // the day took the old token with it
	s.do(t, "GET", "/api/v1/uploads", dm, "", nil, 200, &list)
	if len(list.Items) != 0 {
		t.Errorf("expired uploads still listed: %+v", list.Items)
	}
	if left := s.stagedFiles(t); len(left) != 0 {
		t.Errorf("expired uploads left %v", left)
	}
	s.stage(t, dm, "observations", "o.csv", valueRow("320612001001"), http.StatusCreated)
	s.stage(t, dm, "nonsense", "o.csv", valueRow("320612001001"), http.StatusBadRequest)
}

// TestStagedUploadScope: a data manager of township 320612001 stages a file
// with a value inside and one outside. The report names the outside row;
// the commit writes the inside one only, and says what it left out. A file
// with nothing inside is refused.
func TestStagedUploadScope(t *testing.T) {
	bothStores(t, func(t *testing.T, open func(*testing.T) store.Store) {
		s := newStagedServer(t, open(t))
		tok := s.user(t, "town", auth.DataManager, township)
		file := "indicator,region,period,value\nregistered_volunteers,320612001001,2013,7\nregistered_volunteers,320623001001,2013,9\n"
		u := s.stage(t, tok, "observations", "o.csv", file, http.StatusCreated)
		var rep stagedReport
		s.do(t, "GET", "/api/v1/uploads/"+u.ID+"/report", tok, "", nil, 200, &rep)
		if len(rep.Outside) != 1 || rep.Outside[0].Key != "registered_volunteers/320623001001/2013" {
			t.Fatalf("outside rows %+v", rep.Outside)
		}
		var res struct {
			Batch   struct{ Rows int64 }
			Skipped []struct{ Key string }
		}
		s.do(t, "POST", "/api/v1/uploads/"+u.ID+"/commit", tok, "", nil, http.StatusCreated, &res)
		if res.Batch.Rows != 1 || len(res.Skipped) != 1 || res.Skipped[0].Key != "registered_volunteers/320623001001/2013" {
			t.Errorf("commit %+v", res)
		}
		if v := observed(t, s.testServer, "320612001001"); v != 7.0 {
			t.Errorf("inside value %v, want 7", v)
		}
		if v := observed(t, s.testServer, "320623001001"); v != nil {
			t.Errorf("outside value written: %v", v)
		}
		out := s.stage(t, tok, "observations", "o.csv", valueRow("320623001001"), http.StatusCreated)
		s.do(t, "POST", "/api/v1/uploads/"+out.ID+"/commit", tok, "", nil, http.StatusForbidden, nil)
	})
}

// observed is the 2013 registered_volunteers value of community code.
func observed(t *testing.T, s *testServer, code string) any {
	t.Helper()
	var out struct {
		Items []struct {
			Code  string
			Value any
		}
	}
	s.get(t, "/api/v1/observations?indicator=registered_volunteers&level=community&period=2013", 200, &out)
	for _, it := range out.Items {
		if it.Code == code {
			return it.Value
		}
	}
	return nil
}

// TestStagedUploadProblems: a file with problems reports them (200) with
// their rows, stays staged, cannot be committed, and downloads as a
// workbook whose copy of the file marks the offending row.
func TestStagedUploadProblems(t *testing.T) {
	s := newStagedServer(t, openSQLite(t))
	file := "indicator,region,period,value\nregistered_volunteers,320612001001,2013,7\nregistered_volunteers,999999999999,2013,9\n"
	u := s.stage(t, s.token, "observations", "o.csv", file, http.StatusCreated)
	var rep stagedReport
	s.get(t, "/api/v1/uploads/"+u.ID+"/report", 200, &rep)
	if len(rep.Problems) != 1 || rep.Problems[0].Row != 3 || rep.Problems[0].Field != "region" {
		t.Fatalf("problems %+v", rep.Problems)
	}
	s.do(t, "POST", "/api/v1/uploads/"+u.ID+"/commit", s.token, "", nil, http.StatusUnprocessableEntity, nil)
	resp := s.get(t, "/api/v1/uploads/"+u.ID+"/problems.xlsx", 200, nil)
	defer resp.Body.Close()
	f, err := excelize.OpenReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	sheets := f.GetSheetList()
	if len(sheets) != 2 || sheets[0] != "problems" {
		t.Fatalf("sheets %v", sheets)
	}
	list, _ := f.GetRows("problems")
	if len(list) != 2 || list[1][1] != "3" || list[1][4] != "region" {
		t.Errorf("problems sheet %q", list)
	}
	rows, _ := f.GetRows(sheets[1])
	if len(rows) != 3 || rows[1][0] != "" || rows[2][0] == "" || rows[2][2] != "999999999999" {
		t.Errorf("copied sheet %q", rows)
	}
	style, _ := f.GetCellStyle(sheets[1], "B3")
	plain, _ := f.GetCellStyle(sheets[1], "B2")
	if style == plain {
		t.Errorf("the offending row is not marked (style %d, as row 2's)", style)
	}
	if _, err := os.Stat(filepath.Join(s.dir, "uploads", u.ID+".data")); err != nil {
		t.Errorf("a refused commit removed the upload: %v", err)
	}
}

// TestStagedReportInBackground: a report not ready within ?wait= is 202
// with how long its run has taken, and the run goes on without the
// request; asked again, the answer is the report, the one kept.
func TestStagedReportInBackground(t *testing.T) {
	s := newStagedServer(t, openSQLite(t))
	u := s.stage(t, s.token, "boundaries", "towns.geojson", twoRegions, http.StatusCreated)
	var pending struct {
		Status  string
		Seconds *int
	}
	resp := s.get(t, "/api/v1/uploads/"+u.ID+"/report?wait=0", http.StatusAccepted, &pending)
	if pending.Status != "staging" || pending.Seconds == nil || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("202 answer %+v, Retry-After %q", pending, resp.Header.Get("Retry-After"))
	}
	var rep stagedReport
	s.get(t, "/api/v1/uploads/"+u.ID+"/report", http.StatusOK, &rep)
	checkTwoRegions(t, rep)
	s.get(t, "/api/v1/uploads/"+u.ID+"/report?wait=21", http.StatusBadRequest, nil)
}
