package accountsql

import (
	"context"
	"fmt"
	"time"

	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/store/internal/ctxerr"
	"github.com/community-atlas/atlas/server/store/internal/rowscan"
)

// CreateToken inserts t and sets its ID and CreatedAt.
func (a Accounts[T]) CreateToken(ctx context.Context, t *auth.Token) error {
	at := rowscan.Instant(time.Now())
	if err := a.db.QueryRow(ctx, insertTokenSQL, a.d.Rows.NewToken(t, at)...).Scan(&t.ID); err != nil {
		return fmt.Errorf("%s: token of user %d: %w", a.d.Name, t.UserID, a.d.Err(ctx, err))
	}
	t.CreatedAt = at
	return nil
}

// TokenByHash returns the token stored under hash.
func (a Accounts[T]) TokenByHash(ctx context.Context, hash []byte) (*auth.Token, error) {
	t, err := a.d.Rows.Token(a.db.QueryRow(ctx, tokenByHashSQL, hash))
	if err != nil {
		// The hash is a credential's: it stays out of messages.
		return nil, fmt.Errorf("%s: token by hash: %w", a.d.Name, a.d.Err(ctx, err))
	}
	return &t, nil
}

// ListTokens returns the user's tokens, revoked and expired ones included,
// newest first.
func (a Accounts[T]) ListTokens(ctx context.Context, userID int64) ([]auth.Token, error) {
	tokens, err := rowscan.List(ctx, a.query(ctx, userID), listTokensSQL, a.d.Rows.Token)
	if err != nil {
		return nil, fmt.Errorf("%s: tokens of user %d: %w", a.d.Name, userID, err)
	}
	return tokens, nil
}

// RevokeToken revokes token id if it belongs to userID (any user when
// userID is 0). A token revoked before keeps its first revocation time.
func (a Accounts[T]) RevokeToken(ctx context.Context, id, userID int64, at time.Time) error {
	if err := a.update(ctx, revokeTokenSQL, id, userID, a.d.Rows.Stamp(at)); err != nil {
		return fmt.Errorf("%s: token %d of user %d: %w", a.d.Name, id, userID, err)
	}
	return nil
}

// RevokeUserTokens revokes every token of the user not revoked yet.
func (a Accounts[T]) RevokeUserTokens(ctx context.Context, userID int64, at time.Time) error {
	if _, err := a.db.Exec(ctx, revokeUserTokensSQL, userID, a.d.Rows.Stamp(at)); err != nil {
		return fmt.Errorf("%s: tokens of user %d: %w", a.d.Name, userID, ctxerr.Ended(ctx, err))
	}
	return nil
}
