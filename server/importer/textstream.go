package importer

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"
)

// textReader is decodeText for a file read as a stream: UTF-8 is checked
// in a first pass and the file then read again from the start, so that it
// is never held whole; a file that is not UTF-8 (GBK, which needs the
// whole file to be sure of) is read whole and decoded as decodeText does.
func textReader(r io.ReadSeeker) (io.Reader, error) {
	valid, err := validUTF8(r)
	if err != nil {
		return nil, fmt.Errorf("reading the file: %w", err)
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("reading the file: %w", err)
	}
	if !valid {
		data, err := io.ReadAll(r)
		if err != nil {
			return nil, fmt.Errorf("reading the file: %w", err)
		}
		text, err := decodeText(data)
		return bytes.NewReader(text), err
	}
	br := bufio.NewReaderSize(r, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	return br, nil
}

// validUTF8 reads r to its end and reports whether it is all UTF-8.
func validUTF8(r io.Reader) (bool, error) {
	buf := make([]byte, 64<<10)
	carry := 0 // bytes of a rune cut by the end of the last read
	for {
		n, err := r.Read(buf[carry:])
		n += carry
		end := n
		if err == nil {
			end = completeRunes(buf[:n])
		}
		if !utf8.Valid(buf[:end]) {
			return false, nil
		}
		carry = copy(buf, buf[end:n])
		if err == io.EOF {
			return true, nil
		}
		if err != nil {
			return false, err
		}
	}
}

// completeRunes returns the length of b without a trailing rune that is
// cut short (it may continue in the next read).
func completeRunes(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if utf8.FullRune(b[i:]) {
				return len(b)
			}
			return i
		}
	}
	return len(b)
}
