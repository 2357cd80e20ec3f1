package server

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/community-atlas/atlas/geo/format/table"
	"github.com/community-atlas/atlas/server/atlas"
	"github.com/community-atlas/atlas/server/importer"
	"github.com/xuri/excelize/v2"
)

// The problems workbook: a first sheet listing every problem (sheet, row,
// feature, code, field, message) and every row outside the user's region,
// then, for a table (CSV or XLSX), each of its sheets copied with a first
// column saying what is wrong with a row and the offending rows filled red,
// so that the file can be fixed where it stands and sent again.

// problemsFileName is the workbook's name: the upload's, with -problems.
func problemsFileName(file string) string {
	return strings.TrimSuffix(file, filepath.Ext(file)) + "-problems.xlsx"
}

func writeProblemsXLSX(w io.Writer, file string, data []byte, st *atlas.Staged) error {
	f := excelize.NewFile()
	defer f.Close()
	red, err := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#F8CBAD"}}})
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", "problems"); err != nil {
		return err
	}
	if err := listProblems(f, st); err != nil {
		return err
	}
	if book, err := table.Open(file, data); err == nil { // a geometry file has no rows to copy
		defer book.Close()
		marks := problemRows(st.Problems, book)
		for i, sh := range book.Sheets {
			if err := copySheet(f, i, sh, marks[sh.Name], red); err != nil {
				return err
			}
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// listProblems fills the first sheet.
func listProblems(f *excelize.File, st *atlas.Staged) error {
	rows := [][]any{{"sheet", "row", "feature", "code", "field", "problem"}}
	for _, p := range st.Problems {
		sheet, msg := problemSheet(p.Message)
		rows = append(rows, []any{sheet, blank(p.Row), blank(p.Feature), p.Code, p.Field, msg})
	}
	for _, o := range st.Outside {
		rows = append(rows, []any{"", "", "", o.Key, o.Kind, "outside your region, will not be written: " + o.What})
	}
	if st.Truncated {
		rows = append(rows, []any{"", "", "", "", "", "more problems were found than are listed; fix these and check again"})
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("problems", cell, &r); err != nil {
			return err
		}
	}
	return nil
}

func blank(n int) any {
	if n == 0 {
		return ""
	}
	return n
}

// problemSheet splits the "sheet NAME: " that table readers put before a
// message naming a workbook's sheet.
func problemSheet(msg string) (string, string) {
	rest, ok := strings.CutPrefix(msg, "sheet ")
	if !ok {
		return "", msg
	}
	name, why, ok := strings.Cut(rest, ": ")
	if !ok {
		return "", msg
	}
	return name, why
}

// problemRows groups the problems by sheet and row: a problem naming no
// sheet is the first sheet's (a CSV file's only one).
func problemRows(ps []importer.Problem, book *table.Book) map[string]map[int][]string {
	out := map[string]map[int][]string{}
	for _, p := range ps {
		if p.Row == 0 || len(book.Sheets) == 0 {
			continue
		}
		sheet, msg := problemSheet(p.Message)
		if sheet == "" {
			sheet = book.Sheets[0].Name
		}
		if out[sheet] == nil {
			out[sheet] = map[int][]string{}
		}
		if p.Field != "" {
			msg = p.Field + ": " + msg
		}
		out[sheet][p.Row] = append(out[sheet][p.Row], msg)
	}
	return out
}

// copySheet writes a sheet of the file with a first "problem" column, its
// rows at their own row numbers so that they read as in the file.
func copySheet(f *excelize.File, i int, sh *table.Sheet, marks map[int][]string, red int) error {
	name := fmt.Sprintf("%d %s", i+1, sh.Name)
	if len([]rune(name)) > 31 {
		name = string([]rune(name)[:31])
	}
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	header := append([]any{"problem"}, anys(sh.Header)...)
	hc, _ := excelize.CoordinatesToCellName(1, sh.HeaderRow)
	if err := f.SetSheetRow(name, hc, &header); err != nil {
		return err
	}
	copied := 0
	err := sh.Each(func(row int, cells []string) error {
		if copied++; copied > maxCopiedRows {
			return errCopied
		}
		out := append([]any{strings.Join(marks[row], "; ")}, anys(cells)...)
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if err := f.SetSheetRow(name, cell, &out); err != nil {
			return err
		}
		if len(marks[row]) == 0 {
			return nil
		}
		last, _ := excelize.CoordinatesToCellName(len(out), row)
		return f.SetCellStyle(name, cell, last, red)
	})
	var te *table.Error
	if err != nil && !errors.Is(err, errCopied) && !errors.As(err, &te) {
		return err
	}
	return nil // a sheet the reader stops in is copied as far as it reads; the problem is listed
}

// maxCopiedRows bounds the rows copied a sheet: the workbook is built in
// memory. The problems sheet lists every problem whatever the size.
const maxCopiedRows = 100_000

var errCopied = errors.New("copied as many rows as a sheet may hold")

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
