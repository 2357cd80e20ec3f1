package export_test

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"io"
	"strings"
	"testing"
	"time"
)

// Readers that turn the binary formats back into plain values, so that
// their golden files are text a reviewer can read.

// zipEntry is a file of a zipped Shapefile; Text is set for the text parts.
type zipEntry struct {
	Name     string `json:"name"`
	Modified string `json:"modified"`
	Text     string `json:"text,omitempty"`
}

// shapefileDoc is a zipped Shapefile's listing, its text files, and its
// attribute table.
type shapefileDoc struct {
	Files []zipEntry `json:"files"`
	DBF   dbfDoc     `json:"dbf"`
}

func readShapefile(t *testing.T, data []byte) shapefileDoc {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var doc shapefileDoc
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		e := zipEntry{Name: f.Name, Modified: f.Modified.UTC().Format(time.RFC3339)}
		switch {
		case strings.HasSuffix(f.Name, ".prj"), strings.HasSuffix(f.Name, ".cpg"):
			e.Text = string(body)
		case strings.HasSuffix(f.Name, ".dbf"):
			doc.DBF = readDBF(t, body)
		}
		doc.Files = append(doc.Files, e)
	}
	return doc
}

// dbfDoc is a dBASE III table: its header, columns and records, each
// record's fields as their raw fixed-width text.
type dbfDoc struct {
	Version byte        `json:"version"`
	Updated string      `json:"updated"`
	Count   uint32      `json:"records"`
	Fields  []dbfColumn `json:"fields"`
	Rows    [][]string  `json:"rows"`
}

type dbfColumn struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Width    int    `json:"width"`
	Decimals int    `json:"decimals"`
}

// readDBF parses the header, field descriptors and records as laid out by
// the dBASE III format, independently of the writer.
func readDBF(t *testing.T, b []byte) dbfDoc {
	t.Helper()
	if len(b) < 32 {
		t.Fatalf("dbf of %d bytes", len(b))
	}
	doc := dbfDoc{Version: b[0], Count: binary.LittleEndian.Uint32(b[4:8])}
	doc.Updated = time.Date(1900+int(b[1]), time.Month(b[2]), int(b[3]), 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	headerLen := int(binary.LittleEndian.Uint16(b[8:10]))
	recLen := int(binary.LittleEndian.Uint16(b[10:12]))
	for off := 32; b[off] != 0x0D; off += 32 {
		d := b[off : off+32]
		doc.Fields = append(doc.Fields, dbfColumn{Name: string(bytes.TrimRight(d[:11], "\x00")), Type: string(d[11]),
			Width: int(d[16]), Decimals: int(d[17])})
	}
	for r := 0; r < int(doc.Count); r++ {
		rec := b[headerLen+r*recLen : headerLen+(r+1)*recLen]
		if rec[0] != ' ' {
			t.Errorf("record %d: deletion flag %q", r+1, rec[0])
		}
		var row []string
		pos := 1
		for _, f := range doc.Fields {
			row = append(row, string(rec[pos:pos+f.Width]))
			pos += f.Width
		}
		doc.Rows = append(doc.Rows, row)
	}
	if end := headerLen + int(doc.Count)*recLen; end >= len(b) || b[end] != 0x1A {
		t.Errorf("no end-of-file marker after %d records", doc.Count)
	}
	return doc
}
