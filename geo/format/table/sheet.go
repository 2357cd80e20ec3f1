package table

import (
	"errors"
	"io"
	"regexp"
	"strconv"
)

// Sheet is one table: a worksheet, or a CSV file.
type Sheet struct {
	Name      string
	Period    int      // the year a sheet is named for ("2025", "2025年", "2025年度"), else 0
	HeaderRow int      // 1-based; the lower row of a two-row header
	Header    []string // one title a column; "" for a column without one
	Notes     []string // the title and note rows above the header, and wide merged note rows met among the data

	file      string
	label     string // the sheet as errors name it: "" in a CSV file
	dataStart int
	rows      func() (rowReader, error)
	merges    merges // of the data rows; none in CSV
}

// rowReader gives a sheet's rows in order, blank ones included, each with
// its 1-based number; io.EOF ends them.
type rowReader interface {
	next() (row int, cells []string, err error)
	close() error
}

var yearName = regexp.MustCompile(`^\s*(\d{4})\s*(年度?)?\s*$`)

// periodOf is the year a sheet's name gives, or 0.
func periodOf(name string) int {
	m := yearName.FindStringSubmatch(name)
	if m == nil {
		return 0
	}
	y, _ := strconv.Atoi(m[1])
	return y
}

// Each calls fn with every data row below the header, in order: row is
// the row's number in the sheet (for messages), cells one trimmed value a
// column of Header, "" where empty. cells is reused between calls. Blank
// rows are passed over. A value right of the header's last column, or a
// merged cell among the data (which row is its value?), is an *Error;
// an error from fn stops the reading and is returned as it is.
func (s *Sheet) Each(fn func(row int, cells []string) error) error {
	rr, err := s.rows()
	if err != nil {
		return err
	}
	defer rr.close()
	out := make([]string, len(s.Header))
	for {
		n, cells, err := rr.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if n < s.dataStart || filled(cells) == 0 {
			continue
		}
		note, err := s.merges.check(s, n, cells)
		if err != nil {
			return err
		}
		if note {
			s.Notes = append(s.Notes, joined(cells))
			continue
		}
		if err := s.align(out, n, cells); err != nil {
			return err
		}
		if err := fn(n, out); err != nil {
			return err
		}
	}
}

// align copies cells into out, one a header column.
func (s *Sheet) align(out []string, row int, cells []string) error {
	for j := len(out); j < len(cells); j++ {
		if cells[j] != "" {
			return &Error{File: s.file, Sheet: s.label, Row: row, Cells: cellName(j, row),
				Why: "a value right of the header's last column " + columnName(len(out)-1) + ", in a column without a title"}
		}
	}
	n := copy(out, cells)
	clear(out[n:])
	return nil
}

// filled counts the non-empty cells.
func filled(cells []string) int {
	n := 0
	for _, c := range cells {
		if c != "" {
			n++
		}
	}
	return n
}

// joined is a row's non-empty cells, space-separated: a note's text.
func joined(cells []string) string {
	out := ""
	for _, c := range cells {
		if c == "" {
			continue
		}
		if out != "" {
			out += " "
		}
		out += c
	}
	return out
}
