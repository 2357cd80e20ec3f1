package roundbook_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/msg"
	"github.com/community-atlas/atlas/server/roundbook"
	"github.com/xuri/excelize/v2"
)

func book() *roundbook.Book {
	members := &analytics.Indicator{ID: "members", Name: analytics.Text{ZH: "成员", EN: "members"}, Unit: "persons", ValidRange: [2]float64{0, 50}}
	share := &analytics.Indicator{ID: "share", Name: analytics.Text{ZH: "比例", EN: "share"}, Unit: "%", ValidRange: [2]float64{0, 100}}
	return &roundbook.Book{Round: 4, Period: 2025, Level: analytics.Community, Deadline: "2026-03-31", Factor: 3,
		Medians: map[string]float64{"members": 1}, Indicators: []*analytics.Indicator{members, share},
		Rows: []roundbook.Row{
			{Region: "A1", Name: "甲", Status: "draft", Values: map[string]float64{"members": 7}, Reasons: map[string]string{}, Last: map[string]float64{"members": 7}},
			{Region: "B2", Name: "乙", Status: "submitted", Locked: true, Values: map[string]float64{"members": 5, "share": 10}, Reasons: map[string]string{}, Last: map[string]float64{}},
		}}
}

// edit writes a template of b in l, sets cells of its first sheet and
// returns the file.
func edit(t *testing.T, b *roundbook.Book, l msg.Lang, cells map[string]any) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := roundbook.Write(&buf, b, l); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for cell, v := range cells {
		if err := f.SetCellValue(f.GetSheetName(0), cell, v); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestRoundTrip: a template read back untouched changes nothing; the
// cells filled in come back as the changed row, in either language, with
// a percentage typed as such.
func TestRoundTrip(t *testing.T) {
	for _, l := range []msg.Lang{msg.ZH, msg.EN} {
		b := book()
		res, err := roundbook.Read("t.xlsx", edit(t, b, l, nil), b)
		if err != nil || len(res.Changed) != 0 || res.Rows["A1"] != 2 || res.Rows["B2"] != 3 {
			t.Fatalf("%s untouched: %+v, %v", l, res, err)
		}
		res, err = roundbook.Read("t.xlsx", edit(t, b, l, map[string]any{"E2": 9, "G2": "换届", "H2": "12.5%"}), b)
		if err != nil || len(res.Changed) != 1 {
			t.Fatalf("%s filled: %+v, %v", l, res, err)
		}
		got := res.Changed[0]
		if got.Region != "A1" || got.Values["members"] != 9 || got.Values["share"] != 12.5 || got.Reasons["members"] != "换届" || len(got.Values) != 2 {
			t.Errorf("%s filled: %+v", l, got)
		}
		// The change from 7 to 9 is 2 > 3 × 1? No: 2 ≤ 3, so no reason is
		// needed; 20 would be, and is outside the range too.
		b.Rows[0].Values = map[string]float64{"members": 20, "share": 12.5}
		b.Rows[0].Reasons = map[string]string{}
		if ps := roundbook.Check(b, res); len(ps) != 1 || ps[0].Column != "E" || ps[0].Row != 2 || ps[0].Why.In(msg.EN) != "the change from last year's 7 to 20 is more than 3 times the median change of all regions: give a one-line reason" {
			t.Errorf("%s check: %+v", l, ps)
		}
	}
}

// TestReadRefuses: each cell that cannot be used is placed; a submitted
// row may come back only as it was.
func TestReadRefuses(t *testing.T) {
	b := book()
	_, err := roundbook.Read("t.xlsx", edit(t, b, msg.ZH, map[string]any{"E2": "七", "H3": 11, "A4": "ZZ", "E4": 1, "J2": "a\nb"}), b)
	var e *roundbook.Error
	if !errors.As(err, &e) {
		t.Fatalf("want *Error, got %v", err)
	}
	want := []string{"E2", "J2", "A3", "A4"}
	if len(e.Problems) != len(want) {
		t.Fatalf("problems %+v, want at %v", e.Problems, want)
	}
	for i, p := range e.Problems {
		if at, _ := excelize.JoinCellName(p.Column, p.Row); at != want[i] || p.Sheet != "填报" {
			t.Errorf("problem %d at %s %s, want %s: %s", i, p.Sheet, at, want[i], p.Why.In(msg.ZH))
		}
	}
	// A column moved: the header no longer matches.
	_, err = roundbook.Read("t.xlsx", edit(t, b, msg.EN, map[string]any{"E1": "share"}), b)
	if !errors.As(err, &e) || len(e.Problems) != 1 || e.Problems[0].Column != "E" || e.Problems[0].Row != 1 {
		t.Errorf("moved column: %v", err)
	}
}
