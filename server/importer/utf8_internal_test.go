package importer

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

// TestUTF8Only: text read a byte at a time (every rune split across reads)
// comes through whole without its BOM; a GBK byte fails with ErrNotUTF8,
// as does a rune cut off at the end.
func TestUTF8Only(t *testing.T) {
	text := `{"name":"南通市通州区金沙街道","x":"𠀀"}`
	for _, in := range []string{"\xef\xbb\xbf" + text, text} {
		got, err := io.ReadAll(utf8Only(iotest.OneByteReader(bytes.NewReader([]byte(in)))))
		if err != nil || string(got) != text {
			t.Errorf("read %q: %q, %v; want %q", in, got, err, text)
		}
	}
	gbk := []byte(`{"name":"` + "\xc4\xcf\xcd\xa8" + `"}`) // 南通 in GBK
	for _, in := range [][]byte{gbk, []byte(text)[:len(text)-3]} {
		if _, err := io.ReadAll(utf8Only(bytes.NewReader(in))); !errors.Is(err, ErrNotUTF8) {
			t.Errorf("read %q: %v, want ErrNotUTF8", in, err)
		}
	}
}
