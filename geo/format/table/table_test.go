package table_test

import (
	"bytes"
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
