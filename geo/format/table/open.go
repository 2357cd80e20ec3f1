package table

import (
	"bytes"
	"path"
	"path/filepath"
	"strings"
)

// Book is a file's tables: one Sheet per worksheet holding a table (a CSV
// file is a book of one sheet), and the sheets passed over, with why.
type Book struct {
	Format   string // "xlsx" or "csv"
	Encoding string // a CSV file's: utf-8 (with or without a BOM), gb18030 (GBK), utf-16le or utf-16be
	Sheets   []*Sheet
	Skipped  []Skip
	close    func() error
}

// Skip is a sheet that holds no table: notes, a hidden or empty sheet.
type Skip struct {
	Sheet  string
	Reason string
}

// Close releases what the book holds (a large worksheet is read from a
// temporary file).
func (b *Book) Close() error {
	if b.close == nil {
		return nil
	}
	return b.close()
}

var (
	zipMagic = []byte("PK")
	// cfbMagic starts an OLE compound file: an Excel 97–2003 workbook, or
	// an XLSX workbook encrypted with a password.
	cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	// encryptionInfo is the stream name an encrypted workbook's compound
	// file holds, in UTF-16LE.
	encryptionInfo = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")
)

// Open reads the tables of a file named name: an XLSX workbook or a CSV
// file, told apart by content and then by the name's extension. It finds
// each sheet's header; the data rows are read by Sheet.Each. Errors are
// *Error.
func Open(name string, data []byte) (*Book, error) {
	switch {
	case len(data) == 0:
		return nil, errorf(name, "the file is empty")
	case bytes.HasPrefix(data, cfbMagic):
		if bytes.Contains(data, encryptionInfo) {
			return nil, errorf(name, "the workbook is encrypted (protected by a password); save it without a password")
		}
		return nil, errorf(name, "an Excel 97–2003 workbook (.xls) or another OLE file, not XLSX; save it as .xlsx or CSV")
	case bytes.HasPrefix(data, zipMagic):
		return openXLSX(name, data)
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm", ".xls", ".et":
		return nil, errorf(name, "not a workbook: the file is not a zip, as XLSX is (truncated, or another format renamed?)")
	}
	if binary(data) {
		return nil, errorf(name, "not a table: binary content, neither an XLSX workbook nor CSV text")
	}
	return openCSV(name, data)
}

// binary reports NUL bytes near the start, which no text in a single-byte
// or multi-byte Chinese encoding holds (UTF-16, which does, has a BOM).
func binary(data []byte) bool {
	if bytes.HasPrefix(data, utf16LE) || bytes.HasPrefix(data, utf16BE) {
		return false
	}
	return bytes.IndexByte(data[:min(len(data), 8<<10)], 0) >= 0
}

// baseName is a CSV file's sheet name: its base name without the
// extension, whether the name came with / or \ (from Windows) in it.
func baseName(name string) string {
	base := path.Base(strings.ReplaceAll(name, `\`, "/"))
	return strings.TrimSuffix(base, path.Ext(base))
}
