package store

import (
	"context"
	"time"

	"github.com/community-atlas/atlas/server/auth"
)

// Accounts stores users, their tokens and the audit log. Unlike the atlas
// data these are not part of the snapshot: they are read and written
// directly, each call its own transaction. Lookups of missing records
// return auth.ErrNotFound; creating a duplicate username returns
// auth.ErrExists.
type Accounts interface {
	CountUsers(ctx context.Context) (int, error)
	// CreateUser inserts u and sets its ID and CreatedAt.
	CreateUser(ctx context.Context, u *auth.User) error
	// UpdateUser writes every field of the user with u.ID but its
	// CreatedAt, which stays the creation time.
	UpdateUser(ctx context.Context, u *auth.User) error
	UserByName(ctx context.Context, username string) (*auth.User, error)
	UserByID(ctx context.Context, id int64) (*auth.User, error)
	ListUsers(ctx context.Context) ([]auth.User, error) // by username

	// CreateToken inserts t and sets its ID and CreatedAt.
	CreateToken(ctx context.Context, t *auth.Token) error
	TokenByHash(ctx context.Context, hash []byte) (*auth.Token, error)
	ListTokens(ctx context.Context, userID int64) ([]auth.Token, error) // newest first
	// RevokeToken revokes token id if it belongs to userID (any user when
	// userID is 0); auth.ErrNotFound otherwise.
	RevokeToken(ctx context.Context, id, userID int64, at time.Time) error
	// RevokeUserTokens revokes every live token of a user (when disabled or
	// when the password changes).
	RevokeUserTokens(ctx context.Context, userID int64, at time.Time) error

	// AppendAudit inserts e and sets its ID.
	AppendAudit(ctx context.Context, e *auth.AuditEntry) error
	// ListAudit returns up to limit entries with ID below beforeID (all when
	// 0), newest first; when within is not nil, only those whose Region is
	// one of its codes (none for an empty list).
	ListAudit(ctx context.Context, limit int, beforeID int64, within []string) ([]auth.AuditEntry, error)
}
