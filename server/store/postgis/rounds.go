package postgis

import (
	"context"
	"time"

	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/internal/accountsql"
	"github.com/community-atlas/atlas/server/store/internal/roundsql"
	"github.com/jackc/pgx/v5"
)

var _ store.Rounds = (*Store)(nil)

// rounds are the Store's rounds: its store.Rounds methods.
type rounds = roundsql.Rounds[time.Time]

// roundDialect: pgx takes and gives a timestamptz as a time.Time.
var roundDialect = roundsql.Dialect[time.Time]{
	Name:   "postgis",
	Time:   accountDialect.Rows.Time,
	At:     timestamp,
	NoRows: pgx.ErrNoRows,
}

// roundDB runs the rounds' statements on the pool, and their transitions
// in a transaction.
type roundDB struct{ poolQuerier }

func (d roundDB) Tx(ctx context.Context, f func(accountsql.Querier) error) error {
	return pgx.BeginFunc(ctx, d.pool, func(tx pgx.Tx) error { return f(txQuerier{tx}) })
}
