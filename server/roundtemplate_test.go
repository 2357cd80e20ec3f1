package server_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/server/auth"
	"github.com/xuri/excelize/v2"
)

// templateCells is the answer of an upload, or the cells of its problem.
type templateCells struct {
	Saved int
	Cells []struct {
		Sheet, Column, Region, Indicator, Why string
		Row                                   int
	}
	Title string
}

// uploadTemplate posts a workbook to the round's template endpoint.
func (s *testServer) uploadTemplate(t *testing.T, token, path string, data []byte, status int, v any) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, _ := w.CreateFormFile("file", "filled.xlsx")
	part.Write(data)
	w.Close()
	s.do(t, "POST", path, token, w.FormDataContentType(), &body, status, v)
}

// fill sets cells of a workbook's first sheet as a user typing them would,
// and returns the saved file.
func fill(t *testing.T, data []byte, cells map[string]any) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	for cell, v := range cells {
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestRoundTemplate: a township data manager downloads the template of
// their two communities, fills it in with excelize, uploads it, and the
// drafts hold what was filled; a cell that is no number is placed by
// sheet, row and column and nothing is saved; a submitted region's row can
// no longer change.
func TestRoundTemplate(t *testing.T) {
	s := newServerOn(t, openSQLite(t), roundFixture())
	if err := s.atlas.AddUser(t.Context(), "dmt", "password-123456", auth.DataManager, "320612001"); err != nil {
		t.Fatal(err)
	}
	dm := apiToken(t, s.store, "dmt")
	spec := map[string]any{"period": 2014, "indicators": []string{"committee_members", "registered_volunteers"},
		"level": "community", "deadline": "2099-01-01", "reviewers": []string{"320612"}}
	var r struct{ ID int64 }
	s.do(t, "POST", "/api/v1/rounds", s.token, "application/json", jsonBody(spec), 201, &r)
	base := fmt.Sprintf("/api/v1/rounds/%d", r.ID)

	var sh roundSheet
	s.do(t, "GET", base+"/values", dm, "", nil, 200, &sh)
	resp := s.do(t, "GET", base+"/template", dm, "", nil, 200, nil)
	if ct := resp.Header.Get("Content-Type"); !strings.Contains(ct, "spreadsheetml") {
		t.Fatalf("content type %q", ct)
	}
	tpl, _ := io.ReadAll(resp.Body)
	f, err := excelize.OpenReader(bytes.NewReader(tpl))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Values")
	if err != nil {
		t.Fatal(err)
	}
	// One row per region of the sheet the API gives the same user, with
	// last year's value beside each value column (E, then F).
	if len(rows) != 1+len(sh.Rows) || len(sh.Rows) != 2 {
		t.Fatalf("template rows %v for the sheet %+v", rows, sh.Rows)
	}
	for i, row := range sh.Rows {
		last := *row.Cells["committee_members"].Last
		if rows[i+1][0] != row.Region || rows[i+1][5] != fmt.Sprint(last) {
			t.Errorf("row %d: %v, want %s with last year's %g", i+2, rows[i+1], row.Region, last)
		}
	}
	checkProtection(t, f)
	f.Close()

	// Filled as a user would: committee members (whole, E), volunteers (a
	// share, H) with a reason (J) for one.
	filled := fill(t, tpl, map[string]any{"E2": 10, "H2": 12.5, "J2": "新招募", "E3": 7, "H3": 150})
	var got templateCells
	s.uploadTemplate(t, dm, base+"/template", filled, 200, &got)
	if got.Saved != 2 || len(got.Cells) != 1 || got.Cells[0].Row != 3 || got.Cells[0].Column != "H" ||
		got.Cells[0].Indicator != "registered_volunteers" || !strings.Contains(got.Cells[0].Why, "valid range") {
		t.Errorf("upload: %+v, want 2 saved and H3 outside the range", got)
	}
	s.do(t, "GET", base+"/values", dm, "", nil, 200, &sh)
	want := map[string][2]float64{sh.Rows[0].Region: {10, 12.5}, sh.Rows[1].Region: {7, 150}}
	for _, row := range sh.Rows {
		c, v := row.Cells["committee_members"], row.Cells["registered_volunteers"]
		if row.Status != "draft" || c.Value == nil || v.Value == nil || *c.Value != want[row.Region][0] || *v.Value != want[row.Region][1] {
			t.Errorf("stored %s: %+v, want %v", row.Region, row.Cells, want[row.Region])
		}
	}
	if sh.Rows[0].Cells["registered_volunteers"].Reason != "新招募" {
		t.Errorf("reason: %+v", sh.Rows[0].Cells)
	}

	// The same file again changes nothing.
	s.uploadTemplate(t, dm, base+"/template", filled, 200, &got)
	if got.Saved != 0 {
		t.Errorf("unchanged upload saved %d", got.Saved)
	}

	// A cell that is no number, and a region outside the township: 422
	// naming both cells, in Chinese when asked, and nothing saved.
	bad := fill(t, filled, map[string]any{"E3": "七", "H3": 15, "A4": "320623001001", "E4": 3})
	s.uploadTemplate(t, dm, base+"/template?lang=zh", bad, 422, &got)
	if len(got.Cells) != 2 || got.Cells[0].Row != 3 || got.Cells[0].Column != "E" || !strings.Contains(got.Cells[0].Why, "不是数字") ||
		got.Cells[1].Row != 4 || got.Cells[1].Column != "A" || got.Cells[0].Sheet != "Values" {
		t.Errorf("bad upload: %+v", got)
	}
	s.do(t, "GET", base+"/values", dm, "", nil, 200, &sh)
	if v := sh.Rows[1].Cells["registered_volunteers"].Value; *v != 150 {
		t.Errorf("a refused upload changed the draft: %g", *v)
	}

	// Fixed and submitted; then the submitted row is locked.
	s.uploadTemplate(t, dm, base+"/template", fill(t, filled, map[string]any{"H3": 15}), 200, &got)
	if got.Saved != 1 || len(got.Cells) != 0 {
		t.Errorf("fixed upload: %+v", got)
	}
	s.do(t, "POST", base+"/submit", dm, "application/json", jsonBody(map[string]any{}), 200, nil)
	s.uploadTemplate(t, dm, base+"/template", fill(t, filled, map[string]any{"H3": 16}), 422, &got)
	if len(got.Cells) != 1 || got.Cells[0].Row != 3 || !strings.Contains(got.Cells[0].Why, "can no longer change") {
		t.Errorf("a submitted row changed: %+v", got)
	}
}

// checkProtection: the sheet is protected, the value and reason cells are
// unlocked and the code and last year's cells locked, and each value
// column validates its range — whole numbers for the count.
func checkProtection(t *testing.T, f *excelize.File) {
	t.Helper()
	locked := func(cell string) bool {
		id, err := f.GetCellStyle("Values", cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return st.Protection == nil || st.Protection.Locked
	}
	for cell, want := range map[string]bool{"A2": true, "B3": true, "E2": false, "F2": true, "G2": false, "H3": false, "I3": true} {
		if locked(cell) != want {
			t.Errorf("%s locked = %v, want %v", cell, !want, want)
		}
	}
	dvs, err := f.GetDataValidations("Values")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, dv := range dvs {
		kinds[dv.Sqref] = dv.Type + " " + dv.Formula1 + " " + dv.Formula2
	}
	if kinds["E2:E3"] != "whole 0 50" || kinds["H2:H3"] != "decimal 0 100" {
		t.Errorf("validations: %v", kinds)
	}
	if names := f.GetSheetList(); len(names) != 2 || names[1] != "Instructions" {
		t.Errorf("sheets: %v", names)
	}
}
