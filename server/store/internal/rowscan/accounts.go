package rowscan

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/store/internal/ctxerr"
)

// The columns User, Token and Audit read, in the order they read them: a
// store selects them from users, tokens and audit. A user's empty region is
// NULL.
const (
	UserColumns  = `id, username, password_hash, role, COALESCE(region, ''), disabled, created_at`
	TokenColumns = `id, user_id, kind, name, hash, expires_at, revoked_at, created_at`
	AuditColumns = `id, at, username, region, action, detail, remote`
)

// Accounts reads and writes the rows of users, tokens and the audit log for
// a store that keeps a time as a T (text in SQLite, timestamptz in
// PostgreSQL). Time converts an instant, already in UTC to the microsecond,
// to T; At converts a T back, as for Batch.
type Accounts[T any] struct {
	Time func(time.Time) T
	At   func(T) (time.Time, error)
}

// Instant is t as the stores keep it: in UTC, to the microsecond. Cutting
// here, where PostgreSQL would round, keeps the two stores' instants the
// same and makes a created record equal the one read back.
func Instant(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// Stamp is t as the store writes it.
func (a Accounts[T]) Stamp(t time.Time) T { return a.Time(Instant(t)) }

// NewUser returns the arguments that insert u, created at created: username,
// password_hash, role, region, disabled, created_at.
func (a Accounts[T]) NewUser(u *auth.User, created time.Time) []any {
	return []any{u.Username, u.PasswordHash, string(u.Role), u.Region, u.Disabled, a.Stamp(created)}
}

// UserUpdate returns the arguments that update u: id, username,
// password_hash, role, region, disabled.
func UserUpdate(u *auth.User) []any {
	return []any{u.ID, u.Username, u.PasswordHash, string(u.Role), u.Region, u.Disabled}
}

// NewToken returns the arguments that insert t, created at created:
// user_id, kind, name, hash, expires_at, revoked_at (nil for NULL),
// created_at.
func (a Accounts[T]) NewToken(t *auth.Token, created time.Time) []any {
	var revoked any
	if t.RevokedAt != nil {
		revoked = a.Stamp(*t.RevokedAt)
	}
	return []any{t.UserID, string(t.Kind), t.Name, t.Hash, a.Stamp(t.ExpiresAt), revoked, a.Stamp(created)}
}

// NewAudit returns the arguments that insert e: at, username, region,
// action, detail, remote.
func (a Accounts[T]) NewAudit(e *auth.AuditEntry) []any {
	return []any{a.Stamp(e.At), e.Username, e.Region, e.Action, e.Detail, e.Remote}
}

// AuditPage returns the arguments of the query for up to limit entries with
// ID below beforeID (all when 0): the bound on ID, then limit. It reports
// false when limit is not positive, which asks for no entries: no query.
func AuditPage(limit int, beforeID int64) ([]any, bool) {
	if limit <= 0 {
		return nil, false
	}
	if beforeID == 0 {
		beforeID = math.MaxInt64
	}
	return []any{beforeID, limit}, true
}

// User reads a row of UserColumns.
func (a Accounts[T]) User(r Scanner) (auth.User, error) {
	var (
		u       auth.User
		role    string
		created T
	)
	if err := r.Scan(&u.ID, &u.Username, &u.PasswordHash, &role, &u.Region, &u.Disabled, &created); err != nil {
		return auth.User{}, err
	}
	u.Role = auth.Role(role)
	var err error
	if u.CreatedAt, err = a.at(created); err != nil {
		return auth.User{}, fmt.Errorf("user %d: created_at: %w", u.ID, err)
	}
	return u, nil
}

// Token reads a row of TokenColumns; revoked_at may be NULL.
func (a Accounts[T]) Token(r Scanner) (auth.Token, error) {
	var (
		t                auth.Token
		kind             string
		expires, created T
		revoked          *T
	)
	err := r.Scan(&t.ID, &t.UserID, &kind, &t.Name, &t.Hash, &expires, &revoked, &created)
	if err != nil {
		return auth.Token{}, err
	}
	t.Kind = auth.TokenKind(kind)
	if t.ExpiresAt, err = a.at(expires); err != nil {
		return auth.Token{}, fmt.Errorf("token %d: expires_at: %w", t.ID, err)
	}
	if t.CreatedAt, err = a.at(created); err != nil {
		return auth.Token{}, fmt.Errorf("token %d: created_at: %w", t.ID, err)
	}
	if revoked != nil {
		at, err := a.at(*revoked)
		if err != nil {
			return auth.Token{}, fmt.Errorf("token %d: revoked_at: %w", t.ID, err)
		}
		t.RevokedAt = &at
	}
	return t, nil
}

// Audit reads a row of AuditColumns.
func (a Accounts[T]) Audit(r Scanner) (auth.AuditEntry, error) {
	var (
		e  auth.AuditEntry
		at T
	)
	if err := r.Scan(&e.ID, &at, &e.Username, &e.Region, &e.Action, &e.Detail, &e.Remote); err != nil {
		return auth.AuditEntry{}, err
	}
	var err error
	if e.At, err = a.at(at); err != nil {
		return auth.AuditEntry{}, fmt.Errorf("audit %d: at: %w", e.ID, err)
	}
	return e, nil
}

// at reads a time with At, in UTC whatever zone the driver gives it in (pgx
// gives timestamptz in the local zone).
func (a Accounts[T]) at(v T) (time.Time, error) {
	t, err := a.At(v)
	return t.UTC(), err
}

// List reads every row query returns for q with scan. Its error matches
// the context's error once ctx is done (ctxerr.Ended).
func List[T any](ctx context.Context, query Query, q string, scan func(Scanner) (T, error)) ([]T, error) {
	var out []T
	if err := query(q, into(&out, scan)); err != nil {
		return nil, ctxerr.Ended(ctx, err)
	}
	return out, nil
}

// Codes are how a driver reports the failures AccountErr tells apart:
// NoRows is its error for no row (which a store also gives for an UPDATE
// that matched none), and Code reads the code of its error type E, to
// compare with those of a unique and a foreign key violation.
type Codes[E error, C comparable] struct {
	NoRows             error
	Code               func(E) C
	Unique, ForeignKey C
}

// AccountErr says what a failed statement on the accounts means for the
// caller: a missing row is auth.ErrNotFound (alone, as the driver's words
// add nothing), a duplicate username or token hash auth.ErrExists and a
// token of an unknown user auth.ErrNotFound (both with the driver's words,
// which name the constraint or column). Any other error matches the
// context's error once ctx is done (ctxerr.Ended).
func (c Codes[E, C]) AccountErr(ctx context.Context, err error) error {
	if errors.Is(err, c.NoRows) {
		return auth.ErrNotFound
	}
	var e E
	if errors.As(err, &e) {
		switch c.Code(e) {
		case c.Unique:
			return fmt.Errorf("%w: %w", auth.ErrExists, err)
		case c.ForeignKey:
			return fmt.Errorf("%w: %w", auth.ErrNotFound, err)
		}
	}
	return ctxerr.Ended(ctx, err)
}
