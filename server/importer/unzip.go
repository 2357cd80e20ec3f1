package importer

import (
	"unicode/utf8"

	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Limits on zipped uploads. A zip bomb inflates a small file into an
// enormous one: the entries are read through a limit on the real inflated
// size (the sizes a zip claims can lie) and a cap on the ratio.
const (
	maxZipEntries = 100
	maxZipRatio   = 200 // inflated bytes per compressed byte
)

// IsZip reports whether data is a zip archive.
func IsZip(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04"))
}

// Unzip returns the one data file in a zipped upload (the entry ending in
// one of exts; other entries such as a README are ignored), refusing
// archives that try to escape a directory (zip-slip), hold too many
// entries, or inflate past maxBytes or maxZipRatio (zip bombs).
func Unzip(file string, data []byte, maxBytes int64, exts ...string) (string, []byte, error) {
	fail := func(format string, args ...any) (string, []byte, error) {
		return "", nil, &Error{File: file, Problems: []Problem{{Message: fmt.Sprintf(format, args...)}}}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fail("not a readable zip archive: %v", err)
	}
	if len(zr.File) > maxZipEntries {
		return fail("the archive has %d entries; at most %d are read", len(zr.File), maxZipEntries)
	}
	var found *zip.File
	for _, f := range zr.File {
		if err := checkEntryName(entryName(f)); err != nil {
			return fail("entry %q: %v", entryName(f), err)
		}
		if f.FileInfo().IsDir() || !hasExt(f.Name, exts) {
			continue
		}
		if found != nil {
			return fail("the archive holds two data files, %s and %s; send one", found.Name, f.Name)
		}
		found = f
	}
	if found == nil {
		return fail("the archive holds no %s file", strings.Join(exts, " or "))
	}
	body, err := inflate(found, maxBytes)
	if err != nil {
		return fail("entry %q: %v", found.Name, err)
	}
	return path.Base(found.Name), body, nil
}

// checkEntryName rejects names that would land outside the extraction
// directory, were the archive ever unpacked to disk.
func checkEntryName(name string) error {
	switch {
	case name == "" || strings.ContainsRune(name, 0):
		return fmt.Errorf("empty or invalid name")
	case strings.Contains(name, `\`):
		return fmt.Errorf("backslashes in names are refused")
	case path.IsAbs(name) || strings.HasPrefix(name, "/"):
		return fmt.Errorf("absolute paths are refused")
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." {
			return fmt.Errorf("paths leading out of the archive (..) are refused")
		}
	}
	return nil
}

func hasExt(name string, exts []string) bool {
	lower := strings.ToLower(name)
	for _, e := range exts {
		if strings.HasSuffix(lower, e) {
			return true
		}
	}
	return false
}

// inflate reads an entry, stopping at maxBytes or maxZipRatio times its
// compressed size, whichever comes first.
func inflate(f *zip.File, maxBytes int64) ([]byte, error) {
	var body bytes.Buffer
	if _, err := inflateTo(&body, f, maxBytes); err != nil {
		return nil, err
	}
	return body.Bytes(), nil
}

// inflateTo writes f's content to w, refusing it beyond maxBytes or
// maxZipRatio times its compressed size, and returns its size.
func inflateTo(w io.Writer, f *zip.File, maxBytes int64) (int64, error) {
	limit := maxBytes
	if byRatio := int64(f.CompressedSize64)*maxZipRatio + 1024; byRatio < limit {
		limit = byRatio
	}
	rc, err := f.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	n, err := io.Copy(w, io.LimitReader(rc, limit+1))
	if err != nil {
		return 0, err
	}
	if n > limit {
		return 0, fmt.Errorf("inflates beyond %d bytes (more than %d× its compressed size or the upload limit): refused as a zip bomb", limit, maxZipRatio)
	}
	return n, nil
}

// entryName is an entry's name as text. Zips made on Chinese Windows store
// GBK names without the UTF-8 flag; read as bytes, a GBK trail byte can be
// a backslash, so names are decoded before they are checked.
func entryName(f *zip.File) string {
	if f.NonUTF8 && !utf8.ValidString(f.Name) {
		if s, err := simplifiedchinese.GB18030.NewDecoder().String(f.Name); err == nil {
			return s
		}
	}
	return f.Name
}

// CheckZip applies Unzip's limits to every entry of an archive that is
// read whole by a format's own reader (a zipped Shapefile set, a KMZ, an
// XLSX workbook): names that stay inside, at most maxZipEntries entries,
// and every entry inflating within maxBytes in all and maxZipRatio each.
func CheckZip(file string, data []byte, maxBytes int64) error {
	fail := func(format string, args ...any) error {
		return &Error{File: file, Problems: []Problem{{Message: fmt.Sprintf(format, args...)}}}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fail("not a readable zip archive: %v", err)
	}
	if len(zr.File) > maxZipEntries {
		return fail("the archive has %d entries; at most %d are read", len(zr.File), maxZipEntries)
	}
	left := maxBytes
	for _, f := range zr.File {
		name := entryName(f)
		if err := checkEntryName(name); err != nil {
			return fail("entry %q: %v", name, err)
		}
		if f.FileInfo().IsDir() {
			continue
		}
		// Counted, not kept: a workbook's sheet may inflate to hundreds
		// of megabytes.
		n, err := inflateTo(io.Discard, f, left)
		if err != nil {
			return fail("entry %q: %v", name, err)
		}
		left -= n
	}
	return nil
}

// ReadsZips reports whether the reader of kind opens a zip itself: a
// geometry file may be a zipped Shapefile set or a KMZ, and an XLSX
// workbook is a zip; other zips are an upload wrapped around one file (see
// Unzip).
func ReadsZips(kind string, data []byte) bool {
	switch kind {
	case Boundaries, Grids:
		return zipHas(data, ".shp") || zipHas(data, ".kml")
	case Observations, Facilities, Targets:
		return zipHas(data, "xl/workbook.xml")
	}
	return false
}
