-- Per-region targets: the quotas of the notice's annexes (指标分解表), which
-- break the city's targets down by county. One row replaces the catalogue's
-- target of an indicator for one region in one period, at the region's level
-- (the share target of a share_meeting roll-up above the data level). A NULL
-- bound is one the comparator does not use (min for ≤, max for ≥).

-- +goose Up
CREATE TABLE targets (
    indicator text COLLATE "C" NOT NULL CHECK (indicator <> ''),
    region    text COLLATE "C" NOT NULL REFERENCES regions (code),
    period    integer NOT NULL,
    urban_min double precision,
    urban_max double precision,
    rural_min double precision,
    rural_max double precision,
    batch     bigint NOT NULL REFERENCES batches (id),
    PRIMARY KEY (indicator, region, period),
    CHECK (urban_min IS NOT NULL OR urban_max IS NOT NULL),
    CHECK (rural_min IS NOT NULL OR rural_max IS NOT NULL)
);
CREATE INDEX targets_region ON targets (region);

-- +goose Down
DROP TABLE targets;
