package table

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/community-atlas/atlas/geo/format"
)

// Table is a list of rows with typed columns, as the writers take it.
type Table struct {
	Name    string
	Columns []format.Field
	Rows    [][]any
}

// bom makes Excel read a CSV file as UTF-8.
const bom = "\uFEFF"

// WriteCSV writes the table as CSV, UTF-8 with a BOM, headed by the
// columns' titles. Nulls are empty cells; numbers are written in full;
// text is kept from being read as a formula (see csvText).
func (t *Table) WriteCSV(w io.Writer) error {
	if err := t.check(); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(bom); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	header := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = csvText(c.Label())
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	rec := make([]string, len(t.Columns))
	for _, row := range t.Rows {
		for i, v := range row {
			rec[i] = formatCell(v)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

func formatCell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return csvText(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v)
}

// WriteJSON writes {"name": …, "columns": […], "items": [{column: value}]}:
// the rows as objects keyed by the columns' names, nulls as null, text
// without control characters.
func (t *Table) WriteJSON(w io.Writer) error {
	if err := t.check(); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	type column struct {
		Name  string `json:"name"`
		Title string `json:"title"`
		Type  string `json:"type"`
	}
	cols := make([]column, len(t.Columns))
	for i, c := range t.Columns {
		cols[i] = column{c.Name, c.Label(), typeNames[c.Type]}
	}
	head, err := format.MarshalJSON(cols)
	if err != nil {
		return err
	}
	name, _ := format.MarshalJSON(cleanText(t.Name))
	fmt.Fprintf(bw, `{"name":%s,"columns":%s,"items":[`, name, head)
	for r, row := range t.Rows {
		if r > 0 {
			bw.WriteByte(',')
		}
		bw.WriteByte('{')
		for i, v := range row {
			if i > 0 {
				bw.WriteByte(',')
			}
			k, _ := format.MarshalJSON(t.Columns[i].Name)
			if s, ok := v.(string); ok {
				v = cleanText(s)
			}
			val, err := format.MarshalJSON(v)
			if err != nil {
				return fmt.Errorf("table: %s row %d column %s: %w", t.Name, r+1, t.Columns[i].Name, err)
			}
			bw.Write(k)
			bw.WriteByte(':')
			bw.Write(val)
		}
		bw.WriteByte('}')
	}
	bw.WriteString("]}\n")
	return bw.Flush()
}

var typeNames = map[format.Type]string{format.String: "string", format.Integer: "integer", format.Real: "number", format.Boolean: "boolean"}

func (t *Table) check() error {
	for i, row := range t.Rows {
		if err := format.CheckRow(t.Columns, row); err != nil {
			return fmt.Errorf("table: %s row %d: %w", t.Name, i+1, err)
		}
	}
	return nil
}
