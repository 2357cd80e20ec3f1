package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// decodeText returns the file as UTF-8: UTF-8 with its BOM removed, or GBK
// (read as GB18030, its superset) when the bytes are not valid UTF-8.
func decodeText(data []byte) ([]byte, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return data, nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return nil, errors.New("the file is neither UTF-8 nor GBK text")
	}
	return out, nil
}

// csvTable is the header of a CSV file: its columns by name.
type csvTable struct {
	cols map[string]int
}

var errNoRows = errors.New("the file has a header but no rows")

// openText reads a CSV header from decoded text, checking that it names
// every required column; the reader is left at the first row.
func openText(text io.Reader, required ...string) (*csv.Reader, *csvTable, error) {
	r := csv.NewReader(text)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err == io.EOF {
		return nil, nil, errors.New("the file is empty: a header row is needed")
	}
	if err != nil {
		return nil, nil, fmt.Errorf("row 1: %w", err)
	}
	t := &csvTable{cols: map[string]int{}}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if _, dup := t.cols[name]; dup && name != "" {
			return nil, nil, fmt.Errorf("row 1: column %q appears twice", name)
		}
		t.cols[name] = i
	}
	var missing []string
	for _, c := range required {
		if _, ok := t.cols[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, nil, fmt.Errorf("row 1: the header lacks column(s) %s (it has %s)",
			strings.Join(missing, ", "), strings.Join(header, ","))
	}
	return r, t, nil
}

// nextRow returns the next row that is not blank and the file line it starts
// on; io.EOF after the last.
func nextRow(r *csv.Reader) ([]string, int, error) {
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil, 0, err
		}
		if err != nil {
			return nil, 0, fmt.Errorf("CSV syntax: %w", err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		line, _ := r.FieldPos(0)
		return rec, line, nil
	}
}

// get returns a row's trimmed value of a column, "" when the row is short or
// the column absent.
func (t *csvTable) get(row []string, col string) string {
	i, ok := t.cols[col]
	if !ok || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

// ErrNotUTF8 is a streamed text that is not UTF-8.
var ErrNotUTF8 = errors.New("the text is not UTF-8")

// utf8Only passes r on without a leading byte order mark, failing with
// ErrNotUTF8 at the first bytes that are not UTF-8.
func utf8Only(r io.Reader) io.Reader {
	return &utf8Reader{r: r, start: true}
}

type utf8Reader struct {
	r     io.Reader
	start bool
	carry []byte // the start of a rune split across reads
	out   []byte // validated bytes not yet returned
	err   error
}

func (u *utf8Reader) Read(p []byte) (int, error) {
	for len(u.out) == 0 {
		if u.err != nil {
			if u.err == io.EOF && len(u.carry) > 0 {
				u.carry, u.err = nil, ErrNotUTF8
			}
			return 0, u.err
		}
		buf := make([]byte, len(u.carry), len(u.carry)+max(len(p), 4096))
		copy(buf, u.carry)
		n, err := u.r.Read(buf[len(buf):cap(buf)])
		buf, u.err = buf[:len(buf)+n], err
		if u.start && (len(buf) >= 3 || err != nil) {
			buf, u.start = bytes.TrimPrefix(buf, []byte("\xef\xbb\xbf")), false
		}
		if u.start {
			u.carry = buf
			continue
		}
		cut := len(buf)
		for k := 1; k <= 3 && k <= len(buf); k++ { // a rune cut off at the end
			if utf8.RuneStart(buf[len(buf)-k]) {
				if !utf8.FullRune(buf[len(buf)-k:]) {
					cut = len(buf) - k
				}
				break
			}
		}
		if !utf8.Valid(buf[:cut]) {
			u.err = ErrNotUTF8
			return 0, u.err
		}
		u.out, u.carry = buf[:cut], slices.Clone(buf[cut:])
	}
	n := copy(p, u.out)
	u.out = u.out[n:]
	return n, nil
}
