package server_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/store"
)

// roundFixture is scopeFixture with last year's (2013) committee sizes of
// the four communities.
func roundFixture() *store.Changeset {
	cs := scopeFixture()
	for code, v := range map[string]float64{"320612001001": 9, "320612001201": 7, "320612002001": 5, "320623001001": 8} {
		cs.Observations = append(cs.Observations, analytics.Observation{Indicator: "committee_members", Region: code, Period: 2013, Value: v})
	}
	return cs
}

type roundSheet struct {
	Rows []struct {
		Region, Township, Status, Comment string
		Cells                             map[string]struct {
			Value, Last *float64
			Reason      string
			Flagged     bool
			Problem     string
		}
	}
	Medians map[string]float64
}

type cellProblem struct{ Region, Indicator, Why string }

// medianAbs is the median of |xs|, computed by hand for the test.
func medianAbs(xs ...float64) float64 {
	for i := range xs {
		xs[i] = math.Abs(xs[i])
	}
	sort.Float64s(xs)
	if n := len(xs); n%2 == 1 {
		return xs[n/2]
	} else {
		return (xs[n/2-1] + xs[n/2]) / 2
	}
}

func jsonBody(v any) *strings.Reader {
	b, _ := json.Marshal(v)
	return strings.NewReader(string(b))
}

// TestRoundAPI plays a round: opened, filled, refused for a count that is
// not whole and an unexplained jump, fixed, submitted, returned with a
// comment, resubmitted, approved into an observation batch that the
// history can undo, shown on the progress board, published; on both
// stores.
func TestRoundAPI(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { playRound(t, newServerOn(t, openSQLite(t), roundFixture())) })
	t.Run("postgis", func(t *testing.T) { playRound(t, newServerOn(t, openPostGIS(t), roundFixture())) })
}

func playRound(t *testing.T, s *testServer) {
	ctx := t.Context()
	for _, u := range []struct {
		name, region string
		role         auth.Role
	}{{"dmt", "320612001", auth.DataManager}, {"rev", "320612", auth.DataManager}, {"far", "320623", auth.DataManager}, {"see", "", auth.Viewer}} {
		if err := s.atlas.AddUser(ctx, u.name, "password-123456", u.role, u.region); err != nil {
			t.Fatal(err)
		}
	}
	dm, rev, far, see := apiToken(t, s.store, "dmt"), apiToken(t, s.store, "rev"), apiToken(t, s.store, "far"), apiToken(t, s.store, "see")
	const js = "application/json"

	var p problem
	bad := map[string]any{"period": 2014, "indicators": []string{"committee_members"}, "level": "village", "deadline": "2000-01-01", "reviewers": []string{"320612"}}
	s.do(t, "POST", "/api/v1/rounds", s.token, js, jsonBody(bad), 400, &p)
	if p.Param != "level" {
		t.Errorf("bad level: %+v", p)
	}
	bad["level"], bad["indicators"] = "community", []string{"township_centre_area"}
	s.do(t, "POST", "/api/v1/rounds", s.token, js, jsonBody(bad), 400, &p)
	if p.Param != "indicators" || !strings.Contains(p.Detail, "township level") {
		t.Errorf("indicator of another level: %+v", p)
	}
	spec := map[string]any{"period": 2014, "indicators": []string{"committee_members", "registered_volunteers"},
		"level": "community", "deadline": "2000-01-01", "reviewers": []string{"320612"}}
	s.do(t, "POST", "/api/v1/rounds", dm, js, jsonBody(spec), 403, nil)
	var r struct {
		ID        int64
		Status    string
		CanReview bool `json:"can_review"`
	}
	s.do(t, "POST", "/api/v1/rounds", s.token, js, jsonBody(spec), 201, &r)
	base := fmt.Sprintf("/api/v1/rounds/%d", r.ID)
	s.do(t, "GET", base, rev, "", nil, 200, &r)
	if r.Status != "open" || !r.CanReview {
		t.Errorf("round as its reviewer sees it: %+v", r)
	}
	s.do(t, "GET", base, see, "", nil, 403, nil)

	var sh roundSheet
	s.do(t, "GET", base+"/values", dm, "", nil, 200, &sh)
	if len(sh.Rows) != 2 || sh.Rows[0].Region != "320612001001" || sh.Rows[1].Region != "320612001201" ||
		sh.Rows[0].Status != "not_started" || *sh.Rows[1].Cells["committee_members"].Last != 7 {
		t.Fatalf("the township's sheet: %+v", sh)
	}
	row := func(code string, committee, volunteers float64, reason string) map[string]any {
		return map[string]any{"region": code, "values": map[string]float64{"committee_members": committee, "registered_volunteers": volunteers},
			"reasons": map[string]string{"committee_members": reason}}
	}
	s.do(t, "PUT", base+"/values", dm, js, jsonBody(map[string]any{"rows": []any{row("320623001001", 9, 50, "")}}), 403, &p)
	s.do(t, "PUT", base+"/values", far, js, jsonBody(map[string]any{"rows": []any{row("320623001001", 9, 50, "")}}), 200, nil)
	s.do(t, "PUT", base+"/values", dm, js, jsonBody(map[string]any{"rows": []any{
		row("320612001001", 10.5, 12, ""), row("320612001201", 20, 4.5, "")}}), 200, nil)

	// committee_members changed by 1.5, 13 and 1 from 2013: the median is
	// 1.5, so 13 needs a reason; 10.5 persons is no count.
	if want := medianAbs(10.5-9, 20-7, 9-8); want != 1.5 {
		t.Fatalf("hand median %g", want)
	}
	s.do(t, "GET", base+"/values", dm, "", nil, 200, &sh)
	if sh.Medians["committee_members"] != 1.5 || sh.Medians["registered_volunteers"] != medianAbs(12-10, 4.5-4) ||
		!sh.Rows[1].Cells["committee_members"].Flagged || sh.Rows[0].Cells["committee_members"].Flagged {
		t.Errorf("medians and flags: %+v", sh)
	}
	var refused struct {
		Status int
		Cells  []cellProblem
	}
	s.do(t, "POST", base+"/submit", dm, js, strings.NewReader(`{}`), 422, &refused)
	want := []cellProblem{
		{"320612001001", "committee_members", "10.5 is not a whole number (persons counts)"},
		{"320612001201", "committee_members", "the change from last year's 7 to 20 is more than 3 times the median change of all regions: give a one-line reason"},
	}
	if !reflect.DeepEqual(refused.Cells, want) {
		t.Errorf("refused submission:\n got %+v\nwant %+v", refused.Cells, want)
	}
	s.do(t, "POST", base+"/submit?lang=zh", dm, js, strings.NewReader(`{}`), 422, &refused)
	if len(refused.Cells) != 2 || refused.Cells[0].Why != "10.5 不是整数（单位 persons 为计数）" ||
		!strings.Contains(refused.Cells[1].Why, "由上年的 7 变为 20") {
		t.Errorf("refused submission in Chinese: %+v", refused.Cells)
	}
	s.do(t, "GET", base+"/values?lang=zh", dm, "", nil, 200, &sh)
	if p := sh.Rows[0].Cells["committee_members"].Problem; p != "10.5 不是整数（单位 persons 为计数）" {
		t.Errorf("the sheet's problem in Chinese: %q", p)
	}
	s.do(t, "PUT", base+"/values", dm, js, jsonBody(map[string]any{"rows": []any{
		row("320612001001", 10, 12, ""), row("320612001201", 20, 4.5, "新增两名委员")}}), 200, nil)
	var sub struct{ Submitted []string }
	s.do(t, "POST", base+"/submit", dm, js, strings.NewReader(`{}`), 200, &sub)
	if strings.Join(sub.Submitted, ",") != "320612001001,320612001201" {
		t.Errorf("submitted %v", sub.Submitted)
	}
	s.do(t, "PUT", base+"/values", dm, js, jsonBody(map[string]any{"rows": []any{row("320612001001", 11, 12, "")}}), 409, &p)

	// Submitted, not approved: provisional on request, for analysts and up.
	var obs struct {
		Items []struct {
			Code        string
			Value       *float64
			Verdict     string
			Provisional bool
		}
	}
	const obsPath = "/api/v1/observations?indicator=committee_members&level=community&parent=320612001&period=2014"
	s.get(t, obsPath, 200, &obs)
	if len(obs.Items) != 2 || obs.Items[0].Value != nil || obs.Items[0].Provisional {
		t.Errorf("published values of 2014 before approval: %+v", obs.Items)
	}
	s.get(t, obsPath+"&values=provisional", 200, &obs)
	if len(obs.Items) != 2 || *obs.Items[0].Value != 10 || !obs.Items[0].Provisional || *obs.Items[1].Value != 20 || !obs.Items[1].Provisional {
		t.Errorf("provisional values: %+v", obs.Items)
	}
	s.do(t, "GET", obsPath+"&values=provisional", see, "", nil, 403, nil)
	s.get(t, obsPath+"&values=draft", 400, &p)
	// The map's choropleth the same: the submitted values classified,
	// judged as the observations judge them, and marked; published, nothing
	// there yet.
	var ch struct {
		Values      string
		Provisional int
		Items       []struct {
			Code        string
			Value       *float64
			Class       int
			Verdict     string
			Provisional bool
		}
	}
	const chPath = "/api/v1/choropleth?indicator=committee_members&level=community&parent=320612001&period=2014"
	s.get(t, chPath, 200, &ch)
	if ch.Values != "published" || ch.Provisional != 0 || len(ch.Items) != 2 || ch.Items[0].Value != nil {
		t.Errorf("published choropleth before approval: %+v", ch)
	}
	s.get(t, chPath+"&values=provisional", 200, &ch)
	if ch.Values != "provisional" || ch.Provisional != 2 || len(ch.Items) != 2 {
		t.Fatalf("provisional choropleth: %+v", ch)
	}
	for i, want := range []float64{10, 20} {
		it := ch.Items[i]
		if it.Value == nil || *it.Value != want || !it.Provisional || it.Verdict != obs.Items[i].Verdict || it.Class < 0 {
			t.Errorf("provisional choropleth item %d: %+v, want value %g, provisional, verdict %q, classed", i, it, want, obs.Items[i].Verdict)
		}
	}
	s.do(t, "GET", chPath+"&values=provisional", see, "", nil, 403, nil)
	checkProvisionalRollups(t, s, see)

	review := func(token, region, action, comment string, status int) (out struct {
		Regions []string
		Batch   int64
	}) {
		t.Helper()
		s.do(t, "POST", base+"/review", token, js, jsonBody(map[string]string{"region": region, "action": action, "comment": comment}), status, &out)
		return out
	}
	review(far, "320612001", "approve", "", 403)
	review(dm, "320612001", "approve", "", 403) // not a reviewer
	review(rev, "320612001", "return", "", 400)
	if got := review(rev, "320612001", "return", "委员人数与花名册不符", 200); len(got.Regions) != 2 {
		t.Errorf("returned %v", got.Regions)
	}
	s.do(t, "GET", base+"/values", dm, "", nil, 200, &sh)
	if sh.Rows[0].Status != "returned" || sh.Rows[0].Comment != "委员人数与花名册不符" {
		t.Errorf("after return: %+v", sh.Rows[0])
	}
	s.do(t, "POST", base+"/submit", dm, js, strings.NewReader(`{}`), 200, &sub)
	got := review(rev, "320612001", "approve", "", 200)
	if got.Batch == 0 || len(got.Regions) != 2 {
		t.Fatalf("approved: %+v", got)
	}
	snap := s.atlas.Snapshot()
	if v, ok := snap.Reported("committee_members", "320612001201", 2014); !ok || v != 20 {
		t.Errorf("approved value %g, %v; want 20", v, ok)
	}
	if _, ok := snap.Reported("committee_members", "320623001001", 2014); ok {
		t.Error("a draft was published")
	}
	var batch struct {
		Kind, User string
		Undoable   bool
	}
	s.get(t, fmt.Sprintf("/api/v1/batches/%d", got.Batch), 200, &batch)
	if batch.Kind != "observations" || batch.User != "rev" || !batch.Undoable {
		t.Errorf("approval batch %+v", batch)
	}

	var prog struct {
		Items []struct {
			Code             string
			Filled, Expected int
			Status           string
			Overdue          bool
			Townships        []struct {
				Code             string
				Filled, Expected int
				Status           string
				Overdue          bool
			}
		}
	}
	s.do(t, "GET", base+"/progress", s.token, "", nil, 200, &prog)
	c0 := prog.Items[0]
	if len(prog.Items) != 2 || c0.Code != "320612" || !c0.Overdue || c0.Filled != 4 || c0.Expected != 6 || c0.Status != "not_started" ||
		c0.Townships[0].Code != "320612002" || !c0.Townships[0].Overdue || c0.Townships[1].Code != "320612001" ||
		c0.Townships[1].Overdue || c0.Townships[1].Status != "approved" || c0.Townships[1].Filled != 4 ||
		prog.Items[1].Code != "320623" || prog.Items[1].Status != "draft" || !prog.Items[1].Overdue {
		t.Errorf("progress: %+v", prog.Items)
	}

	s.do(t, "POST", base+"/publish", rev, "", nil, 403, nil)
	s.do(t, "POST", base+"/publish", s.token, "", nil, 200, &r)
	if r.Status != "published" {
		t.Errorf("published round %+v", r)
	}
	s.do(t, "PUT", base+"/values", far, js, jsonBody(map[string]any{"rows": []any{row("320623001001", 9, 50, "")}}), 409, &p)
	s.do(t, "GET", "/api/v1/rounds/99", s.token, "", nil, 404, nil)
	// The approval is an ordinary batch: undoing it restores 2013 alone.
	s.do(t, "POST", fmt.Sprintf("/api/v1/batches/%d/undo", got.Batch), s.token, "", nil, 201, nil)
	if _, ok := s.atlas.Snapshot().Reported("committee_members", "320612001201", 2014); ok {
		t.Error("the undone approval's value is still there")
	}
}

// checkProvisionalRollups follows the two submitted communities of 320612001
// (2014) above their level: the township's roll-up in /observations, the
// scorecard of the county's townships and its export all take the submitted
// values in, marked provisional, and show the same figure; leaders are
// refused them.
func checkProvisionalRollups(t *testing.T, s *testServer, viewer string) {
	t.Helper()
	var obs struct {
		Items []struct {
			Code        string
			Value       *float64
			Provisional bool
		}
	}
	const obsPath = "/api/v1/observations?indicator=committee_members&level=township&parent=320612&period=2014"
	s.get(t, obsPath+"&values=provisional", 200, &obs)
	var township *float64
	for _, it := range obs.Items {
		if it.Code == "320612001" {
			if !it.Provisional || it.Value == nil {
				t.Fatalf("the township's provisional roll-up: %+v", it)
			}
			township = it.Value
		} else if it.Provisional {
			t.Errorf("township %s has no submission but is marked provisional", it.Code)
		}
	}
	if township == nil {
		t.Fatalf("no township 320612001 in %+v", obs.Items)
	}
	var sc struct {
		Values      string
		Provisional int
		Columns     []struct{ Indicator string }
		Rows        []struct {
			Code  string
			Cells []struct {
				Value       *float64
				Provisional bool
			}
		}
	}
	const cmpPath = "/api/v1/compare?parent=320612&period=2014"
	s.get(t, cmpPath, 200, &sc)
	if sc.Values != "published" || sc.Provisional != 0 {
		t.Errorf("published scorecard: values %q, %d provisional", sc.Values, sc.Provisional)
	}
	s.get(t, cmpPath+"&values=provisional", 200, &sc)
	col := slices.IndexFunc(sc.Columns, func(c struct{ Indicator string }) bool { return c.Indicator == "committee_members" })
	row := slices.IndexFunc(sc.Rows, func(r struct {
		Code  string
		Cells []struct {
			Value       *float64
			Provisional bool
		}
	}) bool {
		return r.Code == "320612001"
	})
	if sc.Values != "provisional" || sc.Provisional == 0 || col < 0 || row < 0 {
		t.Fatalf("provisional scorecard: values %q, %d provisional, column %d, row %d", sc.Values, sc.Provisional, col, row)
	}
	if c := sc.Rows[row].Cells[col]; !c.Provisional || c.Value == nil || *c.Value != *township {
		t.Errorf("scorecard cell: %+v, want %g, provisional", c, *township)
	}
	s.do(t, "GET", cmpPath+"&values=provisional", viewer, "", nil, 403, nil)

	_, body := s.fetch(t, "/api/v1/export/compare.csv?parent=320612&period=2014&values=provisional")
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(body), "\ufeff"))).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("compare export: %v\n%s", err, body)
	}
	head := recs[0]
	code, ind, prov := slices.Index(head, "区划代码 code"), slices.Index(head, "指标代码 indicator"), slices.Index(head, "暂定 provisional")
	if code < 0 || ind < 0 || prov < 0 {
		t.Fatalf("compare export columns: %v", head)
	}
	marked, mark := 0, ""
	for _, r := range recs[1:] {
		if r[prov] == "true" {
			marked++
		}
		if r[code] == "320612001" && r[ind] == "committee_members" {
			mark = r[prov]
		}
	}
	if mark != "true" {
		t.Errorf("compare export: the township's committee_members row says provisional %q", mark)
	}
	if marked != sc.Provisional {
		t.Errorf("compare export marks %d rows provisional, the scorecard %d cells", marked, sc.Provisional)
	}
}
