package table_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/geo/format"
	"github.com/community-atlas/atlas/geo/format/table"
)

// sampleTable has Chinese titles, a value CSV must quote, and nulls.
func sampleTable() *table.Table {
	return &table.Table{
		Name: "observations 2013",
		Columns: []format.Field{
			{Name: "code", Title: "代码", Type: format.String}, {Name: "name", Title: "名称", Type: format.String},
			{Name: "value", Title: "值", Type: format.Real}, {Name: "units", Title: "单位数", Type: format.Integer},
			{Name: "meets", Title: "达标", Type: format.Boolean},
		},
		Rows: [][]any{
			{"320612", "通州区, \"东\"", 8.5, int64(2), true},
			{"320623", "如东县", nil, int64(0), nil},
		},
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

// What the writers write, the reader reads: titles as the header, text and
// numbers as written, nulls empty, in CSV and XLSX alike.
func TestWrittenTablesReadBack(t *testing.T) {
	tab := sampleTable()
	want := []row{{2, `320612|通州区, "东"|8.5|2|true`}, {3, "320623|如东县||0|"}}
	for _, c := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"observations.csv", func(b *bytes.Buffer) error { return tab.WriteCSV(b) }},
		{"observations.xlsx", func(b *bytes.Buffer) error { return tab.WriteXLSX(b) }},
	} {
		var buf bytes.Buffer
		if err := c.write(&buf); err != nil {
			t.Fatal(err)
		}
		s := open(t, c.name, buf.Bytes()).Sheets[0]
		if got := strings.Join(s.Header, "|"); got != "代码|名称|值|单位数|达标" || s.HeaderRow != 1 {
			t.Errorf("%s: header %q at row %d", c.name, got, s.HeaderRow)
		}
		got := rows(t, s)
		if c.name == "observations.xlsx" {
			want[0].Cells = strings.Replace(want[0].Cells, "true", "TRUE", 1) // as Excel shows a boolean
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: rows %v, want %v", c.name, got, want)
		}
	}
}
