-- Road networks imported from OpenStreetMap extracts, one row per network,
-- replaced whole when a network of the same name is imported again. The
-- graphs are kept as the arrays the service holds in memory (see
-- geo/network.Parts for the encoding): node positions; segments with their
-- end nodes, lengths and geometry; per mode (walk, bicycle, car) the
-- compressed sparse row arrays — offsets, target nodes, costs in seconds,
-- segment ids — and what keeping the largest strongly connected component
-- dropped; the homes mapped in the extract. The extent is for finding the
-- network that covers a place in SQL.

-- +goose Up
CREATE TABLE networks (
    name         text COLLATE "C" PRIMARY KEY CHECK (name <> ''),
    source       text NOT NULL,
    batch        bigint NOT NULL REFERENCES batches (id),
    nodes        integer NOT NULL CHECK (nodes >= 0),
    segments     integer NOT NULL CHECK (segments >= 0),
    extent       geometry(Polygon, 4326),
    node_data    bytea NOT NULL,
    segment_data bytea NOT NULL,
    walk         bytea NOT NULL,
    bicycle      bytea NOT NULL,
    car          bytea NOT NULL,
    homes        bytea NOT NULL
);
CREATE INDEX networks_extent ON networks USING gist (extent);

-- +goose Down
DROP TABLE networks;
