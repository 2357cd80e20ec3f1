package importer_test

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/importer"
	"github.com/xuri/excelize/v2"
)

// workbook builds an XLSX as an office keeps its indicator returns: a
// notes sheet, then one sheet per year with a title row, a blank row, and a
// header naming the indicators in Chinese with their units.
func workbook(t *testing.T, sheets map[string][][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	names := make([]string, 0, len(sheets))
	for n := range sheets {
		names = append(names, n)
	}
	sort.Strings(names)
	for i, name := range names {
		if i == 0 {
			f.SetSheetName("Sheet1", name)
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestObservationWorkbook: a wide workbook with year sheets, title rows and
// Chinese indicator names with units imports every value for its year;
// the notes sheet is named as skipped.
func TestObservationWorkbook(t *testing.T) {
	cat, idx := fixture(t)
	header := []any{"行政代码", "社区名称", "注册志愿者占居民比例（%）", "社区卫生服务满意率(%)", "居民文体团队数（个）"}
	data := workbook(t, map[string][][]any{
		"0填表说明": {{"本表由社区填报，数值保留一位小数。"}},
		"2024年": {{"南通市2024年社区建设指标统计表"}, {}, header,
			{"320612001001", "甲社区居委会", 11.5, 90, 3},
			{"320612001201", "乙村委会", 4, "", 2}},
		"2025": {{"南通市2025年社区建设指标统计表"}, {}, header,
			{"320612001001", "甲社区居委会", 12, 91.5, 4}},
	})
	cs, rep, err := importer.ReadObservationsWith("returns.xlsx", data, cat, idx, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, o := range cs.Observations {
		got[o.Indicator+" "+o.Region+" "+strconv.Itoa(o.Period)] = o.Value
	}
	want := map[string]float64{
		"registered_volunteers 320612001001 2024": 11.5, "health_service_satisfaction 320612001001 2024": 90,
		"culture_sports_teams 320612001001 2024": 3, "registered_volunteers 320612001201 2024": 4,
		"culture_sports_teams 320612001201 2024": 2, "registered_volunteers 320612001001 2025": 12,
		"health_service_satisfaction 320612001001 2025": 91.5, "culture_sports_teams 320612001001 2025": 4,
	}
	if len(got) != len(want) {
		t.Errorf("%d values, want %d: %v", len(got), len(want), got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	if rep.Format != "xlsx" || !strings.Contains(strings.Join(rep.Notes, " "), "0填表说明") {
		t.Errorf("report %+v", rep)
	}
}

// TestObservationWorkbookProblems: a placeholder dash, a count with a
// fraction, and an unknown code are each named with sheet, row and column.
func TestObservationWorkbookProblems(t *testing.T) {
	cat, idx := fixture(t)
	header := []any{"行政代码", "注册志愿者占居民比例（%）", "居民文体团队数（个）"}
	data := workbook(t, map[string][][]any{
		"2025": {header,
			{"320612001001", "—", 2.5},
			{"320612009999", 3, 1}},
	})
	_, _, err := importer.ReadObservationsWith("returns.xlsx", data, cat, idx, importer.Options{})
	ps := problems(t, err)
	wantProblem(t, ps, 2, 0, "注册志愿者占居民比例（%）", "stands for no value")
	wantProblem(t, ps, 2, 0, "居民文体团队数（个）", "whole number")
	wantProblem(t, ps, 3, 0, "region", `unknown region code "320612009999"`)
	for _, p := range ps {
		if !strings.Contains(p.Message, "sheet 2025") {
			t.Errorf("problem %s does not name its sheet", p)
		}
	}
}

// TestObservationLongTableWithPeriodOption: a long table in Chinese
// without a year column takes the year from --period.
func TestObservationLongTableWithPeriodOption(t *testing.T) {
	cat, idx := fixture(t)
	csv := "指标,行政代码,数值\n注册志愿者占居民比例,320612001001,8.5\nregistered_volunteers,320612001201,3\n"
	cs, _, err := importer.ReadObservationsWith("long.csv", []byte(csv), cat, idx, importer.Options{Period: 2023})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs.Observations) != 2 || cs.Observations[0].Period != 2023 || cs.Observations[0].Value != 8.5 ||
		cs.Observations[0].Indicator != "registered_volunteers" {
		t.Errorf("observations %+v", cs.Observations)
	}
	_, _, err = importer.ReadObservationsWith("long.csv", []byte(csv), cat, idx, importer.Options{})
	if ps := problems(t, err); !strings.Contains(ps[0].Message, "no year") && !strings.Contains(ps[0].Message, "year") {
		t.Errorf("no period: %+v", ps)
	}
}

// TestObservationTableDuplicates: a value given twice, by id and by
// Chinese name, is named with the sheet and row of its first giving, and
// a table with a problem puts nothing.
func TestObservationTableDuplicates(t *testing.T) {
	cat, idx := fixture(t)
	csv := "指标,行政代码,年份,数值\n" +
		"registered_volunteers,320612001001,2023,8.5\n" + // row 2
		"registered_volunteers,320612001201,2023,3\n" + // row 3
		"注册志愿者占居民比例,320612001001,2023,9\n" // row 4: row 2 again
	put := 0
	_, err := importer.StreamObservationTable("long.csv", []byte(csv), cat, idx, importer.Options{},
		func(analytics.Observation) error { put++; return nil })
	ps := problems(t, err)
	want := "sheet long: duplicate of sheet long row 2: registered_volunteers for 320612001001 in 2023 appears twice"
	if len(ps) != 1 || ps[0].Row != 4 || ps[0].Message != want {
		t.Errorf("problems %+v, want row 4: %s", ps, want)
	}
	if put != 3 {
		t.Errorf("%d values put before the duplicate was found at the end, want 3", put)
	}
}
