package healthcov

import (
	"testing"

	"github.com/community-atlas/atlas/analytics/internal/seedsnap"
)

// Figures on the Nantong seeds (no road network: straight-line estimates
// over about 258,000 population points).

func BenchmarkCoverageSeeds(b *testing.B) {
	s, err := seedsnap.Load()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		m := newModel(s) // a fresh model: population points and all
		if _, err := m.Coverage(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWhatIfSeeds(b *testing.B) {
	s, err := seedsnap.Load()
	if err != nil {
		b.Fatal(err)
	}
	m := newModel(s)
	for b.Loop() {
		if _, err := m.WhatIf(Options{}, Scenario{Remove: []string{s.Facilities()[0].ID}}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSitingSeeds(b *testing.B) {
	s, err := seedsnap.Load()
	if err != nil {
		b.Fatal(err)
	}
	c, err := newModel(s).Coverage(Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := c.Site(10, nil, nil); err != nil {
			b.Fatal(err)
		}
	}
}
