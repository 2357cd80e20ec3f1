package server

import (
	"errors"
	"strconv"
	"testing"

	"github.com/community-atlas/atlas/analytics/gridcov"
	"github.com/community-atlas/atlas/server/web"
)

// FuzzParseBand: any pair of texts gives either a band with 0 ≤ min ≤ max
// that holds exactly the numbers given (defaults where empty), or a
// parameter error naming one of the two parameters.
func FuzzParseBand(f *testing.F) {
	for _, seed := range [][2]string{
		{"", ""}, {"300", "500"}, {"0", "0"}, {"501", ""}, {"", "299"}, {"-1", "5"}, {"abc", ""},
		{"1.5", "2"}, {" 300", "500"}, {"300", "99999999999999999999"}, {"+300", "0x1F4"}, {"９", ""},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, minText, maxText string) {
		b, err := parseBand(minText, maxText)
		if err != nil {
			var pe *web.ParamError
			if !errors.As(err, &pe) || (pe.Param != "min_households" && pe.Param != "max_households") {
				t.Fatalf("parseBand(%q, %q): %v is not a parameter error", minText, maxText, err)
			}
			return
		}
		if b.Min < 0 || b.Max < b.Min {
			t.Fatalf("parseBand(%q, %q) = %+v", minText, maxText, b)
		}
		for _, c := range []struct {
			text string
			got  int64
			def  int64
		}{{minText, b.Min, gridcov.DefaultBand.Min}, {maxText, b.Max, gridcov.DefaultBand.Max}} {
			want := c.def
			if c.text != "" {
				n, err := strconv.ParseInt(c.text, 10, 64)
				if err != nil {
					t.Fatalf("parseBand accepted %q", c.text)
				}
				want = n
			}
			if c.got != want {
				t.Fatalf("parseBand(%q, %q) = %+v", minText, maxText, b)
			}
		}
	})
}
