-- Per-region targets: the quotas of the notice's annexes (指标分解表), which
-- break the city's targets down by county. One row replaces the catalogue's
-- target of an indicator for one region in one period, at the region's level
-- (the share target of a share_meeting roll-up above the data level). A NULL
-- bound is one the comparator does not use (min for ≤, max for ≥).

-- +goose Up
CREATE TABLE targets (
    indicator TEXT NOT NULL CHECK (indicator <> ''),
    region    TEXT NOT NULL REFERENCES regions (code),
    period    INTEGER NOT NULL,
    urban_min REAL,
    urban_max REAL,
    rural_min REAL,
    rural_max REAL,
    batch     INTEGER NOT NULL REFERENCES batches (id),
    PRIMARY KEY (indicator, region, period),
    CHECK (urban_min IS NOT NULL OR urban_max IS NOT NULL),
    CHECK (rural_min IS NOT NULL OR rural_max IS NOT NULL)
) STRICT, WITHOUT ROWID;
CREATE INDEX targets_region ON targets (region);

-- +goose Down
DROP TABLE targets;
