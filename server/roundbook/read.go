package roundbook

import (
	"errors"
	"maps"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/roundcheck"
	"github.com/community-atlas/atlas/geo/format/table"
	"github.com/community-atlas/atlas/server/msg"
	"github.com/xuri/excelize/v2"
)

// Result is what Read found in an upload: the data sheet's name, the row
// of each region, and the rows that differ from the Book's.
type Result struct {
	Sheet   string
	Rows    map[string]int
	Changed []Filled
}

// maxProblems caps the cells an Error lists.
const maxProblems = 200

// Read takes back a template of b, filled in: the first sheet that holds
// a table (the notes sheet is passed over by its name), with b's columns
// in their places. Errors are *Error, naming each cell that cannot be
// used; nothing in the file is then to be saved.
func Read(name string, data []byte, b *Book) (*Result, error) {
	book, err := table.Open(name, data)
	if err != nil {
		return nil, fileError(err)
	}
	defer book.Close()
	sh := book.Sheets[0]
	if ps := checkHeader(sh, b); len(ps) > 0 {
		return nil, &Error{Problems: ps}
	}
	rd := reader{b: b, sheet: sh.Name, res: &Result{Sheet: sh.Name, Rows: map[string]int{}}, byRegion: map[string]*Row{}}
	for i := range b.Rows {
		rd.byRegion[b.Rows[i].Region] = &b.Rows[i]
	}
	if err := sh.Each(rd.row); err != nil {
		return nil, fileError(err)
	}
	if len(rd.problems) > 0 {
		return nil, &Error{Problems: rd.problems}
	}
	return rd.res, nil
}

// fileError is a file the table reader refused, as one problem.
func fileError(err error) error {
	var te *table.Error
	p := Problem{Why: msg.New("the file cannot be read as the template: %v", err)}
	if errors.As(err, &te) {
		p.Sheet, p.Row, p.Column = te.Sheet, te.Row, te.Cells
	}
	return &Error{Problems: []Problem{p}}
}

// checkHeader: each indicator's three columns are where the template put
// them, each headed by the indicator's id.
func checkHeader(sh *table.Sheet, b *Book) []Problem {
	var out []Problem
	for i, ind := range b.Indicators {
		for k := range perIndicator {
			col := valueColumn(i) + k
			got := ""
			if col <= len(sh.Header) {
				got = sh.Header[col-1]
			}
			if first, _, _ := strings.Cut(got, " "); first != ind.ID {
				out = append(out, Problem{Sheet: sh.Name, Row: sh.HeaderRow, Column: letters(col), Indicator: ind.ID,
					Why: msg.New("this column should be headed by %s, as in the template; upload the template as it was downloaded", ind.ID)})
			}
		}
	}
	return out
}

// reader reads the data rows.
type reader struct {
	b        *Book
	sheet    string
	res      *Result
	byRegion map[string]*Row
	problems []Problem
}

func (rd *reader) fail(row, col int, region, ind string, why msg.Message) {
	if len(rd.problems) < maxProblems {
		rd.problems = append(rd.problems, Problem{Sheet: rd.sheet, Row: row, Column: letters(col), Region: region, Indicator: ind, Why: why})
	}
}

// row reads one region's row and keeps it when it differs from what is
// stored.
func (rd *reader) row(n int, cells []string) error {
	code := cells[0]
	stored, ok := rd.byRegion[code]
	switch {
	case code == "":
		rd.fail(n, 1, "", "", msg.New("the row has no region code"))
		return nil
	case !ok:
		rd.fail(n, 1, code, "", msg.New("region %q is not a reporting region of this round inside your region", code))
		return nil
	}
	if first, dup := rd.res.Rows[code]; dup {
		rd.fail(n, 1, code, "", msg.New("region %s is given twice, in rows %d and %d", code, first, n))
		return nil
	}
	rd.res.Rows[code] = n
	f := Filled{Region: code, Values: map[string]float64{}, Reasons: map[string]string{}}
	bad := false
	for i, ind := range rd.b.Indicators {
		c := valueColumn(i)
		v, set, why := parseValue(ind, at(cells, c))
		if why != nil {
			rd.fail(n, c, code, ind.ID, *why)
			bad = true
			continue
		}
		reason := at(cells, c+2)
		if len([]rune(reason)) > maxReasonRunes || strings.ContainsAny(reason, "\r\n") {
			rd.fail(n, c+2, code, ind.ID, msg.New("a reason is one line of at most %d characters", maxReasonRunes))
			bad = true
			continue
		}
		if set {
			f.Values[ind.ID] = v
			if reason != "" {
				f.Reasons[ind.ID] = reason
			}
		}
	}
	if bad || same(f, stored) {
		return nil
	}
	if stored.Locked {
		rd.fail(n, 1, code, "", msg.New("region %s is %s: its values can no longer change", code, stored.Status))
		return nil
	}
	rd.res.Changed = append(rd.res.Changed, f)
	return nil
}

// at is the cell of 1-based column col.
func at(cells []string, col int) string {
	if col-1 < len(cells) {
		return cells[col-1]
	}
	return ""
}

// parseValue reads a value cell: empty is no value; a number, with a
// trailing % where the unit is one.
func parseValue(ind *analytics.Indicator, s string) (float64, bool, *msg.Message) {
	if s == "" {
		return 0, false, nil
	}
	t := strings.ReplaceAll(s, ",", "")
	if ind.Unit == "%" {
		t = strings.TrimSuffix(t, "%")
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
	if err != nil || roundcheck.Value(ind, v) == "not a number" {
		m := msg.New("%q is not a number", s)
		return 0, false, &m
	}
	return v, true, nil
}

func same(f Filled, r *Row) bool {
	return maps.Equal(f.Values, r.Values) && maps.Equal(f.Reasons, nonEmpty(r.Reasons))
}

func nonEmpty(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		if v != "" {
			out[k] = v
		}
	}
	return out
}

// letters is the A1 name of 1-based column col.
func letters(col int) string {
	s, _ := excelize.ColumnNumberToName(col)
	return s
}

// Check lists the cells of the regions in res that would keep a
// submission back, as b now stands: outside the valid range, not whole
// for a count, or a flagged change without a reason. Empty cells are not
// listed: a draft may be incomplete.
func Check(b *Book, res *Result) []Problem {
	var out []Problem
	for _, r := range b.Rows {
		n, ok := res.Rows[r.Region]
		if !ok {
			continue
		}
		for i, ind := range b.Indicators {
			v, ok := r.Values[ind.ID]
			if !ok {
				continue
			}
			if why := valueProblem(ind, v, r, b.Medians[ind.ID], b.Factor); why != nil {
				out = append(out, Problem{Sheet: res.Sheet, Row: n, Column: letters(valueColumn(i)), Region: r.Region, Indicator: ind.ID, Why: *why})
			}
		}
	}
	return out
}

// valueProblem is roundcheck's verdict on v as a message.
func valueProblem(ind *analytics.Indicator, v float64, r Row, median, factor float64) *msg.Message {
	var m msg.Message
	switch last, hasLast := r.Last[ind.ID]; {
	case roundcheck.Value(ind, v) == "":
		if !hasLast || r.Reasons[ind.ID] != "" || !roundcheck.Flagged(v, last, median) {
			return nil
		}
		m = msg.New("the change from last year's %g to %g is more than %g times the median change of all regions: give a one-line reason", last, v, factor)
	case v < ind.ValidRange[0] || v > ind.ValidRange[1]:
		m = msg.New("%g is outside the valid range %g to %g", v, ind.ValidRange[0], ind.ValidRange[1])
	default:
		m = msg.New("%g is not a whole number (%s counts)", v, ind.Unit)
	}
	return &m
}
