package shp

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/community-atlas/atlas/geo/format"
)

// dbfField is a column of a dBASE III table.
type dbfField struct {
	name     string // at most 10 bytes
	kind     byte   // C, N or L
	width    int
	decimals int
}

// Widths of numeric columns: whole numbers up to 18 digits; reals with 8
// decimals and 15 digits before the point.
const (
	intWidth  = 18
	realWidth = 24
	realDec   = 8
	maxChar   = 254
)

// dbfFields lays out the layer's fields as dBASE columns: names cut to the
// format's 10 bytes (and made unique), text as wide as its longest value.
func dbfFields(l *format.Layer) []dbfField {
	out := make([]dbfField, len(l.Fields))
	used := map[string]bool{}
	for i, f := range l.Fields {
		df := dbfField{name: shortName(f.Name, used)}
		switch f.Type {
		case format.Integer:
			df.kind, df.width = 'N', intWidth
		case format.Real:
			df.kind, df.width, df.decimals = 'N', realWidth, realDec
		case format.Boolean:
			df.kind, df.width = 'L', 1
		default:
			df.kind, df.width = 'C', 1
			for _, ft := range l.Features {
				if s, ok := ft.Values[i].(string); ok {
					df.width = max(df.width, min(len(s), maxChar))
				}
			}
		}
		out[i] = df
	}
	return out
}

// shortName cuts a name to 10 bytes; a clash gets a numeric suffix.
func shortName(name string, used map[string]bool) string {
	n := name
	if len(n) > 10 {
		n = n[:10]
	}
	for i := 2; used[strings.ToUpper(n)]; i++ {
		suffix := "_" + strconv.Itoa(i)
		n = name[:min(len(name), 10-len(suffix))] + suffix
	}
	used[strings.ToUpper(n)] = true
	return n
}

// writeDBF writes the attribute table (dBASE III, text in UTF-8 as the .cpg
// file declares).
func writeDBF(l *format.Layer, fields []dbfField, modified time.Time) []byte {
	var buf bytes.Buffer
	recLen := 1
	for _, f := range fields {
		recLen += f.width
	}
	y, m, d := modified.Date()
	buf.Write([]byte{0x03, byte(y - 1900), byte(m), byte(d)})
	_ = binary.Write(&buf, binary.LittleEndian, uint32(len(l.Features)))
	_ = binary.Write(&buf, binary.LittleEndian, uint16(32+32*len(fields)+1))
	_ = binary.Write(&buf, binary.LittleEndian, uint16(recLen))
	buf.Write(make([]byte, 20))
	for _, f := range fields {
		var desc [32]byte
		copy(desc[:11], f.name)
		desc[11] = f.kind
		desc[16], desc[17] = byte(f.width), byte(f.decimals)
		buf.Write(desc[:])
	}
	buf.WriteByte(0x0D)
	for _, ft := range l.Features {
		buf.WriteByte(' ')
		for i, f := range fields {
			buf.WriteString(dbfValue(f, ft.Values[i]))
		}
	}
	buf.WriteByte(0x1A)
	return buf.Bytes()
}

// dbfValue formats one value to exactly its column's width; nulls are
// blank (numbers, text) or '?' (logical).
func dbfValue(f dbfField, v any) string {
	var s string
	switch x := v.(type) {
	case nil:
		if f.kind == 'L' {
			return "?"
		}
		return strings.Repeat(" ", f.width)
	case string:
		s = truncateUTF8(x, f.width)
		return s + strings.Repeat(" ", f.width-len(s))
	case bool:
		if x {
			return "T"
		}
		return "F"
	case int64:
		s = strconv.FormatInt(x, 10)
	case float64:
		s = strconv.FormatFloat(x, 'f', f.decimals, 64)
		if len(s) > f.width {
			s = strconv.FormatFloat(x, 'e', f.width-8, 64)
		}
	default:
		s = fmt.Sprint(v)
	}
	return strings.Repeat(" ", max(0, f.width-len(s))) + s
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}
