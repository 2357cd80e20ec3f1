package shp

import (
	"bytes"
	"encoding/binary"
)

// table is a DBF file as stored: its columns and each record's raw field
// bytes, before the text encoding is chosen.
type table struct {
	lang    byte // the language driver byte (offset 29)
	columns []column
	records []record
}

type column struct {
	name     []byte // as stored, in the file's encoding
	kind     byte   // C, N, F, L, D, …
	width    int
	decimals int
}

type record struct {
	deleted bool
	fields  [][]byte // one a column, trailing padding kept
}

// readTable reads a dBASE III/IV table: a 32-byte header, 32-byte column
// descriptors ended by 0x0D, then fixed-width records each led by a
// deletion flag.
func readTable(name string, b []byte) (*table, error) {
	if len(b) < 33 {
		return nil, errorf(name, 0, "", "%d bytes, shorter than a DBF header", len(b))
	}
	n := int(binary.LittleEndian.Uint32(b[4:]))
	headerLen := int(binary.LittleEndian.Uint16(b[8:]))
	recLen := int(binary.LittleEndian.Uint16(b[10:]))
	t := &table{lang: b[29]}
	width := 1
	for off := 32; ; off += 32 {
		if off >= len(b) || off >= headerLen {
			return nil, errorf(name, 0, "", "the column descriptors have no 0x0D terminator")
		}
		if b[off] == 0x0D {
			break
		}
		if off+32 > len(b) {
			return nil, errorf(name, 0, "", "truncated inside the column descriptors")
		}
		d := b[off : off+32]
		nm, _, _ := bytes.Cut(d[:11], []byte{0})
		c := column{name: nm, kind: d[11], width: int(d[16]), decimals: int(d[17])}
		t.columns = append(t.columns, c)
		width += c.width
	}
	if width > recLen {
		return nil, errorf(name, 0, "", "the columns are %d bytes wide but a record only %d", width, recLen)
	}
	if avail := (len(b) - headerLen) / recLen; avail < n {
		return nil, errorf(name, avail+1, "", "truncated: the header declares %d records but the file ends inside record %d", n, avail+1)
	}
	t.records = make([]record, n)
	for i := range t.records {
		rec := b[headerLen+i*recLen : headerLen+(i+1)*recLen]
		r := record{deleted: rec[0] == '*', fields: make([][]byte, len(t.columns))}
		pos := 1
		for j, c := range t.columns {
			r.fields[j] = rec[pos : pos+c.width]
			pos += c.width
		}
		t.records[i] = r
	}
	return t, nil
}

// texts calls fn with every stored text: the column names and the values
// of character columns, which is what the encoding decides.
func (t *table) texts(fn func([]byte) bool) {
	for _, c := range t.columns {
		if !fn(c.name) {
			return
		}
	}
	for _, r := range t.records {
		for j, c := range t.columns {
			if c.kind == 'C' && !fn(bytes.TrimRight(r.fields[j], " \x00")) {
				return
			}
		}
	}
}
