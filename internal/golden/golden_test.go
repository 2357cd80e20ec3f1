package golden

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder stands in for a test, keeping what Check reports.
type recorder struct {
	testing.TB
	failures []string
}

func (r *recorder) Helper()             {}
func (r *recorder) Name() string        { return "TestX/sub" }
func (r *recorder) Logf(string, ...any) {}
func (r *recorder) Errorf(format string, a ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, a...))
}
func (r *recorder) Fatalf(format string, a ...any) { r.Errorf(format, a...) }

func TestCheck(t *testing.T) {
	t.Chdir(t.TempDir())
	r := &recorder{TB: t}
	Check(r, "a/b.txt", []byte("one\ntwo\n"), false)
	if len(r.failures) != 1 || !strings.Contains(r.failures[0], "-run '^TestX$' -update to accept") {
		t.Fatalf("missing golden file: %q", r.failures)
	}
	r.failures = nil
	Check(r, "a/b.txt", []byte("one\ntwo\n"), true)
	if data, err := os.ReadFile(filepath.Join("testdata", "a", "b.txt")); err != nil || string(data) != "one\ntwo\n" {
		t.Fatalf("update wrote %q, %v", data, err)
	}
	Check(r, "a/b.txt", []byte("one\ntwo\n"), false)
	if len(r.failures) != 0 {
		t.Fatalf("same output: %q", r.failures)
	}
	Check(r, "a/b.txt", []byte("one\nthree\n"), false)
	want := "line 2\n  want: \"two\"\n   got: \"three\""
	if len(r.failures) != 1 || !strings.Contains(r.failures[0], want) {
		t.Errorf("changed output: %q, want it to contain %q", r.failures, want)
	}
}

func TestFirstDifference(t *testing.T) {
	for _, c := range []struct{ want, got, diff string }{
		{"a\nb", "a\nb\nc", "line 3\n  want: \"\"\n   got: \"c\""},
		{"a\r\n", "a\n", "line 1\n  want: \"a\\r\"\n   got: \"a\""},
	} {
		if d := firstDifference(c.want, c.got); d != c.diff {
			t.Errorf("%q vs %q: %q, want %q", c.want, c.got, d, c.diff)
		}
	}
}

func TestPackageDir(t *testing.T) {
	if d := packageDir(); d != "internal/golden" {
		t.Errorf("packageDir %q", d)
	}
}

func TestOutput(t *testing.T) {
	if got := Output(t, func(b *bytes.Buffer) error { b.WriteString("a,b\n"); return nil }); string(got) != "a,b\n" {
		t.Errorf("Output %q", got)
	}
	r := &recorder{TB: t}
	Output(r, func(*bytes.Buffer) error { return errors.New("disk full") })
	if len(r.failures) != 1 || r.failures[0] != "writing: disk full" {
		t.Errorf("a failing writer: %q", r.failures)
	}
}
