-- The initial schema: import batches, the division hierarchy with its
-- boundaries, indicator observations, facilities and management grids.
-- Key columns use the "C" collation so that ORDER BY matches Go's byte order
-- (and SQLite's) whatever the database's default collation is.

-- +goose Up
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE batches (
    id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind   text NOT NULL,
    source text NOT NULL,
    rows   integer NOT NULL CHECK (rows >= 0),
    at     timestamptz NOT NULL
);

CREATE TABLE regions (
    code       text COLLATE "C" PRIMARY KEY CHECK (code <> ''),
    name       text NOT NULL,
    level      text NOT NULL CHECK (level IN ('city', 'county', 'township', 'community')),
    -- NULL for the city, the root of the hierarchy.
    parent     text COLLATE "C" REFERENCES regions (code),
    -- NULL except for communities.
    kind       text CHECK (kind IN ('urban', 'rural')),
    population bigint NOT NULL CHECK (population >= 0),
    households bigint NOT NULL CHECK (households >= 0),
    area_km2   double precision NOT NULL CHECK (area_km2 >= 0),
    label_lon  double precision NOT NULL,
    label_lat  double precision NOT NULL,
    generated  boolean NOT NULL,
    -- NULL while a region has no boundary.
    geometry   geometry(MultiPolygon, 4326)
);
CREATE INDEX regions_parent ON regions (parent);
CREATE INDEX regions_geometry ON regions USING gist (geometry);

CREATE TABLE observations (
    indicator text COLLATE "C" NOT NULL CHECK (indicator <> ''),
    region    text COLLATE "C" NOT NULL REFERENCES regions (code),
    period    integer NOT NULL,
    value     double precision NOT NULL,
    batch     bigint NOT NULL REFERENCES batches (id),
    PRIMARY KEY (indicator, region, period)
);
CREATE INDEX observations_region ON observations (region);

CREATE TABLE facilities (
    id            text COLLATE "C" PRIMARY KEY CHECK (id <> ''),
    type          text NOT NULL CHECK (type IN ('health_centre', 'health_station', 'village_clinic', 'police_post', 'service_centre')),
    name          text NOT NULL,
    floor_area_m2 double precision NOT NULL CHECK (floor_area_m2 >= 0),
    region        text COLLATE "C" NOT NULL REFERENCES regions (code),
    point         geometry(Point, 4326) NOT NULL
);
CREATE INDEX facilities_region ON facilities (region);
CREATE INDEX facilities_point ON facilities USING gist (point);

CREATE TABLE grids (
    code       text COLLATE "C" PRIMARY KEY CHECK (code <> ''),
    community  text COLLATE "C" NOT NULL REFERENCES regions (code),
    households bigint NOT NULL CHECK (households >= 0),
    -- Empty where no grid worker is assigned.
    worker     text NOT NULL,
    -- NULL while a grid has no boundary.
    geometry   geometry(MultiPolygon, 4326)
);
CREATE INDEX grids_community ON grids (community);
CREATE INDEX grids_geometry ON grids USING gist (geometry);

-- +goose Down
-- The postgis extension stays: other schemas of the database may use it.
DROP TABLE grids;
DROP TABLE facilities;
DROP TABLE observations;
DROP TABLE regions;
DROP TABLE batches;
