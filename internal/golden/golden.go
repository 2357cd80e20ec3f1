// Package golden compares test output with golden files kept in a test
// package's testdata directory. Each test package declares its own flag,
//
//	var update = flag.Bool("update", false, "rewrite the golden files in testdata/")
//
// and passes *update to Check: with -update the output is written as the new
// golden file (review the diff before committing it); without it any
// difference fails the test with the command that accepts the change.
package golden

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Check compares got with the file testdata/name, or writes it when update
// is set.
func Check(t testing.TB, name string, got []byte, update bool) {
	t.Helper()
	path := filepath.Join("testdata", filepath.FromSlash(name))
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", path)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (%s)", err, accept(t))
		return
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output: %s\n(%s)", path, firstDifference(string(want), string(got)), accept(t))
	}
}

// JSON indents a JSON document for a golden file, so that diffs read line
// by line. Only white space changes: keys keep their order and numbers
// their spelling.
func JSON(t testing.TB, doc []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Indent(&buf, doc, "", "  "); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, doc)
	}
	buf.WriteByte('\n')
	return buf.Bytes()
}

// Marshal encodes v as indented JSON for a golden file (map keys sorted, no
// HTML escaping, so Chinese text and "<" stay readable).
func Marshal(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Output returns what write writes, failing the test on an error: the
// bytes a writer's golden file is made of.
func Output(t testing.TB, write func(*bytes.Buffer) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatalf("writing: %v", err)
	}
	return buf.Bytes()
}

// accept is the command that rewrites the test's golden files.
func accept(t testing.TB) string {
	top, _, _ := strings.Cut(t.Name(), "/")
	return fmt.Sprintf("run go test ./%s -run '^%s$' -update to accept", packageDir(), top)
}

// packageDir is the test's package directory relative to the module root
// (go test runs a test in its package's directory).
func packageDir() string {
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			rel, err := filepath.Rel(dir, wd)
			if err != nil {
				return "."
			}
			return filepath.ToSlash(rel)
		}
		if filepath.Dir(dir) == dir {
			return "."
		}
	}
}

// firstDifference names the first line where got departs from want.
func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if i >= len(w) || i >= len(g) || wl != gl {
			return fmt.Sprintf("line %d\n  want: %q\n   got: %q", i+1, wl, gl)
		}
	}
	return "same lines, different bytes"
}
