package sqlite_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/store/sqlite"
)

// TestFileModePrivate: the database and its -wal and -shm files are
// created readable by their owner only, whatever the umask lets through.
func TestFileModePrivate(t *testing.T) {
	old := syscall.Umask(0o022) // the usual umask, which leaves new files world-readable
	defer syscall.Umask(old)
	path := filepath.Join(t.TempDir(), "atlas.db")
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// A write, so that the write-ahead log and its index exist.
	if err := s.CreateUser(t.Context(), &auth.User{Username: "alice", PasswordHash: "h", Role: auth.Viewer}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		if mode := fi.Mode().Perm(); mode != 0o600 {
			t.Errorf("%s: mode %o, want 600", filepath.Base(name), mode)
		}
	}
}
