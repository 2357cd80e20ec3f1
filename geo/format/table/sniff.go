package table

import "bytes"

// delimiters are the ones sniffed: comma, then semicolon (Excel where the
// decimal separator is a comma), then tab (Excel's "Unicode text").
var delimiters = []rune{',', ';', '\t'}

// sniffDelimiter picks the delimiter that splits the most of the first
// lines into the same number of fields, more than one; a comma when none
// does.
func sniffDelimiter(head []byte) rune {
	lines := bytes.Split(head, []byte("\n"))
	if len(lines) > 1 {
		lines = lines[:len(lines)-1] // the last may be cut short
	}
	lines = lines[:min(len(lines), 50)]
	best, bestScore := ',', 0
	for _, d := range delimiters {
		counts := map[int]int{}
		for _, l := range lines {
			if n := countOutsideQuotes(l, byte(d)); n > 0 {
				counts[n]++
			}
		}
		score := 0
		for _, c := range counts {
			score = max(score, c)
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

// countOutsideQuotes counts d in a line outside double-quoted fields. A
// field with a line break inside quotes splits across lines here; that
// only blurs the count of those lines.
func countOutsideQuotes(line []byte, d byte) int {
	n, quoted := 0, false
	for _, b := range line {
		switch {
		case b == '"':
			quoted = !quoted
		case b == d && !quoted:
			n++
		}
	}
	return n
}
