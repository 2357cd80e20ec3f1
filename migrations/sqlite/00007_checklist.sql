-- The checklist of the notice's qualitative requirements: per item, region
-- and year, the status, the evidence (text, a link and at most one file)
-- and its review. The items themselves are the catalogue's
-- (seeds/checklist.json), so item is not a foreign key. Entries are atlas
-- data written in batches, like observations; a file's bytes are kept in
-- checklist_files, apart from the rows the snapshot loads.

-- +goose Up
CREATE TABLE checklist (
    item        TEXT NOT NULL CHECK (item <> ''),
    region      TEXT NOT NULL REFERENCES regions (code),
    period      INTEGER NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done')),
    evidence    TEXT NOT NULL,
    link        TEXT NOT NULL,
    -- All empty (and 0) when there is no file.
    file_name   TEXT NOT NULL,
    file_type   TEXT NOT NULL,
    file_size   INTEGER NOT NULL CHECK (file_size >= 0),
    file_sha256 TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    -- RFC 3339 in UTC with microseconds, as batch times.
    updated_at  TEXT NOT NULL,
    review      TEXT NOT NULL CHECK (review IN ('pending', 'approved', 'returned')),
    -- Empty, with a NULL reviewed_at, until reviewed.
    reviewer    TEXT NOT NULL,
    review_note TEXT NOT NULL,
    reviewed_at TEXT,
    batch       INTEGER NOT NULL REFERENCES batches (id),
    PRIMARY KEY (item, region, period)
) STRICT, WITHOUT ROWID;
CREATE INDEX checklist_region ON checklist (region);

CREATE TABLE checklist_files (
    item   TEXT NOT NULL,
    region TEXT NOT NULL,
    period INTEGER NOT NULL,
    data   BLOB NOT NULL,
    PRIMARY KEY (item, region, period),
    FOREIGN KEY (item, region, period) REFERENCES checklist (item, region, period)
) STRICT, WITHOUT ROWID;

-- +goose Down
DROP TABLE checklist_files;
DROP TABLE checklist;
