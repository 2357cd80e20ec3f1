package accountsql

import (
	"context"
	"fmt"
	"time"

	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/store/internal/ctxerr"
	"github.com/community-atlas/atlas/server/store/internal/rowscan"
)

// CountUsers counts the users, disabled ones included.
func (a Accounts[T]) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := a.db.QueryRow(ctx, countUsersSQL).Scan(&n); err != nil {
		return 0, fmt.Errorf("%s: count users: %w", a.d.Name, ctxerr.Ended(ctx, err))
	}
	return n, nil
}

// CreateUser inserts u and sets its ID and CreatedAt.
func (a Accounts[T]) CreateUser(ctx context.Context, u *auth.User) error {
	at := rowscan.Instant(time.Now())
	if err := a.db.QueryRow(ctx, insertUserSQL, a.d.Rows.NewUser(u, at)...).Scan(&u.ID); err != nil {
		return fmt.Errorf("%s: user %q: %w", a.d.Name, u.Username, a.d.Err(ctx, err))
	}
	u.CreatedAt = at
	return nil
}

// UpdateUser writes every field of the user with u.ID but its CreatedAt.
func (a Accounts[T]) UpdateUser(ctx context.Context, u *auth.User) error {
	if err := a.update(ctx, updateUserSQL, rowscan.UserUpdate(u)...); err != nil {
		return fmt.Errorf("%s: user %d %q: %w", a.d.Name, u.ID, u.Username, err)
	}
	return nil
}

// UserByName returns the user called username.
func (a Accounts[T]) UserByName(ctx context.Context, username string) (*auth.User, error) {
	u, err := a.d.Rows.User(a.db.QueryRow(ctx, userByNameSQL, username))
	if err != nil {
		return nil, fmt.Errorf("%s: user %q: %w", a.d.Name, username, a.d.Err(ctx, err))
	}
	return &u, nil
}

// UserByID returns the user with id.
func (a Accounts[T]) UserByID(ctx context.Context, id int64) (*auth.User, error) {
	u, err := a.d.Rows.User(a.db.QueryRow(ctx, userByIDSQL, id))
	if err != nil {
		return nil, fmt.Errorf("%s: user %d: %w", a.d.Name, id, a.d.Err(ctx, err))
	}
	return &u, nil
}

// ListUsers returns every user, by username in byte order.
func (a Accounts[T]) ListUsers(ctx context.Context) ([]auth.User, error) {
	users, err := rowscan.List(ctx, a.query(ctx), listUsersSQL, a.d.Rows.User)
	if err != nil {
		return nil, fmt.Errorf("%s: users: %w", a.d.Name, err)
	}
	return users, nil
}

// update runs an UPDATE, turning its error into what it means for the
// caller (Dialect.Err) and one that matched no row into auth.ErrNotFound,
// as a lookup of a missing row is.
func (a Accounts[T]) update(ctx context.Context, query string, args ...any) error {
	n, err := a.db.Exec(ctx, query, args...)
	if err != nil {
		return a.d.Err(ctx, err)
	}
	if n == 0 {
		return auth.ErrNotFound
	}
	return nil
}

// query runs a query through the Querier with args, for rowscan.List.
func (a Accounts[T]) query(ctx context.Context, args ...any) rowscan.Query {
	return func(q string, each func(rowscan.Scanner) error) error {
		return a.db.Query(ctx, q, args, each)
	}
}
