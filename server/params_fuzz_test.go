package server

import (
	"errors"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/server/web"
)

// FuzzBreaksParam: manual breaks from a query string either parse into a
// rising list of 2–10 finite numbers or fail with a parameter error.
func FuzzBreaksParam(f *testing.F) {
	for _, s := range []string{"0,50,80,100", "1", "3,2", "a,b", "1e308,1e309", "-0,0", " 1 , 2 ", "NaN,1", ",", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4096 {
			return
		}
		b, err := breaksParam(s)
		if err != nil {
			var pe *web.ParamError
			if !errors.As(err, &pe) || pe.Param != "breaks" {
				t.Fatalf("%q: error %v is not a breaks parameter error", s, err)
			}
			return
		}
		if len(b) < 2 || len(b) > 10 {
			t.Fatalf("%q: %d breaks", s, len(b))
		}
		for i := 1; i < len(b); i++ {
			if !(b[i] > b[i-1]) {
				t.Fatalf("%q: breaks %v do not rise", s, b)
			}
		}
		if strings.Count(s, ",")+1 != len(b) {
			t.Fatalf("%q: %d breaks from %d fields", s, len(b), strings.Count(s, ",")+1)
		}
	})
}
