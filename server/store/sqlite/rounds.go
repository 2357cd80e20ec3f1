package sqlite

import (
	"context"
	"database/sql"

	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/internal/accountsql"
	"github.com/community-atlas/atlas/server/store/internal/roundsql"
)

var _ store.Rounds = (*Store)(nil)

// rounds are the Store's rounds: its store.Rounds methods.
type rounds = roundsql.Rounds[string]

// roundDialect keeps times as text in timeLayout, as batches and accounts.
var roundDialect = roundsql.Dialect[string]{
	Name:   "sqlite",
	Time:   accountDialect.Rows.Time,
	At:     parseAt,
	NoRows: sql.ErrNoRows,
}

// roundDB runs the rounds' statements on the database, and their
// transitions in a transaction.
type roundDB struct{ dbQuerier }

func (d roundDB) Tx(ctx context.Context, f func(accountsql.Querier) error) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it does nothing
	if err := f(txQuerier{tx}); err != nil {
		return err
	}
	return tx.Commit()
}
