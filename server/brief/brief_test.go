package brief

import (
	"testing"
)

// TestFontCoversSources checks that the committed subset draws every
// character of the catalogue, the seeded region names and this package's
// text: after a change to any of them, font/README.md says how to
// regenerate it.
func TestFontCoversSources(t *testing.T) {
	texts, err := Sources("../..")
	if err != nil {
		t.Fatal(err)
	}
	var missing []rune
	for _, r := range Needed(texts...) {
		if !Has(r) {
			missing = append(missing, r)
		}
	}
	if len(missing) > 0 {
		t.Errorf("the font lacks %d characters: %q (scripts/briefont/subset.sh regenerates it)", len(missing), string(missing))
	}
	if got := fit("南通\u4e2d\U00020000"); got != "南通\u4e2d□" && Has('中') {
		t.Errorf("fit: %q", got)
	}
}

// TestFormats checks the brief's spelling of figures: percentage points
// for a difference of rates, the unit otherwise, "−" for minus.
func TestFormats(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Gap(-47.06, "%"), "−47.1 个百分点"},
		{Gap(-644, "m²"), "−644 平方米"},
		{Gap(-0.5, "ratio"), "−0.5"},
		{Gap(-1, "yes/no"), "未达到"},
		{Value(87.5, "%"), "87.5%"},
		{Value(0, "yes/no"), "否"},
		{Target(Shortfall{Comparator: "le", Target: 0, Unit: "count"}), "≤ 0 个"},
		{Headline{Met: 12, PrevMet: 14, PrevJudged: 20, Judged: 20, Previous: 2013}.changeLine(), "较 2013 年：达标 −2 项（14/20 → 12/20）"},
		{metLine(0, 0), "无已评价指标"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// TestNiceLength checks the scale bar's round lengths.
func TestNiceLength(t *testing.T) {
	for in, want := range map[float64]float64{7300: 5000, 19999: 10000, 2500: 2000, 999: 500, 0: 1} {
		if got := niceLength(in); got != want {
			t.Errorf("niceLength(%g) = %g, want %g", in, got, want)
		}
	}
}
