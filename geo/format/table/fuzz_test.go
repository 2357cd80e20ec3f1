package table_test

import (
	"testing"

	"github.com/community-atlas/atlas/geo/format/table"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// maxFuzz caps a fuzzed file: large enough for several sheets, small
// enough that each run is quick.
const maxFuzz = 256 << 10

// readAll opens data and reads every sheet: nothing may panic, and every
// failure must be a *table.Error or fn's own.
func readAll(t *testing.T, name string, data []byte) {
	if len(data) > maxFuzz {
		return
	}
	b, err := table.Open(name, data)
	if err != nil {
		tableError(t, err)
		return
	}
	defer b.Close()
	for _, s := range b.Sheets {
		if len(s.Header) < 1 || s.HeaderRow < 1 {
			t.Fatalf("sheet %s: header %q at row %d", s.Name, s.Header, s.HeaderRow)
		}
		err := s.Each(func(n int, cells []string) error {
			if len(cells) != len(s.Header) || n <= s.HeaderRow {
				t.Fatalf("sheet %s row %d: %d cells for %d columns", s.Name, n, len(cells), len(s.Header))
			}
			return nil
		})
		if err != nil {
			tableError(t, err)
		}
	}
}

func FuzzOpenCSV(f *testing.F) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("标题,,\n代码,名称,值\n320612,通州区,\"1,234\"\n")
	for _, seed := range []string{
		"indicator,region,period,value\nregistered_volunteers,320612,2013,8.5\n",
		"\uFEFF代码;名称;值\n320612;通州区;8,5\n",
		"a\tb\n\"x\ny\"\t2\n",
		gbk,
		"\xff\xfea\x00,\x00b\x00\n\x001\x00,\x002\x00\n\x00",
		"\"unterminated,1\n2,3",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) { readAll(t, "fuzz.csv", data) })
}

func FuzzOpenXLSX(f *testing.F) {
	f.Add(workbook(f, "2025年", func(x *excelize.File) {
		setRows(f, x, "2025年", 1, []any{"南通市统计表"}, []any{"代码", "人口", nil}, []any{nil, "户籍", "常住"}, []any{"320612", 1, 2})
		must(f, x.MergeCell("2025年", "B2", "C2"))
		must(f, x.MergeCell("2025年", "A2", "A3"))
	}))
	f.Add(workbook(f, "说明", func(x *excelize.File) {
		_, err := x.NewSheet("data")
		must(f, err)
		setRows(f, x, "data", 1, []any{"a", "b"}, []any{1, 2}, []any{"x"})
		must(f, x.MergeCell("data", "A3", "B4"))
	}))
	f.Fuzz(func(t *testing.T, data []byte) { readAll(t, "fuzz.xlsx", data) })
}
