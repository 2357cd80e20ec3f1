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
-- regions it mentions. Key columns use the "C" collation, as in the tables
-- they record.

-- +goose Up
CREATE TABLE batch_history (
    batch        bigint PRIMARY KEY REFERENCES batches (id),
    undoes       bigint REFERENCES batches (id),
    regions      integer NOT NULL DEFAULT 0,
    observations integer NOT NULL DEFAULT 0,
    facilities   integer NOT NULL DEFAULT 0,
    grids        integer NOT NULL DEFAULT 0,
    networks     integer NOT NULL DEFAULT 0
);
CREATE INDEX batch_history_undoes ON batch_history (undoes);

CREATE TABLE observation_history (
    batch      bigint NOT NULL,
    indicator  text COLLATE "C" NOT NULL,
    region     text COLLATE "C" NOT NULL,
    period     integer NOT NULL,
    present    boolean NOT NULL,
    prev_batch bigint,
    writer     bigint,
    value      double precision,
    PRIMARY KEY (batch, indicator, region, period)
);
CREATE INDEX observation_history_key ON observation_history (region, indicator, period, batch);

CREATE TABLE region_history (
    batch      bigint NOT NULL,
    code       text COLLATE "C" NOT NULL,
    present    boolean NOT NULL,
    prev_batch bigint,
    writer     bigint,
    name       text,
    level      text,
    parent     text COLLATE "C",
    kind       text,
    population bigint,
    households bigint,
    area_km2   double precision,
    label_lon  double precision,
    label_lat  double precision,
    generated  boolean,
    geometry   geometry(MultiPolygon, 4326),
    PRIMARY KEY (batch, code)
);
CREATE INDEX region_history_key ON region_history (code, batch);

CREATE TABLE facility_history (
    batch         bigint NOT NULL,
    id            text COLLATE "C" NOT NULL,
    present       boolean NOT NULL,
    prev_batch    bigint,
    writer        bigint,
    type          text,
    name          text,
    floor_area_m2 double precision,
    region        text COLLATE "C",
    point         geometry(Point, 4326),
    PRIMARY KEY (batch, id)
);
CREATE INDEX facility_history_key ON facility_history (id, batch);

CREATE TABLE grid_history (
    batch      bigint NOT NULL,
    code       text COLLATE "C" NOT NULL,
    present    boolean NOT NULL,
    prev_batch bigint,
    writer     bigint,
    community  text COLLATE "C",
    households bigint,
    worker     text,
    geometry   geometry(MultiPolygon, 4326),
    PRIMARY KEY (batch, code)
);
CREATE INDEX grid_history_key ON grid_history (code, batch);

CREATE TABLE network_history (
    batch        bigint NOT NULL,
    name         text COLLATE "C" NOT NULL,
    present      boolean NOT NULL,
    prev_batch   bigint,
    writer       bigint,
    source       text,
    nodes        integer,
    segments     integer,
    extent       geometry(Polygon, 4326),
    node_data    bytea,
    segment_data bytea,
    walk         bytea,
    bicycle      bytea,
    car          bytea,
    homes        bytea,
    PRIMARY KEY (batch, name)
);
CREATE INDEX network_history_key ON network_history (name, batch);

-- +goose Down
DROP TABLE network_history;
DROP TABLE grid_history;
DROP TABLE facility_history;
DROP TABLE region_history;
DROP TABLE observation_history;
DROP TABLE batch_history;
