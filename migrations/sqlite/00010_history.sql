-- History: what every batch replaced, so that any batch can be undone.
-- batch_history has a row for each batch written since history is kept
-- (batches older than this migration have none and cannot be undone): the
-- batch it undid, if it is an undo, and how many keys of each record type it
-- wrote. Each *_history table has, per batch and key it wrote, the record
-- as it was just before (present = 0 when there was none, the other columns
-- NULL), prev_batch, the batch that record was attributed to (NULL when it
-- was absent, or written before history was kept), and writer, the batch the
-- key is attributed to once this batch is written: the batch itself for an
-- import, the restored prev_batch for an undo. The latest history row of a
-- key therefore names its current writer, which is how an undo finds that a
-- later batch changed the same key. No foreign keys: history outlives the
-- regions it mentions.

-- +goose Up
CREATE TABLE batch_history (
    batch        INTEGER PRIMARY KEY REFERENCES batches (id),
    undoes       INTEGER REFERENCES batches (id),
    regions      INTEGER NOT NULL DEFAULT 0,
    observations INTEGER NOT NULL DEFAULT 0,
    facilities   INTEGER NOT NULL DEFAULT 0,
    grids        INTEGER NOT NULL DEFAULT 0,
    networks     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX batch_history_undoes ON batch_history (undoes);

CREATE TABLE observation_history (
    batch      INTEGER NOT NULL,
    indicator  TEXT NOT NULL,
    region     TEXT NOT NULL,
    period     INTEGER NOT NULL,
    present    INTEGER NOT NULL,
    prev_batch INTEGER,
    writer     INTEGER,
    value      REAL,
    PRIMARY KEY (batch, indicator, region, period)
) STRICT, WITHOUT ROWID;
CREATE INDEX observation_history_key ON observation_history (region, indicator, period, batch);

CREATE TABLE region_history (
    batch      INTEGER NOT NULL,
    code       TEXT NOT NULL,
    present    INTEGER NOT NULL,
    prev_batch INTEGER,
    writer     INTEGER,
    name       TEXT,
    level      TEXT,
    parent     TEXT,
    kind       TEXT,
    population INTEGER,
    households INTEGER,
    area_km2   REAL,
    label_lon  REAL,
    label_lat  REAL,
    generated  INTEGER,
    geometry   BLOB,
    minx       REAL,
    miny       REAL,
    maxx       REAL,
    maxy       REAL,
    PRIMARY KEY (batch, code)
) STRICT;
CREATE INDEX region_history_key ON region_history (code, batch);

CREATE TABLE facility_history (
    batch         INTEGER NOT NULL,
    id            TEXT NOT NULL,
    present       INTEGER NOT NULL,
    prev_batch    INTEGER,
    writer        INTEGER,
    type          TEXT,
    name          TEXT,
    floor_area_m2 REAL,
    region        TEXT,
    point         BLOB,
    minx          REAL,
    miny          REAL,
    maxx          REAL,
    maxy          REAL,
    PRIMARY KEY (batch, id)
) STRICT;
CREATE INDEX facility_history_key ON facility_history (id, batch);

CREATE TABLE grid_history (
    batch      INTEGER NOT NULL,
    code       TEXT NOT NULL,
    present    INTEGER NOT NULL,
    prev_batch INTEGER,
    writer     INTEGER,
    community  TEXT,
    households INTEGER,
    worker     TEXT,
    geometry   BLOB,
    minx       REAL,
    miny       REAL,
    maxx       REAL,
    maxy       REAL,
    PRIMARY KEY (batch, code)
) STRICT;
CREATE INDEX grid_history_key ON grid_history (code, batch);

CREATE TABLE network_history (
    batch        INTEGER NOT NULL,
    name         TEXT NOT NULL,
    present      INTEGER NOT NULL,
    prev_batch   INTEGER,
    writer       INTEGER,
    source       TEXT,
    nodes        INTEGER,
    segments     INTEGER,
    extent       BLOB,
    minx         REAL,
    miny         REAL,
    maxx         REAL,
    maxy         REAL,
    node_data    BLOB,
    segment_data BLOB,
    walk         BLOB,
    bicycle      BLOB,
    car          BLOB,
    homes        BLOB,
    PRIMARY KEY (batch, name)
) STRICT;
CREATE INDEX network_history_key ON network_history (name, batch);

-- +goose Down
DROP TABLE network_history;
DROP TABLE grid_history;
DROP TABLE facility_history;
DROP TABLE region_history;
DROP TABLE observation_history;
DROP TABLE batch_history;
