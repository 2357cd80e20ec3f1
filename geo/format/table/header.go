package table

import (
	"errors"
	"fmt"
	"io"
	"strconv"
)

// lookahead bounds the non-blank rows searched for a header, so that a
// sheet of notes is not read to its end.
const lookahead = 200

// layout is where a sheet's table is: its header and first data row.
type layout struct {
	headerRow, dataStart int
	header, notes        []string
}

// line is a row held while the header is looked for.
type line struct {
	n     int
	cells []string
}

// findHeader reads rows until the header is found, skipping blank rows and
// title or note rows above it, and returns the layout, or a reason why the
// sheet holds no table. The header is the first row with two or more
// values, unless the next non-blank row has more values and this one has
// gaps between its own (a note line such as "填报单位：… 单位：人" spread
// over the width); a header followed by a sparse first data row (values
// missing) is still the header.
func findHeader(rr rowReader, m merges) (layout, string, error) {
	var notes []string
	var cand *line
	for seen := 0; seen < lookahead; {
		n, cells, err := rr.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return layout{}, "", err
		}
		k := filled(cells)
		if k == 0 {
			continue
		}
		seen++
		if cand != nil {
			if k <= filled(cand.cells) || contiguous(cand, m) {
				return build(*cand, &line{n, cells}, m, notes), "", nil
			}
			notes = append(notes, joined(cand.cells))
			cand = nil
		}
		if k < 2 {
			notes = append(notes, joined(cells))
			continue
		}
		cand = &line{n, append([]string(nil), cells...)}
	}
	if cand != nil {
		return build(*cand, nil, m, notes), "", nil
	}
	if len(notes) == 0 {
		return layout{}, "empty", nil
	}
	return layout{}, fmt.Sprintf("no table: no row with two or more values followed by data in the first %d rows", lookahead), nil
}

// contiguous reports whether a row's values, merged ranges included, fill
// its columns from the first to the last without a gap, as a header does.
func contiguous(l *line, m merges) bool {
	first, last, covered := -1, -1, 0
	for j, c := range l.cells {
		if c == "" {
			continue
		}
		end := j
		if r, ok := m.covering(j, l.n); ok {
			end = r.c2
		}
		if first < 0 {
			first = j
		}
		covered += end - j + 1
		last = max(last, end)
	}
	return covered >= last-first+1
}

// build makes the layout of a header row, reading the next non-blank row
// as a second header row when it stands under the header's merged group
// titles and holds no numbers there.
func build(h line, next *line, m merges, notes []string) layout {
	upper := spread(h, m)
	out := layout{headerRow: h.n, dataStart: h.n + 1, notes: notes}
	if next == nil || next.n != h.n+1 || !subHeader(h, *next, m) {
		out.header = titles(upper)
		return out
	}
	out.headerRow, out.dataStart = next.n, next.n+1
	lower := spread(*next, m)
	width := max(len(upper), len(lower))
	out.header = make([]string, width)
	for j := range width {
		up, lo := at(upper, j), at(lower, j)
		if r, ok := m.covering(j, next.n); ok && r.r1 < next.n {
			lo = "" // the upper cell merged down over this one
		}
		switch r, ok := m.covering(j, h.n); {
		case ok && r.wide() && lo != "":
			out.header[j] = up + "/" + lo
		case up == "":
			out.header[j] = lo
		default:
			out.header[j] = up
		}
	}
	out.header = titles(out.header)
	return out
}

// subHeader reports whether next is a second header row: some value under
// a wide merged cell of the header, and no number there.
func subHeader(h, next line, m merges) bool {
	under := false
	for j, c := range next.cells {
		if r, ok := m.covering(j, h.n); !ok || !r.wide() || c == "" {
			continue
		}
		if _, err := strconv.ParseFloat(c, 64); err == nil {
			return false
		}
		under = true
	}
	return under
}

// spread repeats each merged cell's value over the columns it spans.
func spread(l line, m merges) []string {
	out := append([]string(nil), l.cells...)
	for _, r := range m[l.n] {
		if r.c1 >= len(out) {
			continue
		}
		for len(out) <= r.c2 {
			out = append(out, "")
		}
		for j := r.c1 + 1; j <= r.c2; j++ {
			out[j] = out[r.c1]
		}
	}
	return out
}

// titles cleans header cells and drops empty ones at the right.
func titles(cells []string) []string {
	out := make([]string, len(cells))
	for j, c := range cells {
		out[j] = title(c)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

func at(cells []string, j int) string {
	if j < len(cells) {
		return cells[j]
	}
	return ""
}
