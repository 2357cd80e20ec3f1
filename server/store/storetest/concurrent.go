package storetest

import (
	"sync"
	"sync/atomic"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store"
)

// testConcurrentLoad loads in a loop while an Apply replaces every record:
// each Load must return the state before or after it, never a mix.
func testConcurrentLoad(t *testing.T, s store.Store) {
	m := newModel()
	mustApply(t, s, m, Synthetic(SmallSize, 0))
	before := m.dataset()
	c := Synthetic(SmallSize, 1)

	const loaders = 2
	var (
		done    atomic.Bool
		started sync.WaitGroup
		wg      sync.WaitGroup
		mu      sync.Mutex
		olds    int
		others  []*analytics.Dataset // compared once the Apply's batch is known
	)
	started.Add(loaders)
	for range loaders {
		wg.Go(func() {
			first := true
			for {
				// The last Load starts after the Apply has returned.
				last := done.Load()
				ds, err := s.Load(t.Context())
				if first {
					started.Done()
					first = false
				}
				if err != nil {
					t.Errorf("Load during Apply: %v", err)
					return
				}
				mu.Lock()
				if diff(ds, before) == "" {
					olds++
				} else {
					others = append(others, ds)
				}
				mu.Unlock()
				if last {
					return
				}
			}
		})
	}
	started.Wait()
	b, err := s.Apply(t.Context(), c)
	done.Store(true)
	wg.Wait()
	if err != nil {
		t.Fatalf("Apply: %v", err)
	}
	m.apply(c, b)
	after := m.dataset()
	for _, ds := range others {
		if d := diff(ds, after); d != "" {
			t.Fatalf("a Load during Apply saw neither the state before nor the state after it:\nagainst after:\n%s\nagainst before:\n%s",
				d, diff(ds, before))
		}
	}
	t.Logf("%d loads saw the state before the Apply, %d the state after", olds, len(others))
	if len(others) == 0 {
		t.Fatal("no Load saw the state after the Apply")
	}
}
