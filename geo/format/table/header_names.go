package table

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// NormHeader folds a column title for matching: full-width to half-width,
// lower case, no spaces or punctuation, and no trailing unit in
// parentheses ("人口（人）", "面积(km²)").
func NormHeader(h string) string {
	h = width.Fold.String(strings.TrimSpace(h))
	if i := strings.LastIndexByte(h, '('); i > 0 && strings.HasSuffix(h, ")") {
		h = h[:i]
	}
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// HeaderParts are a title's space-separated parts, each folded: the
// exports head their columns in two languages ("区划代码 code", "数值
// value"), and either part names the column. A title of one part has none.
func HeaderParts(h string) []string {
	h = width.Fold.String(strings.TrimSpace(h))
	if i := strings.LastIndexByte(h, '('); i > 0 && strings.HasSuffix(h, ")") {
		h = h[:i]
	}
	fields := strings.Fields(h)
	if len(fields) < 2 {
		return nil
	}
	parts := make([]string, 0, len(fields))
	for _, f := range fields {
		if n := NormHeader(f); n != "" {
			parts = append(parts, n)
		}
	}
	return parts
}

// HeaderRank is how well title h answers to one of names (folded): 3 when
// the whole title is one, 2 when every part is, 1 when some part is, 0
// when none. "区划代码 code" is a code column (2); "名称 region" only
// perhaps a region column (1), since its other part says name.
func HeaderRank(h string, names map[string]bool) int {
	if names[NormHeader(h)] {
		return 3
	}
	parts := HeaderParts(h)
	hits := 0
	for _, p := range parts {
		if names[p] {
			hits++
		}
	}
	switch {
	case hits == 0:
		return 0
	case hits == len(parts):
		return 2
	}
	return 1
}

// MatchHeader is the best-ranked title among header (see HeaderRank) that
// answers to names, skipping the columns taken; among equals, the title
// answering to the earlier name (names go from specific to vague), then
// the leftmost. -1 when none does.
func MatchHeader(header []string, names []string, taken func(int) bool) int {
	set := make(map[string]bool, len(names))
	for _, n := range names {
		set[n] = true
	}
	for rank := 3; rank > 0; rank-- {
		for _, n := range names {
			one := map[string]bool{n: true}
			for i, h := range header {
				if (taken == nil || !taken(i)) && HeaderRank(h, set) == rank && HeaderRank(h, one) > 0 {
					return i
				}
			}
		}
	}
	return -1
}
