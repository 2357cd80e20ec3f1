// Package ogrtest runs GDAL's command-line tools (Debian gdal-bin) from
// tests, as an independent reader of the files and services the atlas
// writes. Without ogrinfo the tests skip locally and fail under CI, whose
// script installs gdal-bin.
package ogrtest

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"testing"
)

// Require returns the path of ogrinfo, or ends the test: skipped locally,
// failed under CI (CI=true).
func Require(t testing.TB) string {
	t.Helper()
	path, err := exec.LookPath("ogrinfo")
	if err == nil {
		return path
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("ogrinfo not found: CI must install gdal-bin (see .ci/run)")
	}
	t.Skip("ogrinfo not found; install Debian's gdal-bin to run this test")
	return ""
}

// Run runs a GDAL tool (ogrinfo, ogr2ogr) and returns its standard output;
// a failure ends the test with the tool's messages.
func Run(t testing.TB, tool string, args ...string) string {
	t.Helper()
	Require(t)
	cmd := exec.Command(tool, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s%s", tool, args, err, out.String(), errb.String())
	}
	return out.String()
}

var featureCount = regexp.MustCompile(`(?m)^Feature Count: (\d+)$`)

// FeatureCounts lists the "Feature Count:" lines of ogrinfo -so output.
func FeatureCounts(info string) []int {
	var out []int
	for _, m := range featureCount.FindAllStringSubmatch(info, -1) {
		n, _ := strconv.Atoi(m[1])
		out = append(out, n)
	}
	return out
}
