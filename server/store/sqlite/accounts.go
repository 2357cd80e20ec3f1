package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/internal/ctxerr"
	"github.com/community-atlas/atlas/server/store/internal/rowscan"
)

var _ store.Accounts = (*Store)(nil)

// CountUsers counts the users, disabled ones included.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, countUsersSQL).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite: count users: %w", ctxerr.Ended(ctx, err))
	}
	return n, nil
}

// CreateUser inserts u and sets its ID and CreatedAt.
func (s *Store) CreateUser(ctx context.Context, u *auth.User) error {
	at := rowscan.Instant(time.Now())
	if err := s.db.QueryRowContext(ctx, insertUserSQL, accountRows.NewUser(u, at)...).Scan(&u.ID); err != nil {
		return fmt.Errorf("sqlite: user %q: %w", u.Username, accountErr(ctx, err))
	}
	u.CreatedAt = at
	return nil
}

// UpdateUser writes every field of the user with u.ID but its CreatedAt.
func (s *Store) UpdateUser(ctx context.Context, u *auth.User) error {
	if err := s.updateAccount(ctx, updateUserSQL, rowscan.UserUpdate(u)...); err != nil {
		return fmt.Errorf("sqlite: user %d %q: %w", u.ID, u.Username, accountErr(ctx, err))
	}
	return nil
}

// UserByName returns the user called username.
func (s *Store) UserByName(ctx context.Context, username string) (*auth.User, error) {
	u, err := accountRows.User(s.db.QueryRowContext(ctx, userByNameSQL, username))
	if err != nil {
		return nil, fmt.Errorf("sqlite: user %q: %w", username, accountErr(ctx, err))
	}
	return &u, nil
}

// UserByID returns the user with id.
func (s *Store) UserByID(ctx context.Context, id int64) (*auth.User, error) {
	u, err := accountRows.User(s.db.QueryRowContext(ctx, userByIDSQL, id))
	if err != nil {
		return nil, fmt.Errorf("sqlite: user %d: %w", id, accountErr(ctx, err))
	}
	return &u, nil
}

// ListUsers returns every user, by username in byte order.
func (s *Store) ListUsers(ctx context.Context) ([]auth.User, error) {
	users, err := rowscan.List(ctx, s.accountQuery(ctx), listUsersSQL, accountRows.User)
	if err != nil {
		return nil, fmt.Errorf("sqlite: users: %w", err)
	}
	return users, nil
}

// CreateToken inserts t and sets its ID and CreatedAt.
func (s *Store) CreateToken(ctx context.Context, t *auth.Token) error {
	at := rowscan.Instant(time.Now())
	if err := s.db.QueryRowContext(ctx, insertTokenSQL, accountRows.NewToken(t, at)...).Scan(&t.ID); err != nil {
		return fmt.Errorf("sqlite: token of user %d: %w", t.UserID, accountErr(ctx, err))
	}
	t.CreatedAt = at
	return nil
}

// TokenByHash returns the token stored under hash.
func (s *Store) TokenByHash(ctx context.Context, hash []byte) (*auth.Token, error) {
	t, err := accountRows.Token(s.db.QueryRowContext(ctx, tokenByHashSQL, hash))
	if err != nil {
		// The hash is a credential's: it stays out of messages.
		return nil, fmt.Errorf("sqlite: token by hash: %w", accountErr(ctx, err))
	}
	return &t, nil
}

// ListTokens returns the user's tokens, revoked and expired ones included,
// newest first.
func (s *Store) ListTokens(ctx context.Context, userID int64) ([]auth.Token, error) {
	tokens, err := rowscan.List(ctx, s.accountQuery(ctx, userID), listTokensSQL, accountRows.Token)
	if err != nil {
		return nil, fmt.Errorf("sqlite: tokens of user %d: %w", userID, err)
	}
	return tokens, nil
}

// RevokeToken revokes token id if it belongs to userID (any user when
// userID is 0). A token revoked before keeps its first revocation time.
func (s *Store) RevokeToken(ctx context.Context, id, userID int64, at time.Time) error {
	if err := s.updateAccount(ctx, revokeTokenSQL, id, userID, accountRows.Stamp(at)); err != nil {
		return fmt.Errorf("sqlite: token %d of user %d: %w", id, userID, accountErr(ctx, err))
	}
	return nil
}

// RevokeUserTokens revokes every token of the user not revoked yet.
func (s *Store) RevokeUserTokens(ctx context.Context, userID int64, at time.Time) error {
	if _, err := s.db.ExecContext(ctx, revokeUserTokensSQL, userID, accountRows.Stamp(at)); err != nil {
		return fmt.Errorf("sqlite: tokens of user %d: %w", userID, ctxerr.Ended(ctx, err))
	}
	return nil
}

// AppendAudit inserts e and sets its ID.
func (s *Store) AppendAudit(ctx context.Context, e *auth.AuditEntry) error {
	if err := s.db.QueryRowContext(ctx, insertAuditSQL, accountRows.NewAudit(e)...).Scan(&e.ID); err != nil {
		return fmt.Errorf("sqlite: audit %s by %q: %w", e.Action, e.Username, ctxerr.Ended(ctx, err))
	}
	return nil
}

// ListAudit returns up to limit entries with ID below beforeID (all when
// 0), newest first; none when limit is not positive. When within is not
// nil, only the entries attributed to one of its regions.
func (s *Store) ListAudit(ctx context.Context, limit int, beforeID int64, within []string) ([]auth.AuditEntry, error) {
	args, ok := rowscan.AuditPage(limit, beforeID)
	if !ok {
		return nil, nil
	}
	args = append(args, withinJSON(within))
	entries, err := rowscan.List(ctx, s.accountQuery(ctx, args...), listAuditSQL, accountRows.Audit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: audit: %w", err)
	}
	return entries, nil
}

// updateAccount runs an UPDATE, turning one that matched no row into
// sql.ErrNoRows.
func (s *Store) updateAccount(ctx context.Context, query string, args ...any) error {
	res, err := s.db.ExecContext(ctx, query, args...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err == nil && n == 0 {
		err = sql.ErrNoRows
	}
	return err
}

// accountQuery runs a query on the database with args, for rowscan.List.
func (s *Store) accountQuery(ctx context.Context, args ...any) rowscan.Query {
	return func(q string, each func(rowscan.Scanner) error) error {
		rows, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		return rowscan.Each(rows, each)
	}
}

// withinJSON is a region list as the audit query reads it: a JSON array
// (one parameter, however many regions a subtree holds), or NULL for no
// filter.
func withinJSON(within []string) any {
	if within == nil {
		return nil
	}
	b, _ := json.Marshal(within) // a []string always marshals
	return string(b)
}
