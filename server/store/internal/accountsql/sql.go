package accountsql

import "github.com/community-atlas/atlas/server/store/internal/rowscan"

// The SQL of the accounts, the same in PostgreSQL and SQLite: parameters
// as $n, RETURNING for the new id. A user's empty region is NULL.
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
SELECT ` + rowscan.UserColumns + ` FROM users`
	userByNameSQL = selectUserSQL + ` WHERE username = $1`
	userByIDSQL   = selectUserSQL + ` WHERE id = $1`
	// In PostgreSQL username has the "C" collation: byte order, as in
	// SQLite.
	listUsersSQL = selectUserSQL + ` ORDER BY username`

	insertTokenSQL = `
INSERT INTO tokens (user_id, kind, name, hash, expires_at, revoked_at, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`
	selectTokenSQL = `
SELECT ` + rowscan.TokenColumns + ` FROM tokens`
	tokenByHashSQL = selectTokenSQL + ` WHERE hash = $1`
	// Ids grow with each insert, so the highest is the newest.
	listTokensSQL = selectTokenSQL + ` WHERE user_id = $1 ORDER BY id DESC`
	// PostgreSQL cannot tell the type of a parameter compared only with a
	// literal: the CAST gives it (and changes nothing in SQLite).
	revokeTokenSQL = `
UPDATE tokens SET revoked_at = COALESCE(revoked_at, $3)
WHERE id = $1 AND (CAST($2 AS bigint) = 0 OR user_id = $2)`
	revokeUserTokensSQL = `UPDATE tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`

	insertAuditSQL = `
INSERT INTO audit (at, username, region, action, detail, remote) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`
)

// listAuditSQL pages the audit log; $3 is NULL for every entry, else a JSON
// array of the regions whose entries to keep, which the dialect's regionIn
// (a condition on the column region) unpacks: one parameter however many
// regions a subtree holds.
func listAuditSQL(regionIn string) string {
	return `
SELECT ` + rowscan.AuditColumns + ` FROM audit
WHERE id < $1 AND (CAST($3 AS text) IS NULL OR ` + regionIn + `)
ORDER BY id DESC LIMIT $2`
}
