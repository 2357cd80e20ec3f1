package table

import (
	"strings"
	"unicode"
)

// Imported text (region, facility and grid names) ends up in spreadsheets.
// Two defences keep it inert there:
//
//   - cleanText drops control characters, which no name needs and which
//     some readers act on (XML 1.0 forbids most of them in XLSX; a stray
//     carriage return splits a CSV row for naive readers). Tab and line
//     feed stay: they are ordinary whitespace in multi-line notes.
//   - csvText additionally applies the OWASP rule for CSV injection: a text
//     cell starting with =, +, -, @, tab or carriage return is read by
//     Excel and LibreOffice as a formula, so it is prefixed with a single
//     quote, which they show as text. Only text cells: numbers are written
//     by their own formatter and stay numbers.

// cleanText returns s without control characters other than tab and line
// feed.
func cleanText(s string) string {
	if strings.IndexFunc(s, unwantedControl) < 0 {
		return s // the common case: no copy
	}
	return strings.Map(func(r rune) rune {
		if unwantedControl(r) {
			return -1
		}
		return r
	}, s)
}

func unwantedControl(r rune) bool {
	return unicode.IsControl(r) && r != '\t' && r != '\n'
}

// formulaLead lists the first characters that make a spreadsheet read a
// cell as a formula (OWASP, "CSV Injection").
const formulaLead = "=+-@\t\r"

// csvText is s cleaned and, when it would start a formula, quoted.
func csvText(s string) string {
	s = cleanText(s)
	if s != "" && strings.IndexByte(formulaLead, s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// cleanRow returns row with its text values cleaned; other values are kept.
func cleanRow(row []any) []any {
	out := make([]any, len(row))
	for i, v := range row {
		if s, ok := v.(string); ok {
			v = cleanText(s)
		}
		out[i] = v
	}
	return out
}
