package main

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/community-atlas/atlas/seeds"
)

var generatedFiles = []string{seeds.RegionsFile, seeds.FacilitiesFile, seeds.GridsFile, seeds.ObservationsFile}

// Two runs write byte-identical files, and those are the files committed in
// seeds/generated: a change to the generator must come with its output.
func TestDeterministic(t *testing.T) {
	dirs := [2]string{t.TempDir(), t.TempDir()}
	var errs [2]error
	var wg sync.WaitGroup
	for i, d := range dirs {
		wg.Go(func() { _, errs[i] = Generate(d) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range generatedFiles {
		base := filepath.Base(name)
		a, err := os.ReadFile(filepath.Join(dirs[0], base))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dirs[1], base))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs", base)
		}
		committed, err := os.ReadFile(filepath.Join("..", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, committed) {
			t.Errorf("seeds/%s is out of date: run go run ./seeds/generate from the repository root", name)
		}
	}
}
