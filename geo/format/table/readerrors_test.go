package table_test

import (
	"archive/zip"
	"bytes"
	"reflect"
	"testing"

	"github.com/community-atlas/atlas/geo/format/table"
	"github.com/xuri/excelize/v2"
)

// A street merged down over its communities is ambiguous data: an error at
// the merge's first row, naming the range. A footnote merged across the
// width is a note, not data.
func TestMergedCellInDataIsAnError(t *testing.T) {
	data := workbook(t, "2025", func(f *excelize.File) {
		setRows(t, f, "2025", 1,
			[]any{"街道", "社区", "人口"},
			[]any{"金沙街道", "东渡", 3200},
			[]any{"兴仁镇", "兴仁", 4100},
			[]any{nil, "卫东", 2900},
			[]any{},
			[]any{"注：人口为常住人口"})
		must(t, f.MergeCell("2025", "A3", "A4"))
		must(t, f.MergeCell("2025", "A6", "C6"))
	})
	s := open(t, "a.xlsx", data).Sheets[0]
	var seen []int
	err := s.Each(func(n int, _ []string) error { seen = append(seen, n); return nil })
	te := tableError(t, err)
	if *te != (table.Error{File: "a.xlsx", Sheet: "2025", Row: 3, Cells: "A3:A4",
		Why: "merged cells among the data rows are ambiguous; unmerge them and fill every cell"}) {
		t.Errorf("error %+v", te)
	}
	if !reflect.DeepEqual(seen, []int{2}) {
		t.Errorf("rows before the error %v", seen)
	}
	if want := "a.xlsx, sheet 2025, row 3, cells A3:A4: merged cells among the data rows are ambiguous; unmerge them and fill every cell"; err.Error() != want {
		t.Errorf("message %q", err)
	}

	footnote := workbook(t, "2025", func(f *excelize.File) {
		setRows(t, f, "2025", 1, []any{"社区", "人口"}, []any{"东渡", 3200}, []any{"注：人口为常住人口"})
		must(t, f.MergeCell("2025", "A3", "B3"))
	})
	s = open(t, "a.xlsx", footnote).Sheets[0]
	if got := rows(t, s); !reflect.DeepEqual(got, []row{{2, "东渡|3200"}}) || s.Notes[len(s.Notes)-1] != "注：人口为常住人口" {
		t.Errorf("rows %v, notes %q", got, s.Notes)
	}
}

// Cell errors reach the importer as the text Excel shows; a value right of
// the header is an error at its cell.
func TestCellErrorsAndStrayValues(t *testing.T) {
	data := workbook(t, "Sheet1", func(f *excelize.File) {
		setRows(t, f, "Sheet1", 1, []any{"代码", "比例"}, []any{"320612", 0}, []any{"320623", 1, nil, "备注"})
	})
	data = rewrite(t, data, "xl/worksheets/sheet1.xml", `<c r="B2"><v>0</v></c>`, `<c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c>`)
	s := open(t, "a.xlsx", data).Sheets[0]
	var got []string
	err := s.Each(func(_ int, cells []string) error { got = append(got, cells[1]); return nil })
	if !reflect.DeepEqual(got, []string{"#DIV/0!"}) {
		t.Errorf("values %q", got)
	}
	if te := tableError(t, err); te.Row != 3 || te.Cells != "D3" || te.Sheet != "Sheet1" {
		t.Errorf("error %v", err)
	}
}

func zipOf(t *testing.T, files map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		must(t, err)
		w.Write([]byte(body))
	}
	must(t, zw.Close())
	return buf.Bytes()
}

// Files that are no table get a message saying what they are.
func TestNotATable(t *testing.T) {
	good := workbook(t, "Sheet1", func(f *excelize.File) { setRows(t, f, "Sheet1", 1, []any{"a", "b"}, []any{1, 2}) })
	encrypted := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...)
	encrypted = append(encrypted, []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")...)
	notes := workbook(t, "说明", func(f *excelize.File) { setRows(t, f, "说明", 1, []any{"a", "b"}, []any{1, 2}) })
	for _, c := range []struct {
		name string
		data []byte
		why  string
	}{
		{"a.xlsx", nil, "the file is empty"},
		{"a.xlsx", encrypted, "the workbook is encrypted (protected by a password); save it without a password"},
		{"a.xls", encrypted[:520], "an Excel 97–2003 workbook (.xls) or another OLE file, not XLSX; save it as .xlsx or CSV"},
		{"a.xlsx", good[:len(good)/2], "not a workbook: a damaged or truncated zip (zip: not a valid zip file)"},
		{"a.xlsx", []byte("代码,值\n1,2\n"), "not a workbook: the file is not a zip, as XLSX is (truncated, or another format renamed?)"},
		{"a.zip", zipOf(t, map[string]string{"a.shp": "", "a.dbf": ""}), "not a workbook: a zipped Shapefile, not a table"},
		{"a.ods", zipOf(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}), "not a workbook: an OpenDocument file (.ods); save it as .xlsx or CSV"},
		{"a.xlsx", notes, "no sheet holds a table (说明: notes, by its name)"},
		{"a.csv", []byte("a\x00b,c\n"), "not a table: binary content, neither an XLSX workbook nor CSV text"},
		{"a.csv", []byte("只有标题\n\n"), "no table: no row with two or more values followed by data in the first 200 rows"},
	} {
		_, err := table.Open(c.name, c.data)
		if te := tableError(t, err); te.File != c.name || te.Why != c.why {
			t.Errorf("%s (%d bytes): %q, want %q", c.name, len(c.data), te.Why, c.why)
		}
	}
}
