package postgis

import (
	"context"
	"time"

	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/internal/accountsql"
	"github.com/community-atlas/atlas/server/store/internal/rowscan"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

var _ store.Accounts = (*Store)(nil)

// accounts are the Store's users, tokens and audit log: its store.Accounts
// methods.
type accounts = accountsql.Accounts[time.Time]

// accountDialect is PostgreSQL's for the accounts: pgx takes and gives a
// timestamptz as a time.Time, and reports a violated constraint by its
// SQLSTATE.
var accountDialect = accountsql.Dialect[time.Time]{
	Name: "postgis",
	Rows: rowscan.Accounts[time.Time]{
		Time: func(t time.Time) time.Time { return t },
		At:   timestamp,
	},
	Err: rowscan.Codes[*pgconn.PgError, string]{
		NoRows:     pgx.ErrNoRows,
		Code:       func(e *pgconn.PgError) string { return e.Code },
		Unique:     uniqueViolation,
		ForeignKey: foreignKeyViolation,
	}.AccountErr,
	RegionIn: `region IN (SELECT jsonb_array_elements_text(CAST($3 AS jsonb)))`,
}

// The SQLSTATEs the accounts tell apart.
const (
	uniqueViolation     = "23505"
	foreignKeyViolation = "23503"
)

// poolQuerier runs the accounts' statements on the pool.
type poolQuerier struct{ pool *pgxpool.Pool }

func (q poolQuerier) QueryRow(ctx context.Context, query string, args ...any) rowscan.Scanner {
	return q.pool.QueryRow(ctx, query, args...)
}

func (q poolQuerier) Query(ctx context.Context, query string, args []any, each func(rowscan.Scanner) error) error {
	rows, err := q.pool.Query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	return rowscan.Each(rows, each)
}

func (q poolQuerier) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	tag, err := q.pool.Exec(ctx, query, args...)
	return tag.RowsAffected(), err
}
