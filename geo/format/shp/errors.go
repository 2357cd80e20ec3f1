package shp

import (
	"fmt"
	"strconv"
)

// Error is what is wrong with a Shapefile set, and where: the file (its
// name in the set, towns.dbf), the record (1-based; 0 for the file as a
// whole), the field (the DBF column, or "") and why.
type Error struct {
	File   string
	Record int
	Field  string
	Reason string
}

func (e *Error) Error() string {
	s := "shp: " + e.File
	if e.Record > 0 {
		s += " record " + strconv.Itoa(e.Record)
	}
	if e.Field != "" {
		s += " field " + e.Field
	}
	return s + ": " + e.Reason
}

// errorf makes an Error of a file, record and field.
func errorf(file string, record int, field, format string, args ...any) *Error {
	return &Error{File: file, Record: record, Field: field, Reason: fmt.Sprintf(format, args...)}
}
