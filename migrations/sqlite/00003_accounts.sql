-- Accounts: users with a role and the region they are limited to, their
-- session and API tokens, and the audit log. They are not atlas data: a
-- user's region is not a foreign key, so that accounts do not depend on what
-- the boundaries hold, and the audit log names users by username, so that it
-- outlives renames. Times are RFC 3339 in UTC with microseconds, as in
-- batches.

-- +goose Up
CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT NOT NULL UNIQUE CHECK (username <> ''),
    -- argon2id, PHC string format.
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'data_manager', 'admin')),
    -- NULL for a user not limited to a region.
    region        TEXT CHECK (region <> ''),
    disabled      INTEGER NOT NULL CHECK (disabled IN (0, 1)),
    created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE tokens (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    kind       TEXT NOT NULL CHECK (kind IN ('session', 'api')),
    name       TEXT NOT NULL,
    -- SHA-256 of the secret; the secret itself is never stored.
    hash       BLOB NOT NULL CHECK (length(hash) = 32),
    expires_at TEXT NOT NULL,
    -- NULL while the token is not revoked.
    revoked_at TEXT,
    created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX tokens_hash ON tokens (hash);
CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE audit (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT NOT NULL,
    -- Empty for anonymous requests.
    username TEXT NOT NULL,
    action   TEXT NOT NULL CHECK (action <> ''),
    detail   TEXT NOT NULL,
    remote   TEXT NOT NULL
) STRICT;
CREATE INDEX audit_at ON audit (at);

-- +goose Down
DROP TABLE audit;
DROP TABLE tokens;
DROP TABLE users;
