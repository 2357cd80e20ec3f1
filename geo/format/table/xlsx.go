package table

import (
	"fmt"
	"io"

	"github.com/community-atlas/atlas/geo/format"
	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes the table as one worksheet named after it: a bold header
// row of the columns' titles frozen above the data, numbers as numbers,
// booleans as booleans, nulls as empty cells, text as text (never a
// formula) without control characters. Rows are streamed, so memory
// stays flat however long the table.
func (t *Table) WriteXLSX(w io.Writer) error {
	if err := t.check(); err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	sheet := sheetName(t.Name)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("table: xlsx: %w", err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("table: xlsx: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("table: xlsx: %w", err)
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("table: xlsx: %w", err)
	}
	for i, c := range t.Columns {
		width := 12.0
		if c.Type == format.String {
			width = 18
		}
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return fmt.Errorf("table: xlsx: %w", err)
		}
	}
	header := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = excelize.Cell{StyleID: bold, Value: c.Label()}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return fmt.Errorf("table: xlsx: %w", err)
	}
	for r, row := range t.Rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(cell, cleanRow(row)); err != nil {
			return fmt.Errorf("table: xlsx row %d: %w", r+1, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("table: xlsx: %w", err)
	}
	_, err = f.WriteTo(w)
	return err
}

// sheetName makes a valid worksheet name: at most 31 characters, none of
// : \ / ? * [ ].
func sheetName(name string) string {
	var out []rune
	for _, r := range name {
		switch r {
		case ':', '\\', '/', '?', '*', '[', ']':
			r = '_'
		}
		out = append(out, r)
		if len(out) == 31 {
			break
		}
	}
	if len(out) == 0 {
		return "data"
	}
	return string(out)
}
