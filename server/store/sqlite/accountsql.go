package sqlite

import (
	"database/sql"
	"fmt"

	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/store/internal/rowscan"
)

// The SQL of the accounts, and how their rows are read. Times are kept as
// batch times are (timeLayout); a user's empty region is NULL.
const (
	countUsersSQL = `SELECT count(*) FROM users`
	insertUserSQL = `
INSERT INTO users (username, password_hash, role, region, disabled, created_at)
VALUES ($1, $2, $3, NULLIF($4, ''), $5, $6) RETURNING id`
	updateUserSQL = `
UPDATE users SET username = $2, password_hash = $3, role = $4,
                 region = NULLIF($5, ''), disabled = $6
WHERE id = $1`
	selectUserSQL = `
SELECT id, username, password_hash, role, COALESCE(region, ''), disabled, created_at FROM users`
	userByNameSQL = selectUserSQL + ` WHERE username = $1`
	userByIDSQL   = selectUserSQL + ` WHERE id = $1`
	listUsersSQL  = selectUserSQL + ` ORDER BY username`

	insertTokenSQL = `
INSERT INTO tokens (user_id, kind, name, hash, expires_at, revoked_at, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`
	selectTokenSQL = `
SELECT id, user_id, kind, name, hash, expires_at, revoked_at, created_at FROM tokens`
	tokenByHashSQL = selectTokenSQL + ` WHERE hash = $1`
	// Ids grow with each insert, so the highest is the newest.
	listTokensSQL  = selectTokenSQL + ` WHERE user_id = $1 ORDER BY id DESC`
	revokeTokenSQL = `
UPDATE tokens SET revoked_at = COALESCE(revoked_at, $3)
WHERE id = $1 AND ($2 = 0 OR user_id = $2)`
	revokeUserTokensSQL = `UPDATE tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`

	insertAuditSQL = `
INSERT INTO audit (at, username, action, detail, remote) VALUES ($1, $2, $3, $4, $5) RETURNING id`
	listAuditSQL = `
SELECT id, at, username, action, detail, remote FROM audit
WHERE id < $1 ORDER BY id DESC LIMIT $2`
)

func scanUser(r rowscan.Scanner) (auth.User, error) {
	var (
		u       auth.User
		role    string
		created string
	)
	if err := r.Scan(&u.ID, &u.Username, &u.PasswordHash, &role, &u.Region, &u.Disabled, &created); err != nil {
		return auth.User{}, err
	}
	u.Role = auth.Role(role)
	var err error
	if u.CreatedAt, err = parseAt(created); err != nil {
		return auth.User{}, fmt.Errorf("user %d: created_at: %w", u.ID, err)
	}
	return u, nil
}

func scanToken(r rowscan.Scanner) (auth.Token, error) {
	var (
		t                auth.Token
		kind             string
		expires, created string
		revoked          sql.NullString
	)
	err := r.Scan(&t.ID, &t.UserID, &kind, &t.Name, &t.Hash, &expires, &revoked, &created)
	if err != nil {
		return auth.Token{}, err
	}
	t.Kind = auth.TokenKind(kind)
	if t.ExpiresAt, err = parseAt(expires); err != nil {
		return auth.Token{}, fmt.Errorf("token %d: expires_at: %w", t.ID, err)
	}
	if t.CreatedAt, err = parseAt(created); err != nil {
		return auth.Token{}, fmt.Errorf("token %d: created_at: %w", t.ID, err)
	}
	if revoked.Valid {
		at, err := parseAt(revoked.String)
		if err != nil {
			return auth.Token{}, fmt.Errorf("token %d: revoked_at: %w", t.ID, err)
		}
		t.RevokedAt = &at
	}
	return t, nil
}

func scanAudit(r rowscan.Scanner) (auth.AuditEntry, error) {
	var (
		e  auth.AuditEntry
		at string
	)
	if err := r.Scan(&e.ID, &at, &e.Username, &e.Action, &e.Detail, &e.Remote); err != nil {
		return auth.AuditEntry{}, err
	}
	var err error
	if e.At, err = parseAt(at); err != nil {
		return auth.AuditEntry{}, fmt.Errorf("audit %d: at: %w", e.ID, err)
	}
	return e, nil
}
