package storetest

import (
	"testing"
	"time"

	"github.com/community-atlas/atlas/server/store"
)

// BenchmarkLoad applies a seed-sized synthetic dataset (SeedSize) to s, a
// new, empty store, and measures Load, reported as ms/Load.
func BenchmarkLoad(b *testing.B, s store.Store) {
	c := Synthetic(SeedSize, 0)
	start := time.Now()
	if _, err := s.Apply(b.Context(), c); err != nil {
		b.Fatalf("Apply: %v", err)
	}
	b.Logf("seeded %d regions, %d grids, %d facilities, %d observations in %v",
		len(c.Regions), len(c.Grids), len(c.Facilities), len(c.Observations), time.Since(start).Round(time.Millisecond))
	b.ReportAllocs()
	for b.Loop() {
		ds, err := s.Load(b.Context())
		if err != nil {
			b.Fatalf("Load: %v", err)
		}
		if len(ds.Observations) != len(c.Observations) {
			b.Fatalf("Load returned %d observations, want %d", len(ds.Observations), len(c.Observations))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1e3/float64(b.N), "ms/Load")
}

// BenchmarkApply measures an Apply of a seed-sized synthetic dataset to a
// new, empty store from open, reported as ms/Apply.
func BenchmarkApply(b *testing.B, open func(testing.TB) store.Store) {
	c := Synthetic(SeedSize, 0)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		s := open(b)
		b.StartTimer()
		if _, err := s.Apply(b.Context(), c); err != nil {
			b.Fatalf("Apply: %v", err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1e3/float64(b.N), "ms/Apply")
}
