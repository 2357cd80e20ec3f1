package importer

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Read a byte at a time, every multi-byte rune is cut by a read.
func TestValidUTF8AcrossReads(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String("甲社区,乙村")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text string
		want bool
	}{
		{"甲社区,乙村\n𠀋", true},
		{"abc", true},
		{"", true},
		{gbk, false},
		{"甲\xe7\x94", false}, // cut short at the end of the file
	} {
		got, err := validUTF8(iotest.OneByteReader(strings.NewReader(c.text)))
		if err != nil || got != c.want {
			t.Errorf("validUTF8(%q) = %v, %v; want %v", c.text, got, err, c.want)
		}
	}
}

func TestTextReaderDropsBOMAndDecodesGBK(t *testing.T) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("甲社区")
	for in, want := range map[string]string{"\xef\xbb\xbf甲社区": "甲社区", gbk: "甲社区", "abc": "abc"} {
		r, err := textReader(bytes.NewReader([]byte(in)))
		if err != nil {
			t.Fatalf("textReader(%q): %v", in, err)
		}
		got, _ := io.ReadAll(r)
		if string(got) != want {
			t.Errorf("textReader(%q) reads %q, want %q", in, got, want)
		}
	}
}
