-- The initial schema: import batches, the division hierarchy with its
-- boundaries, indicator observations, facilities and management grids.
-- Geometry is kept as WKB (EPSG:4326 lon/lat) with its bounding box beside it,
-- so that spatial filters can select rows on the box without decoding blobs.
-- Tables are STRICT so that a value of the wrong type is an error, as in
-- PostgreSQL, rather than silently stored.

-- +goose Up
CREATE TABLE batches (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    kind   TEXT NOT NULL,
    source TEXT NOT NULL,
    rows   INTEGER NOT NULL CHECK (rows >= 0),
    -- RFC 3339 in UTC with microseconds, so it sorts as text.
    at     TEXT NOT NULL
) STRICT;

CREATE TABLE regions (
    code       TEXT PRIMARY KEY NOT NULL CHECK (code <> ''),
    name       TEXT NOT NULL,
    level      TEXT NOT NULL CHECK (level IN ('city', 'county', 'township', 'community')),
    -- NULL for the city, the root of the hierarchy.
    parent     TEXT REFERENCES regions (code),
    -- NULL except for communities.
    kind       TEXT CHECK (kind IN ('urban', 'rural')),
    population INTEGER NOT NULL CHECK (population >= 0),
    households INTEGER NOT NULL CHECK (households >= 0),
    area_km2   REAL NOT NULL CHECK (area_km2 >= 0),
    label_lon  REAL NOT NULL,
    label_lat  REAL NOT NULL,
    generated  INTEGER NOT NULL CHECK (generated IN (0, 1)),
    -- WKB MultiPolygon; NULL, with a NULL box, while a region has no boundary.
    geometry   BLOB,
    minx       REAL,
    miny       REAL,
    maxx       REAL,
    maxy       REAL
) STRICT;
CREATE INDEX regions_parent ON regions (parent);
CREATE INDEX regions_bbox ON regions (minx, maxx, miny, maxy);

CREATE TABLE observations (
    indicator TEXT NOT NULL CHECK (indicator <> ''),
    region    TEXT NOT NULL REFERENCES regions (code),
    period    INTEGER NOT NULL,
    value     REAL NOT NULL,
    batch     INTEGER NOT NULL REFERENCES batches (id),
    PRIMARY KEY (indicator, region, period)
) STRICT, WITHOUT ROWID;
CREATE INDEX observations_region ON observations (region);

CREATE TABLE facilities (
    id            TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
    type          TEXT NOT NULL CHECK (type IN ('health_centre', 'health_station', 'village_clinic', 'police_post', 'service_centre')),
    name          TEXT NOT NULL,
    floor_area_m2 REAL NOT NULL CHECK (floor_area_m2 >= 0),
    region        TEXT NOT NULL REFERENCES regions (code),
    -- WKB Point; its box is the point itself.
    point         BLOB NOT NULL,
    minx          REAL NOT NULL,
    miny          REAL NOT NULL,
    maxx          REAL NOT NULL,
    maxy          REAL NOT NULL
) STRICT;
CREATE INDEX facilities_region ON facilities (region);
CREATE INDEX facilities_bbox ON facilities (minx, maxx, miny, maxy);

CREATE TABLE grids (
    code       TEXT PRIMARY KEY NOT NULL CHECK (code <> ''),
    community  TEXT NOT NULL REFERENCES regions (code),
    households INTEGER NOT NULL CHECK (households >= 0),
    -- Empty where no grid worker is assigned.
    worker     TEXT NOT NULL,
    -- WKB MultiPolygon; NULL, with a NULL box, while a grid has no boundary.
    geometry   BLOB,
    minx       REAL,
    miny       REAL,
    maxx       REAL,
    maxy       REAL
) STRICT;
CREATE INDEX grids_community ON grids (community);
CREATE INDEX grids_bbox ON grids (minx, maxx, miny, maxy);

-- +goose Down
DROP TABLE grids;
DROP TABLE facilities;
DROP TABLE observations;
DROP TABLE regions;
DROP TABLE batches;
