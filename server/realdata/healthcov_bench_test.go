package realdata

import (
	"testing"

	"github.com/community-atlas/atlas/analytics/healthcov"
)

// Figures on the Nantong seeds (no road network: straight-line estimates
// over about 258,000 population points).

func BenchmarkCoverageSeeds(b *testing.B) {
	sd, err := seed()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		// A fresh snapshot has a fresh model: population points and all.
		b.StopTimer()
		s := sd.snapshot()
		b.StartTimer()
		m, err := healthcov.Of(s)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := m.Coverage(healthcov.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWhatIfSeeds(b *testing.B) {
	s := seedSnapshot(b)
	m, err := healthcov.Of(s)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := m.WhatIf(healthcov.Options{}, healthcov.Scenario{Remove: []string{s.Facilities()[0].ID}}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSitingSeeds(b *testing.B) {
	m, err := healthcov.Of(seedSnapshot(b))
	if err != nil {
		b.Fatal(err)
	}
	c, err := m.Coverage(healthcov.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := c.Site(10, nil, nil); err != nil {
			b.Fatal(err)
		}
	}
}
