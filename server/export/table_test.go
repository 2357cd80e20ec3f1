package export_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/server/export"
	"github.com/xuri/excelize/v2"
)

func sampleTable() *export.Table {
	return &export.Table{
		Name: "observations 2013",
		Columns: []export.Field{
			{Name: "code", Title: "代码", Type: export.String}, {Name: "name", Title: "名称", Type: export.String},
			{Name: "value", Title: "值", Type: export.Real}, {Name: "units", Title: "单位数", Type: export.Integer},
			{Name: "meets", Title: "达标", Type: export.Boolean},
		},
		Rows: [][]any{
			{"320612", "通州区, \"东\"", 8.5, int64(2), true},
			{"320623", "如东县", nil, int64(0), nil},
		},
	}
}

func TestTableCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := sampleTable().WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	want := "\uFEFF代码,名称,值,单位数,达标\n320612,\"通州区, \"\"东\"\"\",8.5,2,true\n320623,如东县,,0,\n"
	if buf.String() != want {
		t.Errorf("csv:\n%q\nwant\n%q", buf.String(), want)
	}
}

func TestTableJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := sampleTable().WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Name    string
		Columns []struct{ Name, Title, Type string }
		Items   []map[string]any
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("%v in %s", err, buf.String())
	}
	if doc.Name != "observations 2013" || len(doc.Columns) != 5 || doc.Columns[2].Type != "number" || doc.Columns[2].Title != "值" {
		t.Errorf("head %+v", doc)
	}
	if len(doc.Items) != 2 || doc.Items[0]["value"] != 8.5 || doc.Items[1]["value"] != nil || doc.Items[0]["meets"] != true {
		t.Errorf("items %+v", doc.Items)
	}
}

func TestTableXLSX(t *testing.T) {
	var buf bytes.Buffer
	if err := sampleTable().WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	if sheet != "observations 2013" {
		t.Errorf("sheet %q", sheet)
	}
	rows, _ := f.GetRows(sheet)
	if strings.Join(rows[0], "|") != "代码|名称|值|单位数|达标" || rows[1][2] != "8.5" {
		t.Errorf("rows %v", rows)
	}
	// Numbers are numeric cells, not text.
	for _, cell := range []string{"C2", "D2", "D3"} {
		if typ, _ := f.GetCellType(sheet, cell); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s has type %v", cell, typ)
		}
	}
	if typ, _ := f.GetCellType(sheet, "E2"); typ != excelize.CellTypeBool {
		t.Errorf("E2 has type %v", typ)
	}
	if v, _ := f.GetCellValue(sheet, "C3"); v != "" {
		t.Errorf("null became %q", v)
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes %+v %v", panes, err)
	}
}

func TestTableRejectsMistypedValue(t *testing.T) {
	tab := sampleTable()
	tab.Rows[1][3] = 3.5
	err := tab.WriteCSV(&bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "row 2: field units: value 3.5 (float64) is not of the field's type") {
		t.Errorf("error %v", err)
	}
}
