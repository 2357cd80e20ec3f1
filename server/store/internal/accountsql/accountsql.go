// Package accountsql keeps the accounts (users, their tokens and the audit
// log) in SQL for both stores: one implementation of store.Accounts over a
// small Querier that each store adapts its driver to. The two schemas have
// the same tables and the statements are written in the SQL both databases
// speak, so what differs by store is data, given as a Dialect: how the
// driver takes and gives a time, how it reports a violated constraint, and
// the name that prefixes errors.
package accountsql

import (
	"context"

	"github.com/community-atlas/atlas/server/store/internal/rowscan"
)

// Querier runs the accounts' statements on a store's connections, each
// statement its own transaction.
type Querier interface {
	// QueryRow runs q, which returns at most one row.
	QueryRow(ctx context.Context, q string, args ...any) rowscan.Scanner
	// Query runs q and calls each for every row it returns, stopping at
	// the first error; it closes the rows.
	Query(ctx context.Context, q string, args []any, each func(rowscan.Scanner) error) error
	// Exec runs q and returns how many rows it changed.
	Exec(ctx context.Context, q string, args ...any) (int64, error)
}

// Dialect is what the accounts of a store that keeps a time as a T need to
// know of its driver.
type Dialect[T any] struct {
	// Name prefixes every error: "postgis", "sqlite".
	Name string
	// Rows converts the times the driver takes and gives.
	Rows rowscan.Accounts[T]
	// Err says what a failed statement means for the caller: a
	// rowscan.Codes's AccountErr.
	Err func(ctx context.Context, err error) error
	// RegionIn is the SQL condition that the column region is one of the
	// strings of the JSON array in $3.
	RegionIn string
}

// Accounts is a store.Accounts kept in SQL through a Querier.
type Accounts[T any] struct {
	db Querier
	d  Dialect[T]
}

// New returns the accounts kept through db, in dialect d.
func New[T any](db Querier, d Dialect[T]) Accounts[T] {
	return Accounts[T]{db: db, d: d}
}
