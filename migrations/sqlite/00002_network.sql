-- Road networks imported from OpenStreetMap extracts, one row per network,
-- replaced whole when a network of the same name is imported again. The
-- graphs are kept as the arrays the service holds in memory (see
-- geo/network.Parts for the encoding): node positions; segments with their
-- end nodes, lengths and geometry; per mode (walk, bicycle, car) the
-- compressed sparse row arrays — offsets, target nodes, costs in seconds,
-- segment ids — and what keeping the largest strongly connected component
-- dropped; the homes mapped in the extract. The extent (WKB Polygon, with
-- its box) is for finding the network that covers a place in SQL.

-- +goose Up
CREATE TABLE networks (
    name         TEXT PRIMARY KEY NOT NULL CHECK (name <> ''),
    source       TEXT NOT NULL,
    batch        INTEGER NOT NULL REFERENCES batches (id),
    nodes        INTEGER NOT NULL CHECK (nodes >= 0),
    segments     INTEGER NOT NULL CHECK (segments >= 0),
    extent       BLOB,
    minx         REAL,
    miny         REAL,
    maxx         REAL,
    maxy         REAL,
    node_data    BLOB NOT NULL,
    segment_data BLOB NOT NULL,
    walk         BLOB NOT NULL,
    bicycle      BLOB NOT NULL,
    car          BLOB NOT NULL,
    homes        BLOB NOT NULL
) STRICT;
CREATE INDEX networks_bbox ON networks (minx, maxx, miny, maxy);

-- +goose Down
DROP TABLE networks;
