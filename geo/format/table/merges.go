package table

import (
	"bytes"
	"io"
	"regexp"
	"sort"
)

// rect is a merged range of cells, 0-based columns and 1-based rows.
type rect struct{ c1, r1, c2, r2 int }

func (r rect) String() string { return cellName(r.c1, r.r1) + ":" + cellName(r.c2, r.r2) }

// wide reports whether the range spans columns.
func (r rect) wide() bool { return r.c2 > r.c1 }

// merges are a sheet's merged ranges, by their top row.
type merges map[int][]rect

// covering is the range that covers the cell, if any.
func (m merges) covering(col, row int) (rect, bool) {
	for top, rs := range m {
		if top > row {
			continue
		}
		for _, r := range rs {
			if r.c1 <= col && col <= r.c2 && r.r1 <= row && row <= r.r2 {
				return r, true
			}
		}
	}
	return rect{}, false
}

// dataPart keeps the ranges reaching row start or below, a range begun
// above start filed under start, where the data meet it first.
func (m merges) dataPart(start int) merges {
	out := merges{}
	for top, rs := range m {
		for _, r := range rs {
			if r.r2 >= start {
				k := max(top, start)
				out[k] = append(out[k], r)
			}
		}
	}
	return out
}

// check looks at a data row for merged ranges starting on it. A row whose
// only value sits in one wide merged cell is a note (a footnote such as
// "注：…"); any other merge in the data is an error, since which rows or
// columns its one value belongs to cannot be told.
func (m merges) check(s *Sheet, row int, cells []string) (note bool, err error) {
	rs := m[row]
	if len(rs) == 0 {
		return false, nil
	}
	if len(rs) == 1 && rs[0].wide() && rs[0].r1 == row && rs[0].r2 == row && filled(cells) == 1 &&
		rs[0].c1 < len(cells) && cells[rs[0].c1] != "" {
		return true, nil
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].c1 < rs[j].c1 })
	return false, &Error{File: s.file, Sheet: s.label, Row: row, Cells: rs[0].String(),
		Why: "merged cells among the data rows are ambiguous; unmerge them and fill every cell"}
}

// mergeCell finds a <mergeCell ref="A1:C1"/> element, with or without a
// namespace prefix.
var mergeCell = regexp.MustCompile(`<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?\bref\s*=\s*["']([A-Za-z]{1,3}[0-9]{1,7}):([A-Za-z]{1,3}[0-9]{1,7})["']`)

// scanMerges reads a worksheet's XML for its merged ranges. They follow
// the cell data, so the whole part is read, but as a stream, in blocks:
// a worksheet of a million rows is never held. excelize's own reader of
// merged cells would load the worksheet whole.
func scanMerges(r io.Reader) (merges, error) {
	const block, overlap = 64 << 10, 512 // overlap: longer than any mergeCell element
	out := merges{}
	buf := make([]byte, 0, block+overlap)
	for {
		n, err := io.ReadFull(r, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		done := err == io.EOF || err == io.ErrUnexpectedEOF
		if err != nil && !done {
			return nil, err
		}
		// Matches starting in the last overlap bytes wait for the next
		// block, which starts with them, unless this is the last one.
		cut, next := len(buf), len(buf)
		if !done {
			cut = max(0, len(buf)-overlap)
			next = cut
		}
		// bytes.Index skips the cell data quickly; the expression only
		// reads the elements it finds.
		for at := 0; ; {
			i := bytes.Index(buf[at:], []byte("mergeCell"))
			if i < 0 || at+i >= cut {
				break
			}
			start := max(0, bytes.LastIndexByte(buf[:at+i], '<'))
			sm := mergeCell.FindSubmatchIndex(buf[start:min(len(buf), start+overlap)])
			at += i + len("mergeCell")
			if sm == nil || sm[0] != 0 {
				continue
			}
			if rc, ok := parseRange(string(buf[start+sm[2]:start+sm[3]]), string(buf[start+sm[4]:start+sm[5]])); ok {
				out[rc.r1] = append(out[rc.r1], rc)
			}
			next = max(next, start+sm[1])
		}
		if done {
			return out, nil
		}
		buf = append(buf[:0], buf[next:]...)
	}
}
