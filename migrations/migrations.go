// Package migrations holds the versioned schema of the Community Atlas store,
// one goose migration set per SQL dialect (postgres/ for PostgreSQL + PostGIS,
// sqlite/ for the embedded store), and Up, which brings a database to the
// latest version. Both sets define the same tables with the same columns, so
// the two stores hold the same data; they differ only in how geometry is kept
// (PostGIS types with GiST indexes, or WKB blobs with bounding-box columns).
package migrations

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/database"
	"github.com/pressly/goose/v3/lock"
)

// The dialects Up accepts, as goose names them.
const (
	Postgres = string(database.DialectPostgres)
	SQLite   = string(database.DialectSQLite3)
)

// ErrDialect is returned by Up for a dialect that has no migration set.
var ErrDialect = errors.New("migrations: unknown dialect")

//go:embed postgres/*.sql sqlite/*.sql
var files embed.FS

// Up applies every pending migration of the dialect (Postgres or SQLite) to
// db. It is safe to call on an up-to-date database, and on PostgreSQL several
// processes may call it at once: an advisory lock lets one migrate while the
// others wait.
func Up(ctx context.Context, db *sql.DB, dialect string) error {
	p, err := provider(db, dialect)
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrations: %s: up: %w", dialect, err)
	}
	return nil
}

func provider(db *sql.DB, dialect string) (*goose.Provider, error) {
	// Go migrations registered globally by other code would otherwise be
	// merged into these SQL-only sets.
	opts := []goose.ProviderOption{goose.WithDisableGlobalRegistry(true)}
	var dir string
	switch dialect {
	case Postgres:
		dir = "postgres"
		// Replicas starting together must not race to create the same
		// tables; SQLite needs no lock as its writers are serialised by
		// the file lock.
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 300))
		if err != nil {
			return nil, fmt.Errorf("migrations: %s: locker: %w", dialect, err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	case SQLite:
		dir = "sqlite"
		opts = append(opts, goose.WithGoMigrations(sqliteLevels))
	default:
		return nil, fmt.Errorf("%w %q (want %q or %q)", ErrDialect, dialect, Postgres, SQLite)
	}
	sub, err := fs.Sub(files, dir)
	if err != nil {
		return nil, fmt.Errorf("migrations: %s: %w", dialect, err)
	}
	p, err := goose.NewProvider(database.Dialect(dialect), db, sub, opts...)
	if err != nil {
		return nil, fmt.Errorf("migrations: %s: %w", dialect, err)
	}
	return p, nil
}
