// Package postgis is the PostgreSQL + PostGIS store of Community Atlas.
// Geometries are PostGIS geometry(MultiPolygon/Point, 4326) columns with
// GiST indexes, written from WKB with ST_GeomFromWKB and read back with
// ST_AsBinary, so they round-trip bit for bit. The schema is migrated at
// open; writes go through a pgx pool, bulk-loaded with COPY.
package postgis

import (
	"context"
	"fmt"
	"time"

	"github.com/community-atlas/atlas/server/store/internal/history"

	"github.com/community-atlas/atlas/migrations"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/internal/accountsql"
	"github.com/community-atlas/atlas/server/store/internal/roundsql"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
)

var _ store.Store = (*Store)(nil)

// Store is a store.Store in a PostgreSQL database with PostGIS.
type Store struct {
	pool *pgxpool.Pool
	accounts
	history.Methods[time.Time]
	rounds
}

// Open connects to the database at url (a postgres:// URL or key=value
// connection string; a search_path parameter selects the schema) and applies
// any pending migrations. The PostGIS extension is created if it is missing,
// which needs the privilege to do so.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgis: open: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgis: open: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgis: open: %w: %w", store.ErrNotReady, err)
	}
	// goose speaks database/sql; a separate handle over the same
	// settings keeps the pool free of migration state.
	db := stdlib.OpenDB(*cfg.ConnConfig.Copy())
	err = migrations.Up(ctx, db, migrations.Postgres)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgis: open: %w", err)
	}
	hist := history.Reader[time.Time]{DB: poolQuerier{pool}, At: func(t time.Time) (time.Time, error) { return t, nil }}
	return &Store{pool: pool, accounts: accountsql.New(poolQuerier{pool}, accountDialect),
		Methods: history.NewMethods(hist, "postgis"), rounds: roundsql.New(roundDB{poolQuerier{pool}}, roundDialect)}, nil
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.pool.Ping(ctx); err != nil {
		return fmt.Errorf("postgis: ping: %w: %w", store.ErrNotReady, err)
	}
	return nil
}

// Empty reports whether the store holds no regions.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	var some bool
	if err := s.pool.QueryRow(ctx, anyRegionSQL).Scan(&some); err != nil {
		return false, fmt.Errorf("postgis: empty: %w", err)
	}
	return !some, nil
}

// Close closes the pool, waiting for connections in use to be returned.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}
