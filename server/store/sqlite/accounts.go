package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/internal/ctxerr"
	"github.com/community-atlas/atlas/server/store/internal/rowscan"
	driver "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
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
	at := now()
	err := s.db.QueryRowContext(ctx, insertUserSQL, u.Username, u.PasswordHash, string(u.Role),
		u.Region, u.Disabled, at.Format(timeLayout)).Scan(&u.ID)
	if err != nil {
		return fmt.Errorf("sqlite: user %q: %w", u.Username, accountErr(ctx, err))
	}
	u.CreatedAt = at
	return nil
}

// UpdateUser writes every field of the user with u.ID but its CreatedAt.
func (s *Store) UpdateUser(ctx context.Context, u *auth.User) error {
	res, err := s.db.ExecContext(ctx, updateUserSQL, u.ID, u.Username, u.PasswordHash, string(u.Role),
		u.Region, u.Disabled)
	if err == nil {
		err = affected(res)
	}
	if err != nil {
		return fmt.Errorf("sqlite: user %d %q: %w", u.ID, u.Username, accountErr(ctx, err))
	}
	return nil
}

// UserByName returns the user called username.
func (s *Store) UserByName(ctx context.Context, username string) (*auth.User, error) {
	u, err := scanUser(s.db.QueryRowContext(ctx, userByNameSQL, username))
	if err != nil {
		return nil, fmt.Errorf("sqlite: user %q: %w", username, accountErr(ctx, err))
	}
	return &u, nil
}

// UserByID returns the user with id.
func (s *Store) UserByID(ctx context.Context, id int64) (*auth.User, error) {
	u, err := scanUser(s.db.QueryRowContext(ctx, userByIDSQL, id))
	if err != nil {
		return nil, fmt.Errorf("sqlite: user %d: %w", id, accountErr(ctx, err))
	}
	return &u, nil
}

// ListUsers returns every user, by username in byte order.
func (s *Store) ListUsers(ctx context.Context) ([]auth.User, error) {
	users, err := list(ctx, s.db, scanUser, listUsersSQL)
	if err != nil {
		return nil, fmt.Errorf("sqlite: users: %w", err)
	}
	return users, nil
}

// CreateToken inserts t and sets its ID and CreatedAt.
func (s *Store) CreateToken(ctx context.Context, t *auth.Token) error {
	at := now()
	err := s.db.QueryRowContext(ctx, insertTokenSQL, t.UserID, string(t.Kind), t.Name, t.Hash,
		stamp(t.ExpiresAt), nullStamp(t.RevokedAt), at.Format(timeLayout)).Scan(&t.ID)
	if err != nil {
		return fmt.Errorf("sqlite: token of user %d: %w", t.UserID, accountErr(ctx, err))
	}
	t.CreatedAt = at
	return nil
}

// TokenByHash returns the token stored under hash.
func (s *Store) TokenByHash(ctx context.Context, hash []byte) (*auth.Token, error) {
	t, err := scanToken(s.db.QueryRowContext(ctx, tokenByHashSQL, hash))
	if err != nil {
		// The hash is a credential's: it stays out of messages.
		return nil, fmt.Errorf("sqlite: token by hash: %w", accountErr(ctx, err))
	}
	return &t, nil
}

// ListTokens returns the user's tokens, revoked and expired ones included,
// newest first.
func (s *Store) ListTokens(ctx context.Context, userID int64) ([]auth.Token, error) {
	tokens, err := list(ctx, s.db, scanToken, listTokensSQL, userID)
	if err != nil {
		return nil, fmt.Errorf("sqlite: tokens of user %d: %w", userID, err)
	}
	return tokens, nil
}

// RevokeToken revokes token id if it belongs to userID (any user when
// userID is 0). A token revoked before keeps its first revocation time.
func (s *Store) RevokeToken(ctx context.Context, id, userID int64, at time.Time) error {
	res, err := s.db.ExecContext(ctx, revokeTokenSQL, id, userID, stamp(at))
	if err == nil {
		err = affected(res)
	}
	if err != nil {
		return fmt.Errorf("sqlite: token %d of user %d: %w", id, userID, accountErr(ctx, err))
	}
	return nil
}

// RevokeUserTokens revokes every token of the user not revoked yet.
func (s *Store) RevokeUserTokens(ctx context.Context, userID int64, at time.Time) error {
	if _, err := s.db.ExecContext(ctx, revokeUserTokensSQL, userID, stamp(at)); err != nil {
		return fmt.Errorf("sqlite: tokens of user %d: %w", userID, ctxerr.Ended(ctx, err))
	}
	return nil
}

// AppendAudit inserts e and sets its ID.
func (s *Store) AppendAudit(ctx context.Context, e *auth.AuditEntry) error {
	err := s.db.QueryRowContext(ctx, insertAuditSQL, stamp(e.At), e.Username, e.Action,
		e.Detail, e.Remote).Scan(&e.ID)
	if err != nil {
		return fmt.Errorf("sqlite: audit %s by %q: %w", e.Action, e.Username, ctxerr.Ended(ctx, err))
	}
	return nil
}

// ListAudit returns up to limit entries with ID below beforeID (all when
// 0), newest first; none when limit is not positive.
func (s *Store) ListAudit(ctx context.Context, limit int, beforeID int64) ([]auth.AuditEntry, error) {
	if limit <= 0 {
		return nil, nil
	}
	if beforeID == 0 {
		beforeID = math.MaxInt64
	}
	entries, err := list(ctx, s.db, scanAudit, listAuditSQL, beforeID, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: audit: %w", err)
	}
	return entries, nil
}

// now is a creation time as the database keeps it.
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// stamp is t as the database keeps it: in UTC, to the microsecond (cut, not
// rounded, as in the PostGIS store), in timeLayout.
func stamp(t time.Time) string {
	return t.UTC().Truncate(time.Microsecond).Format(timeLayout)
}

// nullStamp is stamp for an optional time, NULL for nil.
func nullStamp(t *time.Time) any {
	if t == nil {
		return nil
	}
	return stamp(*t)
}

// affected turns an UPDATE that matched no row into sql.ErrNoRows.
func affected(res sql.Result) error {
	n, err := res.RowsAffected()
	if err == nil && n == 0 {
		err = sql.ErrNoRows
	}
	return err
}

// accountErr says what a failed statement means for the caller: a missing
// row is auth.ErrNotFound (alone, as the driver's words add nothing), a
// duplicate username or token hash auth.ErrExists and a token of an unknown
// user auth.ErrNotFound (both with the driver's words, which name the
// column).
func accountErr(ctx context.Context, err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return auth.ErrNotFound
	}
	var e *driver.Error
	if errors.As(err, &e) {
		switch e.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE:
			return fmt.Errorf("%w: %w", auth.ErrExists, err)
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return fmt.Errorf("%w: %w", auth.ErrNotFound, err)
		}
	}
	return ctxerr.Ended(ctx, err)
}

// list runs query and reads each row with scan.
func list[T any](ctx context.Context, db *sql.DB, scan func(rowscan.Scanner) (T, error),
	query string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, ctxerr.Ended(ctx, err)
	}
	defer rows.Close()
	var out []T
	err = rowscan.Each(rows, func(r rowscan.Scanner) error {
		v, err := scan(r)
		out = append(out, v)
		return err
	})
	if err != nil {
		return nil, ctxerr.Ended(ctx, err)
	}
	return out, nil
}
