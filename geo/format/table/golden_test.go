package table_test

import (
	"bytes"
	"flag"
	"testing"

	"github.com/community-atlas/atlas/internal/golden"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// Every table format, compared with testdata/table.*: the CSV byte for byte
// (BOM included), the JSON indented, the workbook as read back by excelize.
func TestTableGolden(t *testing.T) {
	tab := sampleTable()
	golden.Check(t, "table.csv", golden.Output(t, func(b *bytes.Buffer) error { return tab.WriteCSV(b) }), *update)
	golden.Check(t, "table.json", golden.JSON(t, golden.Output(t, func(b *bytes.Buffer) error { return tab.WriteJSON(b) })), *update)
	xlsx := golden.Output(t, func(b *bytes.Buffer) error { return tab.WriteXLSX(b) })
	golden.Check(t, "table.xlsx.json", golden.Marshal(t, readXLSX(t, xlsx)), *update)
}

// xlsxDoc is what a workbook shows a user: sheets, frozen panes, column
// widths, whether the header is bold, and each cell's text and type.
type xlsxDoc struct {
	Sheets     []string   `json:"sheets"`
	Panes      any        `json:"panes"`
	Widths     []float64  `json:"widths"`
	HeaderBold bool       `json:"header_bold"`
	Rows       [][]string `json:"rows"`
	Types      [][]string `json:"types"`
}

var cellTypes = map[excelize.CellType]string{
	excelize.CellTypeUnset: "unset", excelize.CellTypeBool: "bool", excelize.CellTypeDate: "date",
	excelize.CellTypeError: "error", excelize.CellTypeFormula: "formula", excelize.CellTypeInlineString: "inline string",
	excelize.CellTypeNumber: "number", excelize.CellTypeSharedString: "shared string",
}

func readXLSX(t *testing.T, data []byte) xlsxDoc {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc := xlsxDoc{Sheets: f.GetSheetList()}
	sheet := doc.Sheets[0]
	panes, err := f.GetPanes(sheet)
	if err != nil {
		t.Fatal(err)
	}
	doc.Panes = map[string]any{"freeze": panes.Freeze, "y_split": panes.YSplit, "top_left_cell": panes.TopLeftCell}
	if doc.Rows, err = f.GetRows(sheet); err != nil {
		t.Fatal(err)
	}
	for r, row := range doc.Rows {
		types := make([]string, len(row))
		for c := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			typ, err := f.GetCellType(sheet, cell)
			if err != nil {
				t.Fatal(err)
			}
			types[c] = cellTypes[typ]
			if r == 0 {
				col, _ := excelize.ColumnNumberToName(c + 1)
				w, _ := f.GetColWidth(sheet, col)
				doc.Widths = append(doc.Widths, w)
			}
		}
		doc.Types = append(doc.Types, types)
	}
	id, _ := f.GetCellStyle(sheet, "A1")
	if style, err := f.GetStyle(id); err == nil && style.Font != nil {
		doc.HeaderBold = style.Font.Bold
	}
	return doc
}
