package table_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/geo/format/table"
	"github.com/xuri/excelize/v2"
)

// workbook builds a workbook in memory: fill gets a file whose first sheet
// is named first.
func workbook(t testing.TB, first string, fill func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", first); err != nil {
		t.Fatal(err)
	}
	fill(f)
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// must fails the test on an error: for the excelize calls building
// workbooks.
func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// setRows writes rows of values from cell A<top>.
func setRows(t testing.TB, f *excelize.File, sheet string, top int, rows ...[]any) {
	t.Helper()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, top+i)
		must(t, f.SetSheetRow(sheet, cell, &r))
	}
}

// open opens a file that must read.
func open(t testing.TB, name string, data []byte) *table.Book {
	t.Helper()
	b, err := table.Open(name, data)
	if err != nil {
		t.Fatalf("Open(%s): %v", name, err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// row is a data row as Each gives it.
type row struct {
	N     int
	Cells string // the cells joined by |
}

// rows reads a sheet's data rows.
func rows(t testing.TB, s *table.Sheet) []row {
	t.Helper()
	var out []row
	err := s.Each(func(n int, cells []string) error {
		out = append(out, row{n, strings.Join(cells, "|")})
		return nil
	})
	if err != nil {
		t.Fatalf("sheet %s: %v", s.Name, err)
	}
	return out
}

// tableError is the *table.Error err must be.
func tableError(t testing.TB, err error) *table.Error {
	t.Helper()
	var te *table.Error
	if !errors.As(err, &te) {
		t.Fatalf("error %v (%T), want a *table.Error", err, err)
	}
	return te
}

// rewrite replaces old by new in a part of a zip, as a workbook saved by
// Excel holds what excelize does not write (cell errors).
func rewrite(t testing.TB, data []byte, part, old, new string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		must(t, err)
		body, err := io.ReadAll(rc)
		must(t, err)
		if f.Name == part {
			if !bytes.Contains(body, []byte(old)) {
				t.Fatalf("%s does not hold %q:\n%s", part, old, body)
			}
			body = bytes.ReplaceAll(body, []byte(old), []byte(new))
		}
		w, err := zw.Create(f.Name)
		must(t, err)
		_, err = w.Write(body)
		must(t, err)
	}
	must(t, zw.Close())
	return buf.Bytes()
}
