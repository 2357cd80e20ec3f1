// Package pgtest gives each test its own empty schema in the PostgreSQL
// database named by ATLAS_TEST_DATABASE_URL, so that tests of the PostGIS
// store, of the migrations, of pgRouting and of the server can run side by
// side in one database. It lives at the root, beside no package it tests,
// so that any package's tests may use it without importing server.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvVar names the variable holding the test database's URL.
const EnvVar = "ATLAS_TEST_DATABASE_URL"

// Message is what a test says when EnvVar is unset.
const Message = "set " + EnvVar + " to a PostgreSQL database with PostGIS to run these tests"

// URL returns the test database's URL with the search path set to a new,
// empty schema (then public, where PostGIS lives); the schema is dropped
// when tb ends. Without EnvVar the test is skipped, or fails under CI
// (when CI is set), where the database must be there.
func URL(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(EnvVar)
	if base == "" {
		if os.Getenv("CI") != "" {
			tb.Fatal(Message)
		}
		tb.Skip(Message)
	}
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("%s: %v", EnvVar, err)
	}
	ctx, cancel := context.WithTimeout(tb.Context(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		tb.Fatalf("connect to %s: %v", EnvVar, err)
	}
	defer conn.Close(context.Background())
	ensurePostGIS(ctx, tb, conn)

	var buf [6]byte
	if _, err := rand.Read(buf[:]); err != nil {
		tb.Fatal(err)
	}
	schema := "atlas_test_" + hex.EncodeToString(buf[:])
	ident := pgx.Identifier{schema}.Sanitize()
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+ident); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		// tb's context is cancelled by the time cleanups run.
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			tb.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+ident+" CASCADE"); err != nil {
			tb.Errorf("drop schema %s: %v", schema, err)
		}
	})
	q := u.Query()
	q.Set("search_path", schema+",public")
	u.RawQuery = q.Encode()
	return u.String()
}

// ensurePostGIS creates the extension where the connection's search path
// puts it (public by default), so that the migration's CREATE EXTENSION IF
// NOT EXISTS finds it rather than creating it in a test schema.
func ensurePostGIS(ctx context.Context, tb testing.TB, conn *pgx.Conn) {
	tb.Helper()
	const exists = `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis')`
	var ok bool
	if err := conn.QueryRow(ctx, exists).Scan(&ok); err != nil {
		tb.Fatalf("look for postgis: %v", err)
	}
	if ok {
		return
	}
	if _, err := conn.Exec(ctx, "CREATE EXTENSION IF NOT EXISTS postgis"); err != nil {
		// Another test process may have created it meanwhile.
		if err2 := conn.QueryRow(ctx, exists).Scan(&ok); err2 != nil || !ok {
			tb.Fatalf("create extension postgis: %v", err)
		}
	}
}
