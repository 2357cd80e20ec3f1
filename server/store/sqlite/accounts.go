package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/internal/accountsql"
	"github.com/community-atlas/atlas/server/store/internal/rowscan"
	driver "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

var _ store.Accounts = (*Store)(nil)

// accounts are the Store's users, tokens and audit log: its store.Accounts
// methods.
type accounts = accountsql.Accounts[string]

// accountDialect is SQLite's for the accounts: times are kept as text in
// timeLayout, as batch times are, and a violated constraint is told by its
// extended result code.
var accountDialect = accountsql.Dialect[string]{
	Name: "sqlite",
	Rows: rowscan.Accounts[string]{
		Time: func(t time.Time) string { return t.Format(timeLayout) },
		At:   parseAt,
	},
	Err: rowscan.Codes[*driver.Error, int]{
		NoRows:     sql.ErrNoRows,
		Code:       (*driver.Error).Code,
		Unique:     sqlite3.SQLITE_CONSTRAINT_UNIQUE,
		ForeignKey: sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY,
	}.AccountErr,
	RegionIn: `region IN (SELECT value FROM json_each($3))`,
}

// dbQuerier runs the accounts' statements on the database.
type dbQuerier struct{ db *sql.DB }

func (q dbQuerier) QueryRow(ctx context.Context, query string, args ...any) rowscan.Scanner {
	return q.db.QueryRowContext(ctx, query, args...)
}

func (q dbQuerier) Query(ctx context.Context, query string, args []any, each func(rowscan.Scanner) error) error {
	rows, err := q.db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	return rowscan.Each(rows, each)
}

func (q dbQuerier) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := q.db.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
