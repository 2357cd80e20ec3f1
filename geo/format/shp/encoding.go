package shp

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// textCodec decodes the DBF's text; enc nil is UTF-8.
type textCodec struct {
	name string
	enc  encoding.Encoding
}

func (c textCodec) decode(b []byte) string {
	if c.enc == nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	out, err := c.enc.NewDecoder().Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(out)
}

var (
	utf8Codec    = textCodec{name: "UTF-8"}
	gb18030Codec = textCodec{name: "GB18030", enc: simplifiedchinese.GB18030}
)

// chooseCodec decides the DBF's text encoding: the .cpg when there is one
// the reader knows, else the DBF language driver byte when it names a
// code page, else the text itself (UTF-8 when all of it is valid UTF-8,
// else GB18030, the superset of GBK that Chinese Windows writes). The note
// says which and why, for the import report.
func chooseCodec(cpg []byte, hasCPG bool, t *table) (textCodec, string) {
	if hasCPG {
		declared := strings.TrimSpace(string(bytes.TrimPrefix(cpg, []byte("\xef\xbb\xbf"))))
		if c, ok := cpgCodec(declared); ok {
			return c, fmt.Sprintf("text read as %s, as the .cpg declares (%q)", c.name, declared)
		}
		c, why := byContent(t)
		return c, fmt.Sprintf("the .cpg declares %q, which is not a known encoding; %s", declared, why)
	}
	switch t.lang {
	case 0x4D, 0x7A:
		return gb18030Codec, fmt.Sprintf("text read as GB18030: no .cpg, and the DBF language driver 0x%02X is code page 936 (GBK)", t.lang)
	case 0x57:
		c, why := byContent(t)
		return c, "no .cpg, and the DBF language driver 0x57 says only \"ANSI\"; " + why
	}
	c, why := byContent(t)
	return c, fmt.Sprintf("no .cpg, and the DBF language driver 0x%02X names no code page; %s", t.lang, why)
}

// byContent picks UTF-8 when every text is valid UTF-8, else GB18030.
func byContent(t *table) (textCodec, string) {
	valid := true
	t.texts(func(b []byte) bool {
		valid = utf8.Valid(b)
		return valid
	})
	if valid {
		return utf8Codec, "text read as UTF-8, as all of it is valid UTF-8"
	}
	return gb18030Codec, "text read as GB18030 (GBK), as it is not valid UTF-8"
}

// cpgCodec maps what .cpg files say — code page numbers, ANSI 936,
// charset names — to an encoding. Every name of the GBK family reads as
// GB18030, its superset.
func cpgCodec(declared string) (textCodec, bool) {
	s := strings.ToLower(declared)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "ansi "), "cp")
	switch s {
	case "utf-8", "utf8", "65001":
		return utf8Codec, true
	case "gbk", "936", "gb2312", "gb18030", "54936", "x-gbk", "chinese":
		return gb18030Codec, true
	}
	if pages[s] != "" {
		s = pages[s]
	}
	enc, err := htmlindex.Get(s)
	if err != nil {
		return textCodec{}, false
	}
	name, _ := htmlindex.Name(enc)
	return textCodec{name: name, enc: enc}, true
}

// pages names the other Windows code pages a .cpg gives by number.
var pages = map[string]string{
	"950": "big5", "932": "shift_jis", "949": "euc-kr", "1252": "windows-1252", "1251": "windows-1251",
	"1250": "windows-1250", "88591": "iso-8859-1", "8859-1": "iso-8859-1",
}
