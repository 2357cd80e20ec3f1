package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/sqlite"
	"github.com/community-atlas/atlas/server/store/storetest"
)

// open opens a new store in a file of its own, closed when tb ends.
func open(tb testing.TB) store.Store {
	tb.Helper()
	s, err := sqlite.Open(tb.Context(), filepath.Join(tb.TempDir(), "atlas.db"))
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return open(t) })
}

func BenchmarkLoad(b *testing.B)  { storetest.BenchmarkLoad(b, open(b)) }
func BenchmarkApply(b *testing.B) { storetest.BenchmarkApply(b, open) }

func BenchmarkStreamUndo(b *testing.B) { storetest.BenchmarkStreamUndo(b, open) }
