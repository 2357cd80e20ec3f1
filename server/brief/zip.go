package brief

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
)

// FileName names a region's brief in a zip: code, name and period.
func FileName(b *Brief) string { return fmt.Sprintf("%s-%s-%d.pdf", b.Code, b.Name, b.Period) }

// WriteZip writes n briefs as PDFs into one zip, asking make for each in
// turn so that only one brief is in memory at a time.
func WriteZip(w io.Writer, n int, make func(i int) (*Brief, error)) error {
	zw := zip.NewWriter(w)
	for i := 0; i < n; i++ {
		b, err := make(i)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := b.PDF(&buf); err != nil {
			return err
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: FileName(b), Method: zip.Deflate, Modified: b.Generated})
		if err != nil {
			return err
		}
		if _, err := fw.Write(buf.Bytes()); err != nil {
			return err
		}
	}
	return zw.Close()
}
