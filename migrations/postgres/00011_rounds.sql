-- Rounds: the yearly collection of figures. An admin opens a round for a
-- period and a list of indicators, reported by every region of one level
-- (community or township) by a deadline and reviewed at county level. Each
-- reporting region has at most one submission row (none while not started)
-- with its status and the reviewer's last comment; round_values holds the
-- values it reports, kept apart from the observations until a reviewer
-- approves them, when they are written as an ordinary observation batch
-- (batch). round_events records every transition: who, when, the comment.
-- Indicators and reviewers are JSON arrays of strings; the deadline is a
-- date (YYYY-MM-DD). Regions are not foreign keys, as in the accounts: a
-- round outlives boundary changes. Codes use the "C" collation, as in the
-- tables they name.

-- +goose Up
CREATE TABLE rounds (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period       integer NOT NULL,
    indicators   text NOT NULL,
    level        text NOT NULL CHECK (level IN ('community', 'township')),
    deadline     text NOT NULL,
    reviewers    text NOT NULL,
    status       text NOT NULL CHECK (status IN ('open', 'published')),
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL,
    published_by text,
    published_at timestamptz
);

CREATE TABLE round_submissions (
    round      bigint NOT NULL REFERENCES rounds (id),
    region     text COLLATE "C" NOT NULL,
    status     text NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved')),
    comment    text NOT NULL,
    batch      bigint,
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (round, region)
);

CREATE TABLE round_values (
    round     bigint NOT NULL REFERENCES rounds (id),
    region    text COLLATE "C" NOT NULL,
    indicator text COLLATE "C" NOT NULL,
    value     double precision NOT NULL,
    reason    text NOT NULL,
    PRIMARY KEY (round, region, indicator)
);

CREATE TABLE round_events (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round   bigint NOT NULL REFERENCES rounds (id),
    region  text COLLATE "C" NOT NULL,
    status  text NOT NULL,
    comment text NOT NULL,
    by_user text NOT NULL,
    at      timestamptz NOT NULL
);
CREATE INDEX round_events_region ON round_events (round, region, id);

-- +goose Down
DROP TABLE round_events;
DROP TABLE round_values;
DROP TABLE round_submissions;
DROP TABLE rounds;
