package postgis

import "github.com/community-atlas/atlas/server/store/internal/rowscan"

// The SQL of the atlas data, all in one place but for Load's SELECTs, which
// it shares with the SQLite store (rowscan.Select); the accounts' is in
// accountsql.go. Each record type is written by COPY into a
// transaction-scoped temporary table and one INSERT … SELECT … ON CONFLICT
// from it; the single-row upserts are used only to find which record a
// failed bulk write refused. Upserts update every column but the key, so a
// second write of a record replaces it whole.
const (
	anyRegionSQL = `SELECT EXISTS (SELECT 1 FROM regions)`

	insertBatchSQL = `INSERT INTO batches (kind, source, rows, at, username, report) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`
	batchReportSQL = `SELECT report FROM batches WHERE id = $1`
	// A removed region's observations go with it; facilities and grids
	// in it make the removal fail (see store.Changeset).

	regionsTemp      = "regions_in"
	createRegionsSQL = `
CREATE TEMP TABLE regions_in (
    code text, name text, level text, parent text, kind text,
    population bigint, households bigint, area_km2 double precision,
    label_lon double precision, label_lat double precision, generated boolean,
    geometry bytea
) ON COMMIT DROP`
	mergeRegionsSQL = `
INSERT INTO regions (code, name, level, parent, kind, population, households,
                     area_km2, label_lon, label_lat, generated, geometry)
SELECT code, name, level, NULLIF(parent, ''), NULLIF(kind, ''), population, households,
       area_km2, label_lon, label_lat, generated, ST_GeomFromWKB(geometry, 4326)
FROM regions_in` + onRegionConflict
	upsertRegionSQL = `
INSERT INTO regions (code, name, level, parent, kind, population, households,
                     area_km2, label_lon, label_lat, generated, geometry)
VALUES ($1, $2, $3, NULLIF($4, ''), NULLIF($5, ''), $6, $7,
        $8, $9, $10, $11, ST_GeomFromWKB($12, 4326))` + onRegionConflict
	onRegionConflict = `
ON CONFLICT (code) DO UPDATE SET
    name = excluded.name, level = excluded.level, parent = excluded.parent,
    kind = excluded.kind, population = excluded.population,
    households = excluded.households, area_km2 = excluded.area_km2,
    label_lon = excluded.label_lon, label_lat = excluded.label_lat,
    generated = excluded.generated, geometry = excluded.geometry`

	observationsTemp      = "observations_in"
	createObservationsSQL = `
CREATE TEMP TABLE observations_in (
    indicator text, region text, period integer, value double precision
) ON COMMIT DROP`
	mergeObservationsSQL = `
INSERT INTO observations (indicator, region, period, value, batch)
SELECT indicator, region, period, value, $1 FROM observations_in` + onObservationConflict
	upsertObservationSQL = `
INSERT INTO observations (indicator, region, period, value, batch)
VALUES ($1, $2, $3, $4, $5)` + onObservationConflict
	onObservationConflict = `
ON CONFLICT (indicator, region, period) DO UPDATE SET
    value = excluded.value, batch = excluded.batch`

	facilitiesTemp      = "facilities_in"
	createFacilitiesSQL = `
CREATE TEMP TABLE facilities_in (
    id text, type text, name text, floor_area_m2 double precision,
    region text, point bytea
) ON COMMIT DROP`
	mergeFacilitiesSQL = `
INSERT INTO facilities (id, type, name, floor_area_m2, region, point)
SELECT id, type, name, floor_area_m2, region, ST_GeomFromWKB(point, 4326)
FROM facilities_in` + onFacilityConflict
	upsertFacilitySQL = `
INSERT INTO facilities (id, type, name, floor_area_m2, region, point)
VALUES ($1, $2, $3, $4, $5, ST_GeomFromWKB($6, 4326))` + onFacilityConflict
	onFacilityConflict = `
ON CONFLICT (id) DO UPDATE SET
    type = excluded.type, name = excluded.name,
    floor_area_m2 = excluded.floor_area_m2, region = excluded.region,
    point = excluded.point`

	gridsTemp      = "grids_in"
	createGridsSQL = `
CREATE TEMP TABLE grids_in (
    code text, community text, households bigint, worker text, geometry bytea
) ON COMMIT DROP`
	mergeGridsSQL = `
INSERT INTO grids (code, community, households, worker, geometry)
SELECT code, community, households, worker, ST_GeomFromWKB(geometry, 4326)
FROM grids_in` + onGridConflict
	upsertGridSQL = `
INSERT INTO grids (code, community, households, worker, geometry)
VALUES ($1, $2, $3, $4, ST_GeomFromWKB($5, 4326))` + onGridConflict
	onGridConflict = `
ON CONFLICT (code) DO UPDATE SET
    community = excluded.community, households = excluded.households,
    worker = excluded.worker, geometry = excluded.geometry`
)

const (
	networksTemp      = "networks_in"
	createNetworksSQL = `
CREATE TEMP TABLE networks_in (
    name text, source text, nodes integer, segments integer, extent bytea,
    node_data bytea, segment_data bytea, walk bytea, bicycle bytea, car bytea, homes bytea
) ON COMMIT DROP`
	mergeNetworksSQL = `
INSERT INTO networks (name, source, batch, nodes, segments, extent,
                      node_data, segment_data, walk, bicycle, car, homes)
SELECT name, source, $1, nodes, segments, ST_GeomFromWKB(extent, 4326),
       node_data, segment_data, walk, bicycle, car, homes
FROM networks_in` + onNetworkConflict
	upsertNetworkSQL = `
INSERT INTO networks (name, source, nodes, segments, extent,
                      node_data, segment_data, walk, bicycle, car, homes, batch)
VALUES ($1, $2, $3, $4, ST_GeomFromWKB($5, 4326), $6, $7, $8, $9, $10, $11, $12)` + onNetworkConflict
	onNetworkConflict = `
ON CONFLICT (name) DO UPDATE SET
    source = excluded.source, batch = excluded.batch, nodes = excluded.nodes,
    segments = excluded.segments, extent = excluded.extent,
    node_data = excluded.node_data, segment_data = excluded.segment_data,
    walk = excluded.walk, bicycle = excluded.bicycle, car = excluded.car, homes = excluded.homes`
)

// loadSQL reads the geometry columns through ST_AsBinary. Its ORDER BY
// sorts text as SQLite does because the key columns are declared with the
// "C" collation, so that snapshots built from either store are identical.
var loadSQL = rowscan.Select(func(column string) string { return "ST_AsBinary(" + column + ")" })

// removeRegionSQL deletes one region, its data first: observations,
// checklist entries and targets describe a division that is gone (facilities and grids,
// which exist on the ground, make the last statement fail instead).
var removeRegionSQL = []string{
	`DELETE FROM observations WHERE region = $1`,
	`DELETE FROM checklist_files WHERE region = $1`,
	`DELETE FROM checklist WHERE region = $1`,
	`DELETE FROM targets WHERE region = $1`,
	`DELETE FROM regions WHERE code = $1`,
}
