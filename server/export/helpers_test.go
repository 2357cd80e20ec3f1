package export_test

import (
	"os"
	"regexp"
	"strconv"
	"testing"
)

var number = regexp.MustCompile(`-?\d+\.\d+`)

// coords lists every decimal number in a CSV file's WKT column order.
func coords(t *testing.T, path string) []float64 {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []float64
	for _, m := range number.FindAllString(string(wktPart(data)), -1) {
		v, _ := strconv.ParseFloat(m, 64)
		out = append(out, v)
	}
	return out
}

var wktColumn = regexp.MustCompile(`"MULTIPOLYGON \(\(\([^"]*\)\)\)"`)

// wktPart keeps only the quoted geometries of a CSV file.
func wktPart(data []byte) []byte {
	var out []byte
	for _, m := range wktColumn.FindAll(data, -1) {
		out = append(out, m...)
		out = append(out, '\n')
	}
	return out
}
