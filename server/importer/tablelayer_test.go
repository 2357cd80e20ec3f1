package importer_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/community-atlas/atlas/geo/format"
	"github.com/community-atlas/atlas/geo/format/table"
	"github.com/community-atlas/atlas/server/importer"
)

// TestBoundariesFromWKTTable: a CSV of regions with bilingual headers
// (as the exports write them) and the geometry in a column found by its
// cells imports as boundaries.
func TestBoundariesFromWKTTable(t *testing.T) {
	_, idx := fixture(t)
	text := "区划代码 code,名称 region,人口 population,户数 households,shape\n" +
		"320612001001,甲社区居委会,3100,1000,\"POLYGON((120 32,120.05 32,120.05 32.1,120 32.1,120 32))\"\n"
	cs, rep, err := importer.ReadBoundariesWith(context.Background(), "regions.txt", []byte(text), idx, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Format != "csv" || rep.CRS.From != "degrees" {
		t.Errorf("format %s, CRS %+v; want csv read in degrees", rep.Format, rep.CRS)
	}
	r := cs.Regions[0]
	if r.Code != "320612001001" || r.Name != "甲社区居委会" || r.Population != 3100 || r.Households != 1000 {
		t.Errorf("region %s %s pop %d hh %d", r.Code, r.Name, r.Population, r.Households)
	}
}

// TestBoundaryWorkbookProblems: problems of a workbook's rows are placed at
// its sheet and row: an unreadable geometry, and a region outside the
// atlas's area read in the CRS its EWKT declares.
func TestBoundaryWorkbookProblems(t *testing.T) {
	_, idx := fixture(t)
	tb := table.Table{Name: "社区", Columns: []format.Field{{Name: "WKT"}, {Name: "code"}, {Name: "name"}}}
	tb.Rows = [][]any{
		{"SRID=4549;POLYGON((500000 3550000,501000 3550000,501000 3551000,500000 3550000))", "320612001001", "甲社区居委会"},
		{"SRID=4549;POLYGON((500000 3550000", "320612001201", "乙村委会"},
		{"SRID=4549;POLYGON((900000 9000000,901000 9000000,901000 9001000,900000 9000000))", "320612001201", "乙村委会"},
	}
	var buf bytes.Buffer
	if err := tb.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	_, rep, err := importer.ReadBoundariesWith(context.Background(), "b.xlsx", buf.Bytes(), idx, importer.Options{})
	ps := problems(t, err)
	if rep.CRS == nil || rep.CRS.From != "file" {
		t.Errorf("CRS %+v; want the file's (EWKT SRID)", rep.CRS)
	}
	want := map[int]string{3: "not WKT", 4: "outside"}
	for _, p := range ps {
		if p.Sheet != "社区" || p.Feature != 0 || p.Field != "WKT" {
			t.Errorf("problem %+v; want it at sheet 社区, a row, field WKT", p)
		}
		delete(want, p.Row)
	}
	if len(want) != 0 || len(ps) < 2 {
		t.Errorf("problems %+v; want rows 3 and 4", ps)
	}
}
