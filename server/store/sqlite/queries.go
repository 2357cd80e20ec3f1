package sqlite

import "github.com/community-atlas/atlas/server/store/internal/rowscan"

// The SQL of the atlas data, all in one place but for Load's SELECTs, which
// it shares with the PostGIS store (rowscan.Select); the accounts' is in
// accountsql.go. Upserts update every column but the key, so a second
// write of a record replaces it whole.
const (
	// Reading the schema touches the file, unlike SELECT 1.
	pingSQL      = `SELECT count(*) FROM sqlite_schema`
	anyRegionSQL = `SELECT EXISTS (SELECT 1 FROM regions)`

	insertBatchSQL = `INSERT INTO batches (kind, source, rows, at, username, report) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`
	batchReportSQL = `SELECT report FROM batches WHERE id = $1`
	// A removed region's observations go with it; facilities and grids
	// in it make the removal fail (see store.Changeset).

	upsertRegionSQL = `
INSERT INTO regions (code, name, level, parent, kind, population, households,
                     area_km2, label_lon, label_lat, generated,
                     geometry, minx, miny, maxx, maxy)
VALUES ($1, $2, $3, NULLIF($4, ''), NULLIF($5, ''), $6, $7,
        $8, $9, $10, $11,
        $12, $13, $14, $15, $16)
ON CONFLICT (code) DO UPDATE SET
    name = excluded.name, level = excluded.level, parent = excluded.parent,
    kind = excluded.kind, population = excluded.population,
    households = excluded.households, area_km2 = excluded.area_km2,
    label_lon = excluded.label_lon, label_lat = excluded.label_lat,
    generated = excluded.generated, geometry = excluded.geometry,
    minx = excluded.minx, miny = excluded.miny,
    maxx = excluded.maxx, maxy = excluded.maxy`

	upsertObservationSQL = `
INSERT INTO observations (indicator, region, period, value, batch)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (indicator, region, period) DO UPDATE SET
    value = excluded.value, batch = excluded.batch`

	upsertFacilitySQL = `
INSERT INTO facilities (id, type, name, floor_area_m2, region,
                        point, minx, miny, maxx, maxy)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7, $8)
ON CONFLICT (id) DO UPDATE SET
    type = excluded.type, name = excluded.name,
    floor_area_m2 = excluded.floor_area_m2, region = excluded.region,
    point = excluded.point, minx = excluded.minx, miny = excluded.miny,
    maxx = excluded.maxx, maxy = excluded.maxy`

	upsertGridSQL = `
INSERT INTO grids (code, community, households, worker,
                   geometry, minx, miny, maxx, maxy)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (code) DO UPDATE SET
    community = excluded.community, households = excluded.households,
    worker = excluded.worker, geometry = excluded.geometry,
    minx = excluded.minx, miny = excluded.miny,
    maxx = excluded.maxx, maxy = excluded.maxy`
)

const upsertNetworkSQL = `
INSERT INTO networks (name, source, batch, nodes, segments, extent, minx, miny, maxx, maxy,
                      node_data, segment_data, walk, bicycle, car, homes)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
ON CONFLICT (name) DO UPDATE SET
    source = excluded.source, batch = excluded.batch, nodes = excluded.nodes,
    segments = excluded.segments, extent = excluded.extent,
    minx = excluded.minx, miny = excluded.miny, maxx = excluded.maxx, maxy = excluded.maxy,
    node_data = excluded.node_data, segment_data = excluded.segment_data,
    walk = excluded.walk, bicycle = excluded.bicycle, car = excluded.car, homes = excluded.homes`

// loadSQL reads the geometry columns as they are: they hold WKB.
var loadSQL = rowscan.Select(func(column string) string { return column })

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
