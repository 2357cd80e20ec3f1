package postgis

import (
	"time"

	"github.com/community-atlas/atlas/server/store/internal/rowscan"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// The SQL of the accounts. A user's empty region is NULL.
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
	// username has the "C" collation: byte order, as in SQLite.
	listUsersSQL = selectUserSQL + ` ORDER BY username`

	insertTokenSQL = `
INSERT INTO tokens (user_id, kind, name, hash, expires_at, revoked_at, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`
	selectTokenSQL = `
SELECT ` + rowscan.TokenColumns + ` FROM tokens`
	tokenByHashSQL = selectTokenSQL + ` WHERE hash = $1`
	// Ids grow with each insert, so the highest is the newest.
	listTokensSQL  = selectTokenSQL + ` WHERE user_id = $1 ORDER BY id DESC`
	revokeTokenSQL = `
UPDATE tokens SET revoked_at = COALESCE(revoked_at, $3)
WHERE id = $1 AND ($2::bigint = 0 OR user_id = $2)`
	revokeUserTokensSQL = `UPDATE tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`

	insertAuditSQL = `
INSERT INTO audit (at, username, region, action, detail, remote) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`
	listAuditSQL = `
SELECT ` + rowscan.AuditColumns + ` FROM audit
WHERE id < $1 AND ($3::text[] IS NULL OR region = ANY ($3::text[]))
ORDER BY id DESC LIMIT $2`
)

// accountRows reads and writes the accounts' rows: pgx takes and gives a
// timestamptz as a time.Time.
var accountRows = rowscan.Accounts[time.Time]{
	Time: func(t time.Time) time.Time { return t },
	At:   timestamp,
}

// The SQLSTATEs accountErr tells apart.
const (
	uniqueViolation     = "23505"
	foreignKeyViolation = "23503"
)

// accountErr says what a failed statement means for the caller, as
// rowscan.Codes.AccountErr does.
var accountErr = rowscan.Codes[*pgconn.PgError, string]{
	NoRows:     pgx.ErrNoRows,
	Code:       func(e *pgconn.PgError) string { return e.Code },
	Unique:     uniqueViolation,
	ForeignKey: foreignKeyViolation,
}.AccountErr
