package realdata

import (
	"runtime"
	"testing"

	"github.com/community-atlas/atlas/analytics/gridcov"
)

// BenchmarkCompute measures the whole city: every community and grid of
// the Nantong seeds, on GOMAXPROCS goroutines.
// It reports too the heap the result keeps (retained-MiB).
func BenchmarkCompute(b *testing.B) {
	s := seedSnapshot(b)
	b.ReportAllocs()
	var cov *gridcov.Coverage
	for b.Loop() {
		var err error
		if cov, err = gridcov.Compute(s); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	var before, after runtime.MemStats
	cov = nil
	runtime.GC()
	runtime.ReadMemStats(&before)
	cov, _ = gridcov.Compute(s)
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(cov)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "retained-MiB")
}

// BenchmarkComputeOverlayOnly is the baseline: the same on one goroutine,
// every community through the overlays (the seeds with a decoy grid in each
// community, which defeats the exact paths at the cost of one failed
// tiling test and one far square more to overlay).
func BenchmarkComputeOverlayOnly(b *testing.B) {
	sd, err := seed()
	if err != nil {
		b.Fatal(err)
	}
	s := sd.overlaid()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := gridcov.Compute(s); err != nil {
			b.Fatal(err)
		}
	}
}
