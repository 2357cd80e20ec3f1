package postgis

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/internal/ctxerr"
	"github.com/community-atlas/atlas/server/store/internal/rowscan"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

var _ store.Accounts = (*Store)(nil)

// The SQLSTATEs accountErr tells apart.
const (
	uniqueViolation     = "23505"
	foreignKeyViolation = "23503"
)

// CountUsers counts the users, disabled ones included.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, countUsersSQL).Scan(&n); err != nil {
		return 0, fmt.Errorf("postgis: count users: %w", ctxerr.Ended(ctx, err))
	}
	return n, nil
}

// CreateUser inserts u and sets its ID and CreatedAt.
func (s *Store) CreateUser(ctx context.Context, u *auth.User) error {
	at := stamp(time.Now())
	err := s.pool.QueryRow(ctx, insertUserSQL, u.Username, u.PasswordHash, string(u.Role),
		u.Region, u.Disabled, at).Scan(&u.ID)
	if err != nil {
		return fmt.Errorf("postgis: user %q: %w", u.Username, accountErr(ctx, err))
	}
	u.CreatedAt = at
	return nil
}

// UpdateUser writes every field of the user with u.ID but its CreatedAt.
func (s *Store) UpdateUser(ctx context.Context, u *auth.User) error {
	tag, err := s.pool.Exec(ctx, updateUserSQL, u.ID, u.Username, u.PasswordHash, string(u.Role),
		u.Region, u.Disabled)
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	if err != nil {
		return fmt.Errorf("postgis: user %d %q: %w", u.ID, u.Username, accountErr(ctx, err))
	}
	return nil
}

// UserByName returns the user called username.
func (s *Store) UserByName(ctx context.Context, username string) (*auth.User, error) {
	u, err := scanUser(s.pool.QueryRow(ctx, userByNameSQL, username))
	if err != nil {
		return nil, fmt.Errorf("postgis: user %q: %w", username, accountErr(ctx, err))
	}
	return &u, nil
}

// UserByID returns the user with id.
func (s *Store) UserByID(ctx context.Context, id int64) (*auth.User, error) {
	u, err := scanUser(s.pool.QueryRow(ctx, userByIDSQL, id))
	if err != nil {
		return nil, fmt.Errorf("postgis: user %d: %w", id, accountErr(ctx, err))
	}
	return &u, nil
}

// ListUsers returns every user, by username in byte order.
func (s *Store) ListUsers(ctx context.Context) ([]auth.User, error) {
	users, err := list(ctx, s, scanUser, listUsersSQL)
	if err != nil {
		return nil, fmt.Errorf("postgis: users: %w", err)
	}
	return users, nil
}

// CreateToken inserts t and sets its ID and CreatedAt.
func (s *Store) CreateToken(ctx context.Context, t *auth.Token) error {
	at := stamp(time.Now())
	var revoked *time.Time
	if t.RevokedAt != nil {
		r := stamp(*t.RevokedAt)
		revoked = &r
	}
	err := s.pool.QueryRow(ctx, insertTokenSQL, t.UserID, string(t.Kind), t.Name, t.Hash,
		stamp(t.ExpiresAt), revoked, at).Scan(&t.ID)
	if err != nil {
		return fmt.Errorf("postgis: token of user %d: %w", t.UserID, accountErr(ctx, err))
	}
	t.CreatedAt = at
	return nil
}

// TokenByHash returns the token stored under hash.
func (s *Store) TokenByHash(ctx context.Context, hash []byte) (*auth.Token, error) {
	t, err := scanToken(s.pool.QueryRow(ctx, tokenByHashSQL, hash))
	if err != nil {
		// The hash is a credential's: it stays out of messages.
		return nil, fmt.Errorf("postgis: token by hash: %w", accountErr(ctx, err))
	}
	return &t, nil
}

// ListTokens returns the user's tokens, revoked and expired ones included,
// newest first.
func (s *Store) ListTokens(ctx context.Context, userID int64) ([]auth.Token, error) {
	tokens, err := list(ctx, s, scanToken, listTokensSQL, userID)
	if err != nil {
		return nil, fmt.Errorf("postgis: tokens of user %d: %w", userID, err)
	}
	return tokens, nil
}

// RevokeToken revokes token id if it belongs to userID (any user when
// userID is 0). A token revoked before keeps its first revocation time.
func (s *Store) RevokeToken(ctx context.Context, id, userID int64, at time.Time) error {
	tag, err := s.pool.Exec(ctx, revokeTokenSQL, id, userID, stamp(at))
	if err == nil && tag.RowsAffected() == 0 {
		err = pgx.ErrNoRows
	}
	if err != nil {
		return fmt.Errorf("postgis: token %d of user %d: %w", id, userID, accountErr(ctx, err))
	}
	return nil
}

// RevokeUserTokens revokes every token of the user not revoked yet.
func (s *Store) RevokeUserTokens(ctx context.Context, userID int64, at time.Time) error {
	if _, err := s.pool.Exec(ctx, revokeUserTokensSQL, userID, stamp(at)); err != nil {
		return fmt.Errorf("postgis: tokens of user %d: %w", userID, ctxerr.Ended(ctx, err))
	}
	return nil
}

// AppendAudit inserts e and sets its ID.
func (s *Store) AppendAudit(ctx context.Context, e *auth.AuditEntry) error {
	err := s.pool.QueryRow(ctx, insertAuditSQL, stamp(e.At), e.Username, e.Action,
		e.Detail, e.Remote).Scan(&e.ID)
	if err != nil {
		return fmt.Errorf("postgis: audit %s by %q: %w", e.Action, e.Username, ctxerr.Ended(ctx, err))
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
	entries, err := list(ctx, s, scanAudit, listAuditSQL, beforeID, limit)
	if err != nil {
		return nil, fmt.Errorf("postgis: audit: %w", err)
	}
	return entries, nil
}

// stamp is t as the database keeps it: in UTC, to the microsecond. Cutting
// here, where PostgreSQL would round, keeps the instants the SQLite store
// keeps and makes a created record equal the one read back.
func stamp(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// accountErr says what a failed statement means for the caller: a missing
// row is auth.ErrNotFound (alone, as the driver's words add nothing), a
// duplicate username or token hash auth.ErrExists and a token of an unknown
// user auth.ErrNotFound (both with the driver's words, which name the
// constraint).
func accountErr(ctx context.Context, err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return auth.ErrNotFound
	}
	var e *pgconn.PgError
	if errors.As(err, &e) {
		switch e.Code {
		case uniqueViolation:
			return fmt.Errorf("%w: %w", auth.ErrExists, err)
		case foreignKeyViolation:
			return fmt.Errorf("%w: %w", auth.ErrNotFound, err)
		}
	}
	return ctxerr.Ended(ctx, err)
}

// list runs query and reads each row with scan.
func list[T any](ctx context.Context, s *Store, scan func(rowscan.Scanner) (T, error),
	query string, args ...any) ([]T, error) {
	rows, err := s.pool.Query(ctx, query, args...)
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
