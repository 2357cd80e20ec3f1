-- Accounts: users with a role and the region they are limited to, their
-- session and API tokens, and the audit log. They are not atlas data: a
-- user's region is not a foreign key, so that accounts do not depend on what
-- the boundaries hold, and the audit log names users by username, so that it
-- outlives renames. Usernames use the "C" collation so that users list in
-- Go's byte order, as in SQLite.

-- +goose Up
CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      text COLLATE "C" NOT NULL UNIQUE CHECK (username <> ''),
    -- argon2id, PHC string format.
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('viewer', 'analyst', 'data_manager', 'admin')),
    -- NULL for a user not limited to a region.
    region        text COLLATE "C" CHECK (region <> ''),
    disabled      boolean NOT NULL,
    created_at    timestamptz NOT NULL
);

CREATE TABLE tokens (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users (id),
    kind       text NOT NULL CHECK (kind IN ('session', 'api')),
    name       text NOT NULL,
    -- SHA-256 of the secret; the secret itself is never stored.
    hash       bytea NOT NULL CHECK (octet_length(hash) = 32),
    expires_at timestamptz NOT NULL,
    -- NULL while the token is not revoked.
    revoked_at timestamptz,
    created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX tokens_hash ON tokens (hash);
CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE audit (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       timestamptz NOT NULL,
    -- Empty for anonymous requests.
    username text NOT NULL,
    action   text NOT NULL CHECK (action <> ''),
    detail   text NOT NULL,
    remote   text NOT NULL
);
CREATE INDEX audit_at ON audit (at);

-- +goose Down
DROP TABLE audit;
DROP TABLE tokens;
DROP TABLE users;
