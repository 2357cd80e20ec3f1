package server

import "testing"

func TestHealthClassGivesFullCoverageItsOwnClass(t *testing.T) {
	for share, want := range map[float64]int{0: 0, 0.49: 0, 0.5: 1, 0.85: 2, 0.9: 3, 0.999: 3, 1: 4} {
		if got := healthClass(share); got != want {
			t.Errorf("healthClass(%g) = %d, want %d", share, got, want)
		}
	}
}
