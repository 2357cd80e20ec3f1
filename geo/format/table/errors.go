package table

import (
	"fmt"
	"strings"
)

// Error is a problem with a file, placed as precisely as the reader knows:
// the file, then the sheet, row and cells where there are any.
type Error struct {
	File   string
	Sheet  string // "" for a CSV file or the whole workbook
	Row    int    // 1-based; 0 when the problem is not one row's
	Cells  string // a range such as "B7:C9", or ""
	Column string // the column's title, where the problem is one column's
	Why    string
}

func (e *Error) Error() string {
	place := []string{e.File}
	if e.Sheet != "" {
		place = append(place, "sheet "+e.Sheet)
	}
	if e.Row > 0 {
		place = append(place, fmt.Sprintf("row %d", e.Row))
	}
	if e.Cells != "" {
		place = append(place, "cells "+e.Cells)
	}
	if e.Column != "" {
		place = append(place, "column "+e.Column)
	}
	return strings.Join(place, ", ") + ": " + e.Why
}

// errorf makes an Error about a file as a whole.
func errorf(file, format string, a ...any) *Error {
	return &Error{File: file, Why: fmt.Sprintf(format, a...)}
}
