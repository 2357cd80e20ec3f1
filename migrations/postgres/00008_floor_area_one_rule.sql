-- The notice's floor-area standard is one rule: a community's service
-- centre has at least max(400 m², 20 m² per 100 households). It was two
-- indicators, service_centre_area (m²) and service_centre_area_per_100hh;
-- their stored values become service_centre_floor_area, the area as a
-- percentage of the community's standard, as the importer converts a file
-- that still uses the old ids. Where a community has both, the area in m²
-- wins (it needs no household count); a per-100-households figure for a
-- community without households gives no area and is dropped, as the
-- importer refuses it. Values above the community level were never stored
-- under these ids by the importer and are dropped too.

-- +goose Up
INSERT INTO observations (indicator, region, period, value, batch)
SELECT 'service_centre_floor_area', o.region, o.period, round((o.value * 100.0 / GREATEST(400.0, 20.0 * r.households / 100.0))::numeric, 1)::double precision, o.batch
FROM observations o JOIN regions r ON r.code = o.region
WHERE o.indicator = 'service_centre_area' AND r.level = 'community'
ON CONFLICT (indicator, region, period) DO NOTHING;
INSERT INTO observations (indicator, region, period, value, batch)
SELECT 'service_centre_floor_area', o.region, o.period, round((o.value * r.households / 100.0 * 100.0 / GREATEST(400.0, 20.0 * r.households / 100.0))::numeric, 1)::double precision, o.batch
FROM observations o JOIN regions r ON r.code = o.region
WHERE o.indicator = 'service_centre_area_per_100hh' AND r.level = 'community' AND r.households > 0
ON CONFLICT (indicator, region, period) DO NOTHING;
DELETE FROM observations WHERE indicator IN ('service_centre_area', 'service_centre_area_per_100hh');

-- +goose Down
-- The old figures cannot be recovered from the share exactly (rounding),
-- and the service no longer reads them: going down leaves the data as is.
SELECT 1;
