// Package kml reads the Placemarks of KML and KMZ files, as Google Earth
// and Ovital (奥维互动地图) export field surveys: points, lines, polygons
// with holes and multi-geometries at any depth of folders, with their name,
// description and ExtendedData. KML coordinates are always WGS 84
// longitude, latitude.
package kml

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/community-atlas/atlas/geo/format"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// maxKML bounds the KML a KMZ may unpack to, against zip bombs.
const maxKML = 256 << 20

// Read reads a KML document or a KMZ archive (its doc.kml, or its first
// .kml file) as one layer of every Placemark.
func Read(data []byte) (*format.Layer, error) {
	l := &format.Layer{Source: format.Source{Format: "kml", CRS: "EPSG:4326", Encoding: "UTF-8"}}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		var err error
		if data, err = unpack(data, &l.Source); err != nil {
			return nil, err
		}
	}
	r := reader{layer: l}
	if err := r.read(data); err != nil {
		return nil, err
	}
	r.finish()
	return l, nil
}

// unpack returns the KML inside a KMZ.
func unpack(data []byte, src *format.Source) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("kml: KMZ is not a readable zip: %w", err)
	}
	var pick *zip.File
	for _, f := range zr.File {
		name := strings.ToLower(f.Name)
		if name == "doc.kml" {
			pick = f
			break
		}
		if pick == nil && strings.HasSuffix(name, ".kml") {
			pick = f
		}
	}
	if pick == nil {
		return nil, errors.New("kml: the KMZ holds no .kml file")
	}
	rc, err := pick.Open()
	if err != nil {
		return nil, fmt.Errorf("kml: KMZ entry %s: %w", pick.Name, err)
	}
	defer rc.Close()
	out, err := io.ReadAll(io.LimitReader(rc, maxKML+1))
	if err != nil {
		return nil, fmt.Errorf("kml: KMZ entry %s: %w", pick.Name, err)
	}
	if len(out) > maxKML {
		return nil, fmt.Errorf("kml: KMZ entry %s unpacks to more than %d MiB", pick.Name, maxKML>>20)
	}
	src.Format = "kmz"
	src.Notes = append(src.Notes, "read "+pick.Name+" of the KMZ")
	return out, nil
}

// reader walks the document's elements, keeping the enclosing folders'
// names, and decodes each Placemark as it comes.
type reader struct {
	layer   *format.Layer
	stack   []string // the open elements' local names
	folders []string // the open folders' names
	marks   []mark
	seen    bool // the kml element
}

// mark is a Placemark read, before the fields are known.
type mark struct {
	feature format.Feature
	folder  string
	data    []datum
}

func (r *reader) read(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = r.charset
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := dec.InputPos()
			return fmt.Errorf("kml: line %d: %w", line, err)
		}
		if err := r.token(dec, tok); err != nil {
			return err
		}
	}
	if !r.seen {
		return errors.New("kml: not a KML document (no kml element)")
	}
	return nil
}

func (r *reader) token(dec *xml.Decoder, tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		if len(r.stack) == 0 && t.Name.Local != "kml" {
			return fmt.Errorf("kml: not a KML document (the root element is %s)", t.Name.Local)
		}
		r.seen = true
		top := ""
		if len(r.stack) > 0 {
			top = r.stack[len(r.stack)-1]
		}
		switch {
		case t.Name.Local == "Placemark":
			return r.placemark(dec, &t)
		case t.Name.Local == "name" && (top == "Folder" || top == "Document"):
			var s string
			if err := dec.DecodeElement(&s, &t); err != nil {
				return fmt.Errorf("kml: %s name: %w", top, err)
			}
			if top == "Folder" {
				r.folders[len(r.folders)-1] = strings.TrimSpace(s)
			} else if r.layer.Name == "" {
				r.layer.Name = strings.TrimSpace(s)
			}
			return nil
		}
		r.stack = append(r.stack, t.Name.Local)
		if t.Name.Local == "Folder" {
			r.folders = append(r.folders, "")
		}
	case xml.EndElement:
		if len(r.stack) == 0 {
			return nil
		}
		if r.stack[len(r.stack)-1] == "Folder" {
			r.folders = r.folders[:len(r.folders)-1]
		}
		r.stack = r.stack[:len(r.stack)-1]
	}
	return nil
}

// charset decodes the Chinese legacy encodings an XML declaration may
// name; UTF-8 needs no decoder.
func (r *reader) charset(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "gbk", "gb2312", "gb18030":
		r.layer.Source.Encoding = "GB18030"
		return simplifiedchinese.GB18030.NewDecoder().Reader(in), nil
	}
	return nil, fmt.Errorf("text encoding %q is not supported (UTF-8, GBK, GB18030 are)", label)
}
