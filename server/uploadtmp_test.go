package server_test

import (
	"bytes"
	"crypto/rand"
	"io"
	"mime/multipart"
	"os"
	"testing"
)

// paddedUpload is a multipart body over the 32 MiB that request parsing
// keeps in memory: a 33 MiB field first, which goes to a temporary file,
// then the import file.
func paddedUpload(t *testing.T, name string, data []byte) (*bytes.Buffer, string) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	pad, _ := w.CreateFormFile("padding", "padding.bin")
	if _, err := io.CopyN(pad, rand.Reader, 33<<20); err != nil {
		t.Fatal(err)
	}
	part, _ := w.CreateFormFile("file", name)
	part.Write(data)
	w.Close()
	return &body, w.FormDataContentType()
}

// A large upload leaves no multipart-* file behind in the temporary
// directory, whether the import succeeds or fails.
func TestLargeUploadLeavesNoTempFiles(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // os.TempDir, where request parsing spills, reads it on each call
	s := newServer(t, fixture())
	good := "indicator,region,period,value\nregistered_volunteers,320612001201,2014,6\n"
	bad := "indicator,region,period,value\nregistered_volunteers,320612001201,2014,250\n"
	for _, c := range []struct {
		data   string
		status int
	}{{good, 201}, {bad, 422}} {
		body, ctype := paddedUpload(t, "obs.csv", []byte(c.data))
		s.do(t, "POST", "/api/v1/imports/observations", s.token, ctype, body, c.status, nil)
		left, err := os.ReadDir(tmp)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range left {
			t.Errorf("after a %d import, %s is left in the temporary directory", c.status, e.Name())
		}
	}
}
