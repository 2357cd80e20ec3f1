-- The checklist of the notice's qualitative requirements: per item, region
-- and year, the status, the evidence (text, a link and at most one file)
-- and its review. The items themselves are the catalogue's
-- (seeds/checklist.json), so item is not a foreign key. Entries are atlas
-- data written in batches, like observations; a file's bytes are kept in
-- checklist_files, apart from the rows the snapshot loads.

-- +goose Up
CREATE TABLE checklist (
    item        text COLLATE "C" NOT NULL CHECK (item <> ''),
    region      text COLLATE "C" NOT NULL REFERENCES regions (code),
    period      integer NOT NULL,
    status      text NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done')),
    evidence    text NOT NULL,
    link        text NOT NULL,
    -- All empty (and 0) when there is no file.
    file_name   text NOT NULL,
    file_type   text NOT NULL,
    file_size   bigint NOT NULL CHECK (file_size >= 0),
    file_sha256 text NOT NULL,
    updated_by  text NOT NULL,
    updated_at  timestamptz NOT NULL,
    review      text NOT NULL CHECK (review IN ('pending', 'approved', 'returned')),
    -- Empty, with a NULL reviewed_at, until reviewed.
    reviewer    text NOT NULL,
    review_note text NOT NULL,
    reviewed_at timestamptz,
    batch       bigint NOT NULL REFERENCES batches (id),
    PRIMARY KEY (item, region, period)
);
CREATE INDEX checklist_region ON checklist (region);

CREATE TABLE checklist_files (
    item   text COLLATE "C" NOT NULL,
    region text COLLATE "C" NOT NULL,
    period integer NOT NULL,
    data   bytea NOT NULL,
    PRIMARY KEY (item, region, period),
    FOREIGN KEY (item, region, period) REFERENCES checklist (item, region, period)
);

-- +goose Down
DROP TABLE checklist_files;
DROP TABLE checklist;
