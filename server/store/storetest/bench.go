package storetest

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/community-atlas/atlas/analytics"
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

// BenchmarkStreamUndo streams a batch of new observations (1,000,000 rows,
// or BENCH_UNDO_ROWS) into a store holding a small synthetic dataset, then
// a batch replacing every one of them, then undoes the second and the
// first, reporting the streams' rows/s and the undos' seconds. One run
// takes minutes: use -benchtime=1x.
func BenchmarkStreamUndo(b *testing.B, open func(testing.TB) store.Store) {
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("BENCH_UNDO_ROWS")); err == nil && v > 0 {
		n = v
	}
	base := Synthetic(SmallSize, 0)
	for range b.N {
		s := open(b)
		if _, err := s.Apply(b.Context(), base); err != nil {
			b.Fatal(err)
		}
		st := s.(store.ObservationStreamer)
		var ids [2]int64
		for rev := range 2 {
			start := time.Now()
			batch, err := st.StreamObservations(b.Context(), store.BatchInfo{Kind: "observations", Source: "bench.csv"}, manyRows(base.Regions, n, rev))
			if err != nil {
				b.Fatal(err)
			}
			ids[rev] = batch.ID
			b.ReportMetric(float64(n)/time.Since(start).Seconds(), []string{"new-rows/s", "replacing-rows/s"}[rev])
		}
		for i, id := range []int64{ids[1], ids[0]} {
			start := time.Now()
			if _, err := s.Undo(b.Context(), id, ""); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(time.Since(start).Seconds(), []string{"s/undo-replacing", "s/undo-new"}[i])
		}
	}
}

// manyRows puts n observations with distinct keys over regions: 50
// indicators, then as many periods as needed; rev changes the values.
func manyRows(regions []analytics.Region, n, rev int) store.ObservationSource {
	return func(put func(analytics.Observation) error) error {
		for i := range n {
			o := analytics.Observation{Indicator: fmt.Sprintf("I%02d", i/len(regions)%50), Region: regions[i%len(regions)].Code,
				Period: 1900 + i/(len(regions)*50), Value: float64(i%1000) + float64(rev)/2}
			if err := put(o); err != nil {
				return err
			}
		}
		return nil
	}
}
