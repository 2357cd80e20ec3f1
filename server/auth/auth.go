// Package auth holds accounts, roles and credentials: users with a role and
// an optional region they are limited to, session and API tokens, password
// hashing (argon2id) and the audit log's entries. Storage is the store's
// (server/store.Accounts); enforcement is the server's middleware.
package auth

import (
	"errors"
	"time"

	"github.com/community-atlas/atlas/server/msg"
)

// Role is what a user may do. Each role can do everything the ones before
// it can.
type Role string

// The roles, in ascending power.
const (
	Viewer      Role = "viewer"       // maps, charts, coverage, what-if
	Analyst     Role = "analyst"      // + exports and API tokens
	DataManager Role = "data_manager" // + imports and edits
	Admin       Role = "admin"        // + users and the audit log
)

// Roles lists the roles in ascending power.
var Roles = []Role{Viewer, Analyst, DataManager, Admin}

// Rank is the role's place in Roles, or -1 for an unknown role.
func (r Role) Rank() int {
	for i, x := range Roles {
		if x == r {
			return i
		}
	}
	return -1
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r.Rank() >= 0 }

// Allows reports whether r has at least the power of min.
func (r Role) Allows(min Role) bool { return r.Valid() && r.Rank() >= min.Rank() }

// User is an account.
type User struct {
	ID           int64
	Username     string
	PasswordHash string // argon2id, PHC string format
	Role         Role
	Region       string // region code the user is limited to; empty for all
	Disabled     bool
	CreatedAt    time.Time
}

// TokenKind tells a login session from an API token.
type TokenKind string

// The token kinds.
const (
	Session TokenKind = "session"
	API     TokenKind = "api"
)

// Token is a credential, stored by the SHA-256 of its secret only.
type Token struct {
	ID        int64
	UserID    int64
	Kind      TokenKind
	Name      string // for API tokens: what the user called it
	Hash      []byte // SHA-256 of the secret
	ExpiresAt time.Time
	RevokedAt *time.Time
	CreatedAt time.Time
}

// Active reports whether the token may be used at t.
func (t *Token) Active(now time.Time) bool {
	return t.RevokedAt == nil && now.Before(t.ExpiresAt)
}

// AuditEntry records who did what, when and from where.
type AuditEntry struct {
	ID       int64
	At       time.Time
	Username string // empty for anonymous
	// Region the entry is attributed to: the acting user's region when it
	// was written; empty for the whole atlas or no known user.
	Region string
	Action string // login, login_failed, logout, import, export, user_create, user_update, token_create, token_revoke
	Detail string
	Remote string // client address
}

// Errors of account operations.
var (
	ErrNotFound = errors.New("auth: not found")
	ErrExists   = errors.New("auth: already exists")
)

// ValidateUsername checks a username: 3–64 letters, digits, '.', '_', '-'.
func ValidateUsername(name string) error {
	if len(name) < 3 || len(name) > 64 {
		return msg.Errorf("username must have 3 to 64 characters")
	}
	for _, c := range name {
		ok := c == '.' || c == '_' || c == '-' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		if !ok {
			return msg.Errorf("username %q may hold only letters, digits, '.', '_' and '-'", name)
		}
	}
	return nil
}
