package shp

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/community-atlas/atlas/geo/format"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Against zip bombs, an entry may unpack to at most maxEntry bytes and
// maxRatio times its compressed size (the actual bytes inflated are
// counted: the sizes a zip claims can lie).
const (
	maxEntry = 1 << 30
	maxRatio = 200
)

// set is the files of one Shapefile in a zip.
type set struct {
	name  string // the .shp's path without extension, as named in the zip
	files map[string][]byte
	gbk   bool // an entry's name was decoded from GB18030
}

// ReadZip reads every Shapefile set in a zip, in the order of their .shp
// entries, from any folder. Entries are grouped by path without extension,
// ignoring case (TOWNS.SHP goes with towns.dbf). Names without the zip's
// UTF-8 flag that are not valid UTF-8 are GBK, as Chinese Windows writes
// them, and are read as GB18030.
func ReadZip(data []byte) ([]*format.Layer, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("shp: not a readable zip: %w", err)
	}
	sets, err := group(zr.File)
	if err != nil {
		return nil, err
	}
	var out []*format.Layer
	for _, s := range sets {
		l, err := ReadNamed(path.Base(s.name), s.files)
		if err != nil {
			return nil, err
		}
		if s.gbk {
			note := "the zip's names of " + path.Base(s.name) + " have no UTF-8 flag and were read as GB18030"
			l.Source.Notes = append([]string{note}, l.Source.Notes...)
		}
		out = append(out, l)
	}
	return out, nil
}

// group unpacks the zip's Shapefile parts into sets, keeping those with a
// .shp.
func group(files []*zip.File) ([]*set, error) {
	byKey := map[string]*set{}
	var order []*set
	for _, f := range files {
		name, decoded := entryName(f)
		ext := strings.ToLower(path.Ext(name))
		if f.FileInfo().IsDir() || skipped(name) || !parts[ext] {
			continue
		}
		stem := strings.TrimSuffix(name, path.Ext(name))
		key := strings.ToLower(stem)
		s := byKey[key]
		if s == nil {
			s = &set{files: map[string][]byte{}}
			byKey[key] = s
			order = append(order, s)
		}
		if ext == ".shp" {
			s.name = stem
		}
		s.gbk = s.gbk || decoded
		body, err := unpack(f, name)
		if err != nil {
			return nil, err
		}
		s.files[ext] = body
	}
	var out []*set
	for _, s := range order {
		if s.name == "" {
			continue // a .dbf alone is a table, not a layer
		}
		if _, ok := s.files[".dbf"]; !ok {
			return nil, errorf(s.name+".shp", 0, "", "the zip holds %s.shp but no %s.dbf", s.name, path.Base(s.name))
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("shp: the zip holds no .shp file")
	}
	return out, nil
}

// parts are the files of a set the reader uses.
var parts = map[string]bool{".shp": true, ".shx": true, ".dbf": true, ".prj": true, ".cpg": true}

// skipped are the resource forks macOS adds to the zips it makes.
func skipped(name string) bool {
	return strings.HasPrefix(name, "__MACOSX/") || strings.HasPrefix(path.Base(name), "._")
}

// entryName is the entry's name, decoded from GB18030 when the zip does
// not flag it UTF-8 and it is not valid UTF-8 (some tools write UTF-8
// without the flag, so a valid name is kept as it is).
func entryName(f *zip.File) (string, bool) {
	name := strings.ReplaceAll(f.Name, "\\", "/")
	if !f.NonUTF8 || utf8.ValidString(name) {
		return name, false
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().String(name)
	if err != nil {
		return strings.ToValidUTF8(name, "\uFFFD"), false
	}
	return out, true
}

func unpack(f *zip.File, name string) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("shp: zip entry %s: %w", name, err)
	}
	defer rc.Close()
	limit := int64(min(maxEntry, maxRatio*f.CompressedSize64+4096))
	body, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("shp: zip entry %s: %w", name, err)
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("shp: zip entry %s unpacks to more than %d bytes (%d times its compressed size, or 1 GiB)", name, limit, maxRatio)
	}
	return body, nil
}
