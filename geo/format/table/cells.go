package table

import (
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"
)

// cellName is the A1 name of a cell, col 0-based and row 1-based.
func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col+1, row)
	return name
}

// columnName is the letter name of a 0-based column.
func columnName(col int) string {
	name, _ := excelize.ColumnNumberToName(col + 1)
	return name
}

// parseRange reads the corners of a merged range.
func parseRange(from, to string) (rect, bool) {
	c1, r1, err1 := excelize.CellNameToCoordinates(from)
	c2, r2, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil || c2 < c1 || r2 < r1 {
		return rect{}, false
	}
	return rect{c1 - 1, r1, c2 - 1, r2}, true
}

var (
	// grouped is a number written with thousands separators, as a cell
	// formatted "#,##0" shows it and Excel saves it to CSV.
	grouped = regexp.MustCompile(`^[-+]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?%?$`)
	// yearFirst is a date written year first: 2025/3/7, 2025.3.7,
	// 2025年3月7日, 2025-3-7.
	yearFirst = regexp.MustCompile(`^([0-9]{4})(?:[-/.]|年)([0-9]{1,2})(?:[-/.]|月)([0-9]{1,2})日?$`)
)

// value is a cell's text as the importer reads it: trimmed (ideographic
// spaces too), numbers without thousands separators, year-first dates as
// ISO 8601. Anything else, cell errors such as #N/A among it, is kept as
// shown, for the importer to accept or name.
func value(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 5 || !strings.ContainsAny(s, ",/.-年") {
		return s // the common case: no copy
	}
	if grouped.MatchString(s) {
		return strings.ReplaceAll(s, ",", "")
	}
	if m := yearFirst.FindStringSubmatch(s); m != nil {
		mm, dd := pad2(m[2]), pad2(m[3])
		if "01" <= mm && mm <= "12" && "01" <= dd && dd <= "31" {
			return m[1] + "-" + mm + "-" + dd
		}
	}
	return s
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

// values makes every cell a value, in place.
func values(cells []string) []string {
	for i, c := range cells {
		cells[i] = value(c)
	}
	return cells
}

// title is a header cell's text on one line: Alt+Enter line breaks and
// runs of spaces become one space.
func title(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
