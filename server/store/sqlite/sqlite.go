// Package sqlite is the embedded store of Community Atlas: one SQLite file,
// opened with the pure-Go modernc.org/sqlite driver, migrated to the latest
// schema at open. The file runs in WAL mode, so snapshot loads read while an
// import writes; each Apply takes the write lock up front (BEGIN IMMEDIATE)
// and each Load reads one consistent snapshot in a read transaction.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/community-atlas/atlas/server/store/internal/history"

	"github.com/community-atlas/atlas/migrations"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/internal/accountsql"
	"github.com/community-atlas/atlas/server/store/internal/roundsql"

	// Registers the "sqlite" database/sql driver.
	_ "modernc.org/sqlite"
)

// Memory opens a private in-memory database, for tests: it lives as long as
// the Store and holds a single connection.
const Memory = ":memory:"

// ErrPath is returned by Open for a path it cannot hand to the driver.
var ErrPath = errors.New("sqlite: invalid path")

var _ store.Store = (*Store)(nil)

// Store is a store.Store kept in one SQLite file.
type Store struct {
	db *sql.DB
	accounts
	history.Methods[string]
	rounds
}

// Open opens (creating it if need be) the database file at path and applies
// any pending migrations.
func Open(ctx context.Context, path string) (*Store, error) {
	// The driver reads everything after the first '?' as its parameters.
	if path == "" || strings.Contains(path, "?") {
		return nil, fmt.Errorf("%w %q", ErrPath, path)
	}
	if err := createPrivate(path); err != nil {
		return nil, err
	}
	params := url.Values{}
	// Writers wait for each other rather than fail with SQLITE_BUSY; a
	// seed import holds the lock for a few seconds.
	params.Add("_pragma", "busy_timeout(30000)")
	params.Add("_pragma", "foreign_keys(1)")
	params.Add("_pragma", "journal_mode(WAL)")
	// Read-write transactions begin IMMEDIATE: taking the write lock
	// up front means an Apply never fails half-way on a lock upgrade.
	// Read-only ones (Load) still begin DEFERRED.
	params.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", path+"?"+params.Encode())
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if path == Memory {
		// Every connection to :memory: is a database of its own.
		db.SetMaxOpenConns(1)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w: %w", path, store.ErrNotReady, err)
	}
	if err := migrations.Up(ctx, db, migrations.SQLite); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	hist := history.Reader[string]{DB: dbQuerier{db}, At: parseAt}
	return &Store{db: db, accounts: accountsql.New(dbQuerier{db}, accountDialect),
		Methods: history.NewMethods(hist, "sqlite"), rounds: roundsql.New(roundDB{dbQuerier{db}}, roundDialect)}, nil
}

// createPrivate creates the database file, if it does not exist, readable
// by its owner only: it holds the accounts' password hashes and the audit
// log. SQLite gives the -wal and -shm files the database file's mode.
func createPrivate(path string) error {
	if path == Memory {
		return nil
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	return f.Close()
}

// Ping checks that the database file can be read.
func (s *Store) Ping(ctx context.Context) error {
	var n int
	if err := s.db.QueryRowContext(ctx, pingSQL).Scan(&n); err != nil {
		return fmt.Errorf("sqlite: ping: %w: %w", store.ErrNotReady, err)
	}
	return nil
}

// Empty reports whether the store holds no regions.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	var some bool
	if err := s.db.QueryRowContext(ctx, anyRegionSQL).Scan(&some); err != nil {
		return false, fmt.Errorf("sqlite: empty: %w", err)
	}
	return !some, nil
}

// Close closes the database.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("sqlite: close: %w", err)
	}
	return nil
}
