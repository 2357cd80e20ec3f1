package brief

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Needed is the character set the font subset must hold: printable ASCII,
// and every character beyond it in texts (the catalogue, the region names,
// this package's source with its fixed vocabulary), sorted. Control
// characters and white space other than the space are left out.
func Needed(texts ...[]byte) []rune {
	set := map[rune]bool{missingRune: true}
	for r := rune(0x20); r < 0x7f; r++ {
		set[r] = true
	}
	for _, t := range texts {
		for len(t) > 0 {
			r, n := utf8.DecodeRune(t)
			t = t[n:]
			if r >= 0x80 && r != utf8.RuneError && unicode.IsPrint(r) {
				set[r] = true
			}
		}
	}
	out := make([]rune, 0, len(set))
	for r := range set {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}

// SourceFiles are the files, relative to the repository's root, whose
// characters the font subset holds; the glob takes this package's source.
var SourceFiles = []string{
	"seeds/indicators.json", "seeds/checklist.json", "seeds/nantong/divisions_2023.csv",
	"seeds/generated/regions.geojson", "server/brief/*.go",
}

// Sources reads SourceFiles under root (test files left out).
func Sources(root string) ([][]byte, error) {
	var out [][]byte
	for _, pat := range SourceFiles {
		names, err := filepath.Glob(filepath.Join(root, filepath.FromSlash(pat)))
		if err != nil {
			return nil, err
		}
		if len(names) == 0 {
			return nil, fmt.Errorf("brief: no file %s under %s", pat, root)
		}
		for _, n := range names {
			if strings.HasSuffix(n, "_test.go") {
				continue
			}
			b, err := os.ReadFile(n)
			if err != nil {
				return nil, err
			}
			out = append(out, b)
		}
	}
	return out, nil
}
