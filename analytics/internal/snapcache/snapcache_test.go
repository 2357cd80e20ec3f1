package snapcache_test

import (
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/internal/snapcache"
)

func snapshot(v int64) *analytics.Snapshot {
	return analytics.NewSnapshot(v, nil, &analytics.Dataset{})
}

func TestGetComputesOncePerSnapshot(t *testing.T) {
	var c snapcache.Cache[int64]
	var calls atomic.Int32
	compute := func(s *analytics.Snapshot) (int64, error) {
		calls.Add(1)
		return s.Version * 10, nil
	}
	a, b := snapshot(1), snapshot(2)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if v, _ := c.Get(a, compute); v != 10 {
				t.Errorf("Get(a) = %d, want 10", v)
			}
		})
	}
	wg.Wait()
	if v, _ := c.Get(b, compute); v != 20 {
		t.Errorf("Get(b) = %d, want 20", v)
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("compute ran %d times for two snapshots", n)
	}
	runtime.KeepAlive(a)
	runtime.KeepAlive(b)
}

func TestErrorsAreKept(t *testing.T) {
	var c snapcache.Cache[int]
	boom := errors.New("boom")
	s := snapshot(1)
	calls := 0
	for range 2 {
		if _, err := c.Get(s, func(*analytics.Snapshot) (int, error) { calls++; return 0, boom }); !errors.Is(err, boom) {
			t.Errorf("err %v, want boom", err)
		}
	}
	if calls != 1 {
		t.Errorf("compute ran %d times", calls)
	}
}

// A snapshot nobody holds is collected and its entry deleted.
func TestEntriesGoWithTheirSnapshots(t *testing.T) {
	var c snapcache.Cache[int]
	for v := range int64(10) {
		_, _ = c.Get(snapshot(v), func(*analytics.Snapshot) (int, error) { return 1, nil })
	}
	deadline := time.Now().Add(5 * time.Second)
	for c.Len() > 0 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if n := c.Len(); n != 0 {
		t.Errorf("%d entries left after their snapshots were dropped", n)
	}
}
