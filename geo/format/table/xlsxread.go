package table

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// unzipLimit bounds what a workbook may unpack to, against zip bombs; a
// sheet of a million rows of ten columns unpacks to about 400 MB.
const unzipLimit = 2 << 30

// openXLSX reads a workbook's sheets and finds each one's header.
func openXLSX(name string, data []byte) (*Book, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errorf(name, "not a workbook: a damaged or truncated zip (%v)", err)
	}
	if _, err := zr.Open("xl/workbook.xml"); err != nil {
		return nil, errorf(name, "not a workbook: %s", zipKind(zr))
	}
	list, err := listSheets(zr)
	if err != nil {
		return nil, errorf(name, "a damaged workbook: %v", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: unzipLimit,
		// Dates in formats that follow the system's settings are written
		// as ISO dates; Chinese built-in formats read as Chinese Excel
		// shows them.
		ShortDatePattern: "yyyy-mm-dd", LongDatePattern: "yyyy-mm-dd", CultureInfo: excelize.CultureNameZhCN,
	})
	if err != nil {
		return nil, errorf(name, "a damaged workbook: %v", err)
	}
	b := &Book{Format: "xlsx", close: f.Close}
	for _, ws := range list {
		s, reason, err := xlsxSheet(name, zr, f, ws)
		if err != nil {
			f.Close()
			return nil, err
		}
		if reason != "" {
			b.Skipped = append(b.Skipped, Skip{Sheet: ws.name, Reason: reason})
			continue
		}
		b.Sheets = append(b.Sheets, s)
	}
	if len(b.Sheets) == 0 {
		f.Close()
		return nil, errorf(name, "no sheet holds a table (%s)", skipList(b.Skipped))
	}
	return b, nil
}

// zipKind says what a zip without a workbook is, for the message.
func zipKind(zr *zip.Reader) string {
	for _, f := range zr.File {
		lower := strings.ToLower(f.Name)
		switch {
		case lower == "mimetype":
			return "an OpenDocument file (.ods); save it as .xlsx or CSV"
		case strings.HasSuffix(lower, ".shp"):
			return "a zipped Shapefile, not a table"
		}
	}
	return "a zip without xl/workbook.xml"
}

func skipList(skips []Skip) string {
	if len(skips) == 0 {
		return "the workbook lists no sheets"
	}
	parts := make([]string, len(skips))
	for i, s := range skips {
		parts[i] = fmt.Sprintf("%s: %s", s.Sheet, s.Reason)
	}
	return strings.Join(parts, "; ")
}

// xlsxSheet reads one sheet's layout, or says why it holds no table.
func xlsxSheet(file string, zr *zip.Reader, f *excelize.File, ws wbSheet) (*Sheet, string, error) {
	switch {
	case ws.kind != "worksheet":
		return nil, "not a worksheet (" + ws.kind + ")", nil
	case ws.state == "hidden" || ws.state == "veryHidden":
		return nil, "hidden", nil
	case notesName(ws.name):
		return nil, "notes, by its name", nil
	}
	part, err := zr.Open(ws.part)
	if err != nil {
		return nil, "", &Error{File: file, Sheet: ws.name, Why: fmt.Sprintf("a damaged workbook: %v", err)}
	}
	m, err := scanMerges(part)
	part.Close()
	if err != nil {
		return nil, "", &Error{File: file, Sheet: ws.name, Why: fmt.Sprintf("a damaged workbook: %v", err)}
	}
	s := &Sheet{Name: ws.name, Period: periodOf(ws.name), file: file, label: ws.name}
	s.rows = func() (rowReader, error) {
		rows, err := f.Rows(ws.name)
		if err != nil {
			return nil, &Error{File: file, Sheet: ws.name, Why: fmt.Sprintf("a damaged workbook: %v", err)}
		}
		return &xlsxRows{rows: rows, file: file, sheet: ws.name}, nil
	}
	rr, err := s.rows()
	if err != nil {
		return nil, "", err
	}
	l, reason, err := findHeader(rr, m)
	rr.close()
	if err != nil || reason != "" {
		return nil, reason, err
	}
	s.HeaderRow, s.dataStart, s.Header, s.Notes = l.headerRow, l.dataStart, l.header, l.notes
	s.merges = m.dataPart(l.dataStart)
	return s, "", nil
}

// notesWords mark a sheet kept for people, not data, by its name.
var notesWords = []string{"说明", "备注", "注释", "须知", "目录", "封面", "readme", "note", "instruction", "contents"}

func notesName(name string) bool {
	lower := strings.ToLower(name)
	for _, w := range notesWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// xlsxRows streams a worksheet's rows through excelize, which reads its
// XML as it goes (from a temporary file when the sheet is large).
type xlsxRows struct {
	rows        *excelize.Rows
	file, sheet string
	n           int
}

func (x *xlsxRows) next() (int, []string, error) {
	if !x.rows.Next() {
		if err := x.rows.Error(); err != nil {
			return 0, nil, &Error{File: x.file, Sheet: x.sheet, Row: x.n + 1, Why: fmt.Sprintf("an unreadable row: %v", err)}
		}
		return 0, nil, io.EOF
	}
	x.n++
	cells, err := x.rows.Columns()
	if err != nil {
		return 0, nil, &Error{File: x.file, Sheet: x.sheet, Row: x.n, Why: fmt.Sprintf("an unreadable row: %v", err)}
	}
	return x.n, values(cells), nil
}

func (x *xlsxRows) close() error {
	err := x.rows.Close()
	if errors.Is(err, io.EOF) {
		return nil
	}
	return err
}
