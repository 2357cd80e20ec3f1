package table_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// The indicator workbook as offices fill it: a merged title, a note line
// spread over the width, a blank row, then the header; dates, grouped
// numbers, a missing value and a blank row among the data.
func TestTitleRowsAndBlankRowAboveHeader(t *testing.T) {
	data := workbook(t, "2025年", func(f *excelize.File) {
		const s = "2025年"
		setRows(t, f, s, 1,
			[]any{"南通市2025年社区建设指标统计表"},
			[]any{"填报单位：南通市民政局", nil, nil, "单位：人"})
		must(t, f.MergeCell(s, "A1", "D1"))
		setRows(t, f, s, 4,
			[]any{"代码", "名称", "常住人口\n（人）", "统计日期"},
			[]any{" 320612001001 ", "金沙街道　", 12345, time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)},
			[]any{},
			[]any{"320612001002", "兴仁镇", nil, "2025/6/30"})
		grouped, err := f.NewStyle(&excelize.Style{NumFmt: 3}) // #,##0
		must(t, err)
		must(t, f.SetCellStyle(s, "C5", "C5", grouped))
		date, err := f.NewStyle(&excelize.Style{NumFmt: 14}) // the system's short date
		must(t, err)
		must(t, f.SetCellStyle(s, "D5", "D5", date))
	})
	b := open(t, "指标.xlsx", data)
	if b.Format != "xlsx" || len(b.Sheets) != 1 || len(b.Skipped) != 0 {
		t.Fatalf("book %+v", b)
	}
	s := b.Sheets[0]
	if s.Name != "2025年" || s.Period != 2025 || s.HeaderRow != 4 {
		t.Errorf("sheet %q period %d header row %d", s.Name, s.Period, s.HeaderRow)
	}
	if want := []string{"代码", "名称", "常住人口 （人）", "统计日期"}; !reflect.DeepEqual(s.Header, want) {
		t.Errorf("header %q, want %q", s.Header, want)
	}
	if want := []string{"南通市2025年社区建设指标统计表", "填报单位：南通市民政局 单位：人"}; !reflect.DeepEqual(s.Notes, want) {
		t.Errorf("notes %q, want %q", s.Notes, want)
	}
	want := []row{{5, "320612001001|金沙街道|12345|2025-12-31"}, {7, "320612001002|兴仁镇||2025-06-30"}}
	if got := rows(t, s); !reflect.DeepEqual(got, want) {
		t.Errorf("rows %v, want %v", got, want)
	}
}

// Group titles merged over their columns, code and name merged down over
// both header rows.
func TestMergedGroupHeader(t *testing.T) {
	data := workbook(t, "社区", func(f *excelize.File) {
		const s = "社区"
		setRows(t, f, s, 1,
			[]any{"代码", "名称", "人口", nil, "设施"},
			[]any{nil, nil, "户籍", "常住", "面积(m²)"},
			[]any{"320612001001", "金沙", 9800, 10200, 350.5})
		for _, r := range [][2]string{{"A1", "A2"}, {"B1", "B2"}, {"C1", "D1"}} {
			must(t, f.MergeCell(s, r[0], r[1]))
		}
	})
	s := open(t, "a.xlsx", data).Sheets[0]
	if want := []string{"代码", "名称", "人口/户籍", "人口/常住", "设施"}; !reflect.DeepEqual(s.Header, want) || s.HeaderRow != 2 {
		t.Errorf("header %q at row %d, want %q at 2", s.Header, s.HeaderRow, want)
	}
	if got, want := rows(t, s), []row{{3, "320612001001|金沙|9800|10200|350.5"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("rows %v, want %v", got, want)
	}
}

// A merged title over two columns with numbers below is one header row: the
// title names both columns.
func TestMergedHeaderCellOverData(t *testing.T) {
	data := workbook(t, "Sheet1", func(f *excelize.File) {
		setRows(t, f, "Sheet1", 1, []any{"代码", "人口"}, []any{"320612", 100, 200})
		must(t, f.MergeCell("Sheet1", "B1", "C1"))
	})
	s := open(t, "a.xlsx", data).Sheets[0]
	if want := []string{"代码", "人口", "人口"}; !reflect.DeepEqual(s.Header, want) || s.HeaderRow != 1 {
		t.Errorf("header %q at row %d, want %q at 1", s.Header, s.HeaderRow, want)
	}
}

// Year sheets give their period; notes, hidden and empty sheets and one
// holding no table are passed over and named.
func TestSheetsSkippedAndPeriods(t *testing.T) {
	data := workbook(t, "填表说明", func(f *excelize.File) {
		setRows(t, f, "填表说明", 1, []any{"一、本表由社区填报"}, []any{"二、", "人口为常住人口"})
		for _, name := range []string{"2024", "2025年", "旧表", "空表", "清单"} {
			_, err := f.NewSheet(name)
			must(t, err)
		}
		setRows(t, f, "2024", 1, []any{"代码", "值"}, []any{"320612", 1.5})
		setRows(t, f, "2025年", 1, []any{"代码", "值"}, []any{"320612", 2.5})
		setRows(t, f, "旧表", 1, []any{"代码", "值"}, []any{"320612", 9})
		must(t, f.SetSheetVisible("旧表", false))
		setRows(t, f, "清单", 1, []any{"只有一列"}, []any{"a"}, []any{"b"})
	})
	b := open(t, "a.xlsx", data)
	var got []string
	for _, s := range b.Sheets {
		got = append(got, s.Name)
		if s.Period == 0 {
			t.Errorf("sheet %s without a period", s.Name)
		}
	}
	if !reflect.DeepEqual(got, []string{"2024", "2025年"}) || b.Sheets[0].Period != 2024 || b.Sheets[1].Period != 2025 {
		t.Errorf("sheets %q", got)
	}
	want := []string{"填表说明: notes, by its name", "旧表: hidden", "空表: empty",
		"清单: no table: no row with two or more values followed by data in the first 200 rows"}
	var skipped []string
	for _, s := range b.Skipped {
		skipped = append(skipped, s.Sheet+": "+s.Reason)
	}
	if !reflect.DeepEqual(skipped, want) {
		t.Errorf("skipped %q,\nwant %q", skipped, want)
	}
	if rs := rows(t, b.Sheets[1]); len(rs) != 1 || rs[0].Cells != "320612|2.5" {
		t.Errorf("2025年 rows %v", rs)
	}
}
