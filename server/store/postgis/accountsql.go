package postgis

import (
	"time"

	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/store/internal/rowscan"
)

// The SQL of the accounts, and how their rows are read. A user's empty
// region is NULL.
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
	// username has the "C" collation: byte order, as in SQLite.
	listUsersSQL = selectUserSQL + ` ORDER BY username`

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
WHERE id = $1 AND ($2::bigint = 0 OR user_id = $2)`
	revokeUserTokensSQL = `UPDATE tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`

	insertAuditSQL = `
INSERT INTO audit (at, username, action, detail, remote) VALUES ($1, $2, $3, $4, $5) RETURNING id`
	listAuditSQL = `
SELECT id, at, username, action, detail, remote FROM audit
WHERE id < $1 ORDER BY id DESC LIMIT $2`
)

// The scans return times in UTC: pgx gives timestamptz in the local zone.

func scanUser(r rowscan.Scanner) (auth.User, error) {
	var (
		u    auth.User
		role string
	)
	if err := r.Scan(&u.ID, &u.Username, &u.PasswordHash, &role, &u.Region, &u.Disabled, &u.CreatedAt); err != nil {
		return auth.User{}, err
	}
	u.Role = auth.Role(role)
	u.CreatedAt = u.CreatedAt.UTC()
	return u, nil
}

func scanToken(r rowscan.Scanner) (auth.Token, error) {
	var (
		t       auth.Token
		kind    string
		revoked *time.Time
	)
	err := r.Scan(&t.ID, &t.UserID, &kind, &t.Name, &t.Hash, &t.ExpiresAt, &revoked, &t.CreatedAt)
	if err != nil {
		return auth.Token{}, err
	}
	t.Kind = auth.TokenKind(kind)
	t.ExpiresAt, t.CreatedAt = t.ExpiresAt.UTC(), t.CreatedAt.UTC()
	if revoked != nil {
		at := revoked.UTC()
		t.RevokedAt = &at
	}
	return t, nil
}

func scanAudit(r rowscan.Scanner) (auth.AuditEntry, error) {
	var e auth.AuditEntry
	if err := r.Scan(&e.ID, &e.At, &e.Username, &e.Action, &e.Detail, &e.Remote); err != nil {
		return auth.AuditEntry{}, err
	}
	e.At = e.At.UTC()
	return e, nil
}
