package gridcov

import (
	"runtime"
	"sync"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/internal/seedsnap"
)

var seed = sync.OnceValues(seedsnap.Load)

func seedSnapshot(tb testing.TB) *analytics.Snapshot {
	tb.Helper()
	s, err := seed()
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// BenchmarkCompute measures the whole city: every community and grid of
// the Nantong seeds, on GOMAXPROCS goroutines.
// It reports too the heap the result keeps (retained-MiB).
func BenchmarkCompute(b *testing.B) {
	s := seedSnapshot(b)
	b.ReportAllocs()
	var cov *Coverage
	for b.Loop() {
		var err error
		if cov, err = Compute(s); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	var before, after runtime.MemStats
	cov = nil
	runtime.GC()
	runtime.ReadMemStats(&before)
	cov, _ = Compute(s)
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(cov)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "retained-MiB")
}

// BenchmarkComputeOverlayOnly is the baseline: the same on one goroutine,
// every community through the overlays, without the exact tiling test.
func BenchmarkComputeOverlayOnly(b *testing.B) {
	s := seedSnapshot(b)
	regions := s.Select(analytics.Community, "")
	grids := groupGrids(s)
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range regions {
			if _, err := measure(r, grids[r.Code], nil); err != nil {
				b.Fatal(err)
			}
		}
	}
}
