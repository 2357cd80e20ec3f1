package table_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/geo/format"
	"github.com/community-atlas/atlas/geo/format/table"
	"github.com/xuri/excelize/v2"
)

// hostileTable holds names as an attacker would import them, beside
// numbers that must stay numbers.
func hostileTable() *table.Table {
	return &table.Table{
		Name:    "regions",
		Columns: []format.Field{{Name: "name", Type: format.String}, {Name: "value", Type: format.Real}, {Name: "units", Type: format.Integer}},
		Rows: [][]any{
			{`=HYPERLINK("http://x","y")`, -1.5, int64(-3)},
			{"\t=1+1", 2.0, int64(1)},
			{"+1", nil, nil},
			{"-2+3", nil, nil},
			{"@SUM(A1)", nil, nil},
			{"\r=1", nil, nil},
			{"通州\x00区\x1b[31m\u0085", nil, nil},
			{"a\tb\nc", nil, nil},
			{"崇川区", nil, nil},
		},
	}
}

// The cells each hostile name must come back as, in every text format:
// CSV adds the quote, all formats drop the control characters.
var (
	wantCSV = []string{`'=HYPERLINK("http://x","y")`, "'\t=1+1", "'+1", "'-2+3", "'@SUM(A1)", "'=1", "通州区[31m", "a\tb\nc", "崇川区"}
	wantRaw = []string{`=HYPERLINK("http://x","y")`, "\t=1+1", "+1", "-2+3", "@SUM(A1)", "=1", "通州区[31m", "a\tb\nc", "崇川区"}
)

func TestCSVNeutralisesFormulas(t *testing.T) {
	var buf bytes.Buffer
	if err := hostileTable().WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(wantCSV)+1 {
		t.Fatalf("%d records: %q", len(recs), recs)
	}
	for i, want := range wantCSV {
		if got := recs[i+1][0]; got != want {
			t.Errorf("row %d name %q, want %q", i+1, got, want)
		}
	}
	// Negative numbers are numbers: no quote.
	if recs[1][1] != "-1.5" || recs[1][2] != "-3" {
		t.Errorf("numbers %q", recs[1][1:])
	}
}

func TestJSONAndXLSXDropControls(t *testing.T) {
	var js bytes.Buffer
	if err := hostileTable().WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var doc struct{ Items []map[string]any }
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var xl bytes.Buffer
	if err := hostileTable().WriteXLSX(&xl); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&xl)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i, want := range wantRaw {
		if got := doc.Items[i]["name"]; got != want {
			t.Errorf("json row %d name %q, want %q", i+1, got, want)
		}
		cell := fmt.Sprintf("A%d", i+2)
		if got, _ := f.GetCellValue("regions", cell); got != want {
			t.Errorf("xlsx %s %q, want %q", cell, got, want)
		}
		// A text cell, never a formula.
		if formula, _ := f.GetCellFormula("regions", cell); formula != "" {
			t.Errorf("xlsx %s is the formula %q", cell, formula)
		}
	}
}
