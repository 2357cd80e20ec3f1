// Package table reads and writes tables: CSV (UTF-8 with a BOM, so Excel
// shows Chinese), XLSX and JSON out; XLSX and CSV in, as offices keep them.
//
// The writers take a Table of typed columns (geo/format.Field) and keep
// imported text inert in spreadsheets (see sanitise.go). The reader, Open,
// finds each sheet's header below title and blank rows, reads merged header
// cells, and streams the data rows as text, so that a million-row sheet is
// never held whole. It knows nothing of regions or indicators: mapping the
// columns is the importer's business.
package table
