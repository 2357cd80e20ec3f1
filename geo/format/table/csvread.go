package table

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

var (
	utf8BOM = []byte{0xEF, 0xBB, 0xBF}
	utf16LE = []byte{0xFF, 0xFE}
	utf16BE = []byte{0xFE, 0xFF}
)

// sniffSize is how much of a file decides its encoding and delimiter.
const sniffSize = 64 << 10

// openCSV reads a CSV file as a book of one sheet named after the file.
func openCSV(name string, data []byte) (*Book, error) {
	enc := encodingOf(data)
	head, _ := io.ReadAll(io.LimitReader(decode(data, enc), sniffSize))
	s := &Sheet{Name: baseName(name), file: name}
	s.Period = periodOf(s.Name)
	delim := sniffDelimiter(head)
	s.rows = func() (rowReader, error) {
		rr := newCSVRows(name, decode(data, enc), delim)
		rr.strict = enc == "gb18030"
		return rr, nil
	}
	rr, _ := s.rows()
	l, reason, err := findHeader(rr, nil)
	if err != nil {
		return nil, err
	}
	if reason != "" {
		return nil, errorf(name, "%s", reason)
	}
	s.HeaderRow, s.dataStart, s.Header, s.Notes = l.headerRow, l.dataStart, l.header, l.notes
	return &Book{Format: "csv", Encoding: strings.TrimSuffix(enc, "-bom"), Sheets: []*Sheet{s}}, nil
}

// encodingOf decides a CSV file's encoding: a BOM says it; otherwise text
// that is not UTF-8 in its first 64 KiB is GB18030, the superset of the
// GBK that Excel on Chinese Windows saves.
func encodingOf(data []byte) string {
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		return "utf-8-bom"
	case bytes.HasPrefix(data, utf16LE):
		return "utf-16le"
	case bytes.HasPrefix(data, utf16BE):
		return "utf-16be"
	}
	head := data[:min(len(data), sniffSize)]
	if len(data) > sniffSize {
		// A character the cut splits is not held against UTF-8.
		for i := 1; i < utf8.UTFMax; i++ {
			if r, size := utf8.DecodeLastRune(head); r != utf8.RuneError || size != 1 {
				break
			}
			head = head[:len(head)-1]
		}
	}
	if utf8.Valid(head) {
		return "utf-8"
	}
	return "gb18030"
}

// decode gives the file's text as UTF-8.
func decode(data []byte, enc string) io.Reader {
	r := bytes.NewReader(data)
	switch enc {
	case "utf-8-bom":
		r.Seek(int64(len(utf8BOM)), io.SeekStart)
	case "utf-16le":
		return transform.NewReader(r, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	case "utf-16be":
		return transform.NewReader(r, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder())
	case "gb18030":
		return transform.NewReader(r, simplifiedchinese.GB18030.NewDecoder())
	}
	return r
}

// csvRows streams a CSV file's records; a record is a row, as a
// spreadsheet opening the file numbers it.
type csvRows struct {
	r      *csv.Reader
	file   string
	n      int
	strict bool // refuse undecodable text: GB18030 turns it into U+FFFD
}

func newCSVRows(file string, text io.Reader, delim rune) *csvRows {
	r := csv.NewReader(bufio.NewReaderSize(text, 64<<10))
	r.Comma = delim
	r.FieldsPerRecord = -1 // title rows are narrower than the table
	r.LazyQuotes = true    // a bare quote inside a field, as hand-edited files have
	r.ReuseRecord = true
	return &csvRows{r: r, file: file}
}

func (c *csvRows) next() (int, []string, error) {
	rec, err := c.r.Read()
	if errors.Is(err, io.EOF) {
		return 0, nil, io.EOF
	}
	c.n++
	if err != nil {
		return 0, nil, &Error{File: c.file, Row: c.n, Why: fmt.Sprintf("unreadable CSV: %v", err)}
	}
	if c.strict {
		for j, cell := range rec {
			if strings.ContainsRune(cell, utf8.RuneError) {
				return 0, nil, &Error{File: c.file, Row: c.n, Cells: cellName(j, c.n),
					Why: "text that is neither UTF-8 nor GBK (save the file as UTF-8 CSV)"}
			}
		}
	}
	return c.n, values(rec), nil
}

func (c *csvRows) close() error { return nil }
