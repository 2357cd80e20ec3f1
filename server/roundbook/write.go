package roundbook

import (
	"fmt"
	"io"
	"strconv"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/roundcheck"
	"github.com/community-atlas/atlas/server/msg"
	"github.com/xuri/excelize/v2"
)

// words are the template's own texts in one language.
type words struct {
	dataSheet, notesSheet                  string
	code, name, township, status           string
	last, reason                           string
	statuses                               map[string]string
	wholeTitle, decimalTitle, rangeMessage string
	reasonTitle, reasonMessage             string
	notes                                  func(b *Book) [][]any
	indicatorHeader                        []any
}

// Write writes b's template in l to w.
func Write(w io.Writer, b *Book, l msg.Lang) error {
	f := excelize.NewFile()
	defer f.Close()
	ws := wordsIn(l)
	if err := f.SetSheetName("Sheet1", ws.dataSheet); err != nil {
		return err
	}
	if err := writeData(f, b, ws, l); err != nil {
		return err
	}
	if err := writeNotes(f, b, ws, l); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	_, err := f.WriteTo(w)
	return err
}

// styles are the data sheet's cell styles.
type styles struct{ header, locked, open, last int }

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#E7E6E6"}}
	s.header = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: grey,
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	s.locked = mk(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#F2F2F2"}}})
	s.last = mk(&excelize.Style{Fill: grey, Font: &excelize.Font{Color: "#595959", Italic: true}})
	s.open = mk(&excelize.Style{Protection: &excelize.Protection{Locked: false}})
	return s, err
}

// writeData fills the data sheet, validates and protects it.
func writeData(f *excelize.File, b *Book, ws words, l msg.Lang) error {
	sheet := ws.dataSheet
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	header := []any{ws.code, ws.name, ws.township, ws.status}
	for _, ind := range b.Indicators {
		header = append(header, valueTitle(ind, l), fmt.Sprintf("%s %s", ind.ID, ws.last), fmt.Sprintf("%s %s", ind.ID, ws.reason))
	}
	if err := setRow(f, sheet, headerRow, header); err != nil {
		return err
	}
	lastCol := fixed + perIndicator*len(b.Indicators)
	if err := styleRange(f, sheet, 1, headerRow, lastCol, headerRow, st.header); err != nil {
		return err
	}
	for i, r := range b.Rows {
		if err := writeRow(f, sheet, headerRow+1+i, b, r, ws, st); err != nil {
			return err
		}
	}
	if err := validate(f, sheet, b, ws, l); err != nil {
		return err
	}
	if err := layout(f, sheet, len(b.Indicators)); err != nil {
		return err
	}
	return f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true,
		FormatColumns: true, FormatRows: true})
}

// writeRow writes one region: the locked cells, then its values, last
// year's and its reasons, the value and reason cells unlocked unless the
// region is submitted or approved.
func writeRow(f *excelize.File, sheet string, n int, b *Book, r Row, ws words, st styles) error {
	cells := []any{r.Region, r.Name, r.Township, ws.statuses[r.Status]}
	for _, ind := range b.Indicators {
		cells = append(cells, orBlank(r.Values, ind.ID), orBlank(r.Last, ind.ID), r.Reasons[ind.ID])
	}
	if err := setRow(f, sheet, n, cells); err != nil {
		return err
	}
	if err := styleRange(f, sheet, 1, n, fixed, n, st.locked); err != nil {
		return err
	}
	for i := range b.Indicators {
		c := valueColumn(i)
		open := st.open
		if r.Locked {
			open = st.locked
		}
		if err := styleRange(f, sheet, c, n, c, n, open); err != nil {
			return err
		}
		if err := styleRange(f, sheet, c+1, n, c+1, n, st.last); err != nil {
			return err
		}
		if err := styleRange(f, sheet, c+2, n, c+2, n, open); err != nil {
			return err
		}
	}
	return nil
}

// valueTitle heads an indicator's value column: its id first (how Read
// knows the column), then its name and unit.
func valueTitle(ind *analytics.Indicator, l msg.Lang) string {
	return fmt.Sprintf("%s %s (%s)", ind.ID, text(ind.Name, l), ind.Unit)
}

func text(t analytics.Text, l msg.Lang) string {
	if l == msg.ZH && t.ZH != "" || t.EN == "" {
		return t.ZH
	}
	return t.EN
}

func orBlank(m map[string]float64, key string) any {
	if v, ok := m[key]; ok {
		return v
	}
	return ""
}

// validate sets Excel's data validation on every value and reason column:
// the valid range, whole numbers for counts, a reason of one short line.
func validate(f *excelize.File, sheet string, b *Book, ws words, l msg.Lang) error {
	if len(b.Rows) == 0 {
		return nil
	}
	last := headerRow + len(b.Rows)
	for i, ind := range b.Indicators {
		c := valueColumn(i)
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(columnRange(c, last))
		kind, title := excelize.DataValidationTypeDecimal, ws.decimalTitle
		lo, hi := any(ind.ValidRange[0]), any(ind.ValidRange[1])
		if roundcheck.Whole(ind) {
			kind, title = excelize.DataValidationTypeWhole, ws.wholeTitle
			lo, hi = int(ind.ValidRange[0]), int(ind.ValidRange[1])
		}
		if err := dv.SetRange(lo, hi, kind, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		message := fmt.Sprintf(ws.rangeMessage, text(ind.Name, l), number(ind.ValidRange[0]), number(ind.ValidRange[1]), ind.Unit)
		dv.SetError(excelize.DataValidationErrorStyleStop, title, message)
		dv.SetInput(title, message)
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
		rv := excelize.NewDataValidation(true)
		rv.SetSqref(columnRange(c+2, last))
		if err := rv.SetRange(0, maxReasonRunes, excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		rv.SetError(excelize.DataValidationErrorStyleStop, ws.reasonTitle, fmt.Sprintf(ws.reasonMessage, maxReasonRunes))
		if err := f.AddDataValidation(sheet, rv); err != nil {
			return err
		}
	}
	return nil
}

// layout sets the widths and freezes the header and the region columns.
func layout(f *excelize.File, sheet string, indicators int) error {
	if err := f.SetColWidth(sheet, "A", "A", 14); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "B", "C", 18); err != nil {
		return err
	}
	for i := range indicators {
		c := valueColumn(i)
		if err := setWidth(f, sheet, c, c+1, 14); err != nil {
			return err
		}
		if err := setWidth(f, sheet, c+2, c+2, 24); err != nil {
			return err
		}
	}
	top, _ := excelize.CoordinatesToCellName(fixed+1, headerRow+1)
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: fixed, YSplit: headerRow, TopLeftCell: top, ActivePane: "bottomRight"})
}

func setWidth(f *excelize.File, sheet string, from, to int, w float64) error {
	a, _ := excelize.ColumnNumberToName(from)
	b, _ := excelize.ColumnNumberToName(to)
	return f.SetColWidth(sheet, a, b, w)
}

func columnRange(col, last int) string {
	a, _ := excelize.CoordinatesToCellName(col, headerRow+1)
	b, _ := excelize.CoordinatesToCellName(col, last)
	return a + ":" + b
}

func setRow(f *excelize.File, sheet string, n int, cells []any) error {
	cell, _ := excelize.CoordinatesToCellName(1, n)
	return f.SetSheetRow(sheet, cell, &cells)
}

func styleRange(f *excelize.File, sheet string, c1, r1, c2, r2, style int) error {
	a, _ := excelize.CoordinatesToCellName(c1, r1)
	b, _ := excelize.CoordinatesToCellName(c2, r2)
	return f.SetCellStyle(sheet, a, b, style)
}

// number is v as the notes show it.
func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// writeNotes adds the notes sheet: the round, its deadline, the
// indicators with their units and ranges, and the rules.
func writeNotes(f *excelize.File, b *Book, ws words, l msg.Lang) error {
	if _, err := f.NewSheet(ws.notesSheet); err != nil {
		return err
	}
	rows := ws.notes(b)
	rows = append(rows, []any{}, ws.indicatorHeader)
	for _, ind := range b.Indicators {
		whole := ""
		if roundcheck.Whole(ind) {
			whole = "✓"
		}
		rows = append(rows, []any{ind.ID, text(ind.Name, l), ind.Unit,
			number(ind.ValidRange[0]) + " – " + number(ind.ValidRange[1]), whole,
			number(b.Medians[ind.ID]), number(b.Factor * b.Medians[ind.ID])})
	}
	for i, r := range rows {
		if err := setRow(f, ws.notesSheet, i+1, r); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(ws.notesSheet, "A", "A", 26); err != nil {
		return err
	}
	return f.SetColWidth(ws.notesSheet, "B", "G", 18)
}
