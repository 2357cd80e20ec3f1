package server_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/store"
)

type taskAttainment struct {
	Items []struct {
		Key       string
		Judged    int
		Met       int
		Checklist struct{ Judged, Met int }
		Items     []string `json:"checklist_items"`
	}
}

// task returns one task's attainment among the counties in 2013.
func (s *testServer) task(t *testing.T, key string) (judged, met, ckJudged, ckMet int, found bool) {
	t.Helper()
	var a taskAttainment
	s.get(t, "/api/v1/compare/tasks?period=2013", 200, &a)
	for _, it := range a.Items {
		if it.Key == key {
			return it.Judged, it.Met, it.Checklist.Judged, it.Checklist.Met, true
		}
	}
	return 0, 0, 0, 0, false
}

func putEntry(t *testing.T, s *testServer, token, region, item, body string, status int) analytics.ChecklistEntry {
	t.Helper()
	var e analytics.ChecklistEntry
	var v any = &e
	if status != 200 {
		v = nil
	}
	s.do(t, "PUT", "/api/v1/regions/"+region+"/checklist/"+item+"?period=2013", token, "application/json", strings.NewReader(body), status, v)
	return e
}

func review(t *testing.T, s *testServer, token, region, item, body string, status int) analytics.ChecklistEntry {
	t.Helper()
	var e analytics.ChecklistEntry
	var v any = &e
	if status != 200 {
		v = nil
	}
	s.do(t, "POST", "/api/v1/regions/"+region+"/checklist/"+item+"/review?period=2013", token, "application/json", strings.NewReader(body), status, v)
	return e
}

func TestChecklist(t *testing.T) {
	for _, st := range []struct {
		name string
		open func(*testing.T) store.Store
	}{{"sqlite", openSQLite}, {"postgis", openPostGIS}} {
		t.Run(st.name, func(t *testing.T) { runChecklist(t, newServerOn(t, st.open(t), fixture())) })
	}
}

func runChecklist(t *testing.T, s *testServer) {
	countyDM := s.addUser(t, "county-dm", auth.DataManager, "320612")
	townDM := s.addUser(t, "town-dm", auth.DataManager, "320612001")
	cityDM := s.addUser(t, "city-dm", auth.DataManager, "")
	analyst := s.addUser(t, "analyst", auth.Analyst, "")

	var cat analytics.Checklist
	s.get(t, "/api/v1/checklist", 200, &cat)
	if len(cat.Items) < 22 || cat.Items[0].Text.ZH == "" {
		t.Fatalf("catalogue: %d items", len(cat.Items))
	}
	// Task 20 has no indicator: it appears, with nothing judged yet.
	if judged, _, _, _, ok := s.task(t, "20"); !ok || judged != 0 {
		t.Fatalf("task 20 before any report: present %v, judged %d", ok, judged)
	}
	version := s.atlas.Snapshot().Version

	// Refusals write nothing.
	putEntry(t, s, analyst, "320612", "t20_coordination_body", `{"status":"done"}`, 403)
	putEntry(t, s, countyDM, "320623", "t20_coordination_body", `{"status":"done"}`, 403)
	putEntry(t, s, townDM, "320612", "t20_coordination_body", `{"status":"done"}`, 403)
	putEntry(t, s, countyDM, "320612001", "t20_coordination_body", `{"status":"done"}`, 400)
	putEntry(t, s, countyDM, "320612", "t20_coordination_body", `{"status":"finished"}`, 400)
	putEntry(t, s, countyDM, "320612", "t20_coordination_body", `{"status":"done","link":"javascript:alert(1)"}`, 400)
	putEntry(t, s, countyDM, "320612", "no_such_item", `{"status":"done"}`, 404)
	if v := s.atlas.Snapshot().Version; v != version {
		t.Fatalf("refused writes moved the data version from %d to %d", version, v)
	}

	// The county reports task 20 done: its cell is judged and met.
	e := putEntry(t, s, countyDM, "320612", "t20_coordination_body",
		`{"status":"done","evidence":"成立协调小组","link":"https://example.org/a"}`, 200)
	if e.Status != analytics.Done || e.UpdatedBy != "county-dm" || e.Review != analytics.ReviewPending {
		t.Fatalf("entry %+v", e)
	}
	if judged, met, cj, cm, _ := s.task(t, "20"); judged != 1 || met != 1 || cj != 1 || cm != 1 {
		t.Errorf("task 20 after the report: judged %d met %d checklist %d/%d; want 1 1 1/1", judged, met, cj, cm)
	}

	// Reviews: not by its writer, not from the county itself, not of an
	// entry nobody reported; the city approves.
	review(t, s, countyDM, "320612", "t20_coordination_body", `{"state":"approved"}`, 403)
	review(t, s, cityDM, "320612", "t20_supervision", `{"state":"approved"}`, 404)
	review(t, s, cityDM, "320612", "t20_coordination_body", `{"state":"maybe"}`, 400)
	r := review(t, s, cityDM, "320612", "t20_coordination_body", `{"state":"approved","note":"材料齐全"}`, 200)
	if r.Review != analytics.ReviewApproved || r.Reviewer != "city-dm" || r.ReviewNote != "材料齐全" || r.ReviewedAt == nil || r.Evidence != "成立协调小组" {
		t.Errorf("reviewed entry %+v", r)
	}
	// A change sends it back to review; an entry in progress cannot be approved.
	e = putEntry(t, s, countyDM, "320612", "t20_coordination_body", `{"status":"in_progress"}`, 200)
	if e.Review != analytics.ReviewPending || e.Reviewer != "" {
		t.Errorf("after a change: %+v", e)
	}
	review(t, s, cityDM, "320612", "t20_coordination_body", `{"state":"approved"}`, 409)
	if judged, met, _, _, _ := s.task(t, "20"); judged != 1 || met != 0 {
		t.Errorf("task 20 in progress: judged %d met %d; want 1 0", judged, met)
	}

	// A township data manager reports a community item; the county's
	// checklist shows the tally of its communities.
	putEntry(t, s, townDM, "320612001001", "t01_service_station", `{"status":"done"}`, 200)
	var rc struct {
		CanEdit bool `json:"can_edit"`
		Items   []struct {
			ID    string
			Entry *analytics.ChecklistEntry
			Tally struct{ Units, Entered, Done int }
		}
	}
	s.do(t, "GET", "/api/v1/regions/320612/checklist?period=2013", countyDM, "", nil, 200, &rc)
	seen := 0
	for _, it := range rc.Items {
		switch it.ID {
		case "t20_coordination_body":
			seen++
			if it.Entry == nil || it.Entry.Status != analytics.InProgress {
				t.Errorf("county's own entry: %+v", it.Entry)
			}
		case "t01_service_station":
			seen++
			if it.Entry != nil || it.Tally.Units != 2 || it.Tally.Done != 1 {
				t.Errorf("county's communities' stations: %+v", it)
			}
		}
	}
	if !rc.CanEdit || seen != 2 {
		t.Errorf("county checklist: can_edit %v, %d of the 2 items looked for", rc.CanEdit, seen)
	}
	// Task 1: the one-stop indicator has no data here, the station is 1 of 2.
	if _, _, cj, cm, _ := s.task(t, "1"); cj != 1 || cm != 0 {
		t.Errorf("task 1 checklist %d/%d; want 1 judged, 0 met", cj, cm)
	}
	// A township's users cannot read the other county's checklist.
	s.do(t, "GET", "/api/v1/regions/320623/checklist", townDM, "", nil, 404, nil)

	checklistFiles(t, s, countyDM)

	var audit struct {
		Items []struct{ Action, Username, Region string }
	}
	s.get(t, "/api/v1/audit", 200, &audit)
	actions := map[string]int{}
	for _, a := range audit.Items {
		actions[a.Action]++
	}
	if actions["checklist"] != 4 || actions["checklist_review"] != 1 || actions["checklist_file"] != 2 {
		t.Errorf("audit actions %v", actions)
	}
}

func uploadEvidence(t *testing.T, s *testServer, token, name string, data []byte, status int) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, _ := w.CreateFormFile("file", name)
	part.Write(data)
	w.Close()
	s.do(t, "POST", "/api/v1/regions/320612/checklist/t21_in_budget/file?period=2013", token, w.FormDataContentType(), &body, status, nil)
}

// checklistFiles: evidence files are served back as attachments, with a
// content type sniffed from an allow-list and a sandbox policy; a file too
// large is refused.
func checklistFiles(t *testing.T, s *testServer, token string) {
	path := "/api/v1/regions/320612/checklist/t21_in_budget/file?period=2013"
	s.do(t, "GET", path, token, "", nil, 404, nil)
	page := []byte("<html><script>alert(document.cookie)</script></html>")
	uploadEvidence(t, s, token, "预算.html", page, 200)
	resp := s.do(t, "GET", path, token, "", nil, 200, nil)
	got, _ := io.ReadAll(resp.Body)
	if !bytes.Equal(got, page) || resp.Header.Get("Content-Type") != "application/octet-stream" ||
		!strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") ||
		!strings.Contains(resp.Header.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("served %q as %s, %s, %s", got, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"), resp.Header.Get("Content-Security-Policy"))
	}
	png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)
	uploadEvidence(t, s, token, "scan.png", png, 200)
	e, _ := s.atlas.Snapshot().ChecklistEntry(analytics.ChecklistKey{Item: "t21_in_budget", Region: "320612", Period: 2013})
	if e == nil || e.File == nil || e.File.Type != "image/png" || e.File.Size != int64(len(png)) || e.Status != analytics.NotStarted {
		t.Fatalf("entry after the upload: %+v", e)
	}
	uploadEvidence(t, s, token, "big.pdf", make([]byte, 5<<20+1), 413)
	putEntry(t, s, token, "320612", "t21_in_budget", `{"status":"done","remove_file":true}`, 200)
	s.do(t, "GET", path, token, "", nil, 404, nil)
}
