-- Rounds: the yearly collection of figures. An admin opens a round for a
-- period and a list of indicators, reported by every region of one level
-- (community or township) by a deadline and reviewed at county level. Each
-- reporting region has at most one submission row (none while not started)
-- with its status and the reviewer's last comment; round_values holds the
-- values it reports, kept apart from the observations until a reviewer
-- approves them, when they are written as an ordinary observation batch
-- (batch). round_events records every transition: who, when, the comment.
-- Indicators and reviewers are JSON arrays of strings; the deadline is a
-- date (YYYY-MM-DD); times are RFC 3339 in UTC with microseconds, as in
-- batches. Regions are not foreign keys, as in the accounts: a round
-- outlives boundary changes.

-- +goose Up
CREATE TABLE rounds (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    period       INTEGER NOT NULL,
    indicators   TEXT NOT NULL,
    level        TEXT NOT NULL CHECK (level IN ('community', 'township')),
    deadline     TEXT NOT NULL,
    reviewers    TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('open', 'published')),
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    published_by TEXT,
    published_at TEXT
) STRICT;

CREATE TABLE round_submissions (
    round      INTEGER NOT NULL REFERENCES rounds (id),
    region     TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved')),
    comment    TEXT NOT NULL,
    batch      INTEGER,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (round, region)
) STRICT;

CREATE TABLE round_values (
    round     INTEGER NOT NULL REFERENCES rounds (id),
    region    TEXT NOT NULL,
    indicator TEXT NOT NULL,
    value     REAL NOT NULL,
    reason    TEXT NOT NULL,
    PRIMARY KEY (round, region, indicator)
) STRICT;

CREATE TABLE round_events (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    round   INTEGER NOT NULL REFERENCES rounds (id),
    region  TEXT NOT NULL,
    status  TEXT NOT NULL,
    comment TEXT NOT NULL,
    by_user TEXT NOT NULL,
    at      TEXT NOT NULL
) STRICT;
CREATE INDEX round_events_region ON round_events (round, region, id);

-- +goose Down
DROP TABLE round_events;
DROP TABLE round_values;
DROP TABLE round_submissions;
DROP TABLE rounds;
