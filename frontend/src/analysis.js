// The analyses for a state: the overlays (grid gaps and overlaps with the
// grid layer; the health circle's isochrones, uncovered clusters, siting
// suggestions and the what-if scenario) and the choropleth, the API's or a
// computed layer's. Each answer is the API's, asked once per request
// (api.js caches them).

import { choroplethURL, getJSON, postJSON, url } from './api.js';
import { buildComputed, healthParams, loadComputed } from './computed.js';
import { setOverlayData, showOverlay } from './layerstyle.js';

/** Whether the state asks for a what-if answer: the mode is on and something changed. */
function scenarioActive(s) {
  return s.whatif && (s.add.length > 0 || s.remove.length > 0);
}

/** The body of a what-if request for the regions in view. */
function whatIfBody(s) {
  const body = { level: s.level, parent: s.parent, add: s.add, remove: s.remove };
  if (s.hmode) body.mode = s.hmode;
  if (s.minutes !== 15) body.minutes = s.minutes;
  return body;
}

/** The body of a siting request for the region in view. */
function sitingBody(s) {
  const body = { k: s.sites, parent: s.parent };
  if (s.hmode) body.mode = s.hmode;
  if (s.minutes !== 15) body.minutes = s.minutes;
  return body;
}

// GeoJSON ids of gaps and overlaps are strings, which MapLibre drops from
// features; the id is copied into the properties so it can be read back.
const withIds = new WeakMap();
function keepIds(fc) {
  if (!withIds.has(fc)) {
    withIds.set(fc, { ...fc, features: fc.features.map((f) => ({ ...f, properties: { ...f.properties, id: f.id } })) });
  }
  return withIds.get(fc);
}

async function gridOverlays(s) {
  const scope = { parent: s.parent };
  const [gaps, overlaps] = await Promise.all([
    getJSON(url('/api/v1/coverage/grid/gaps', scope)),
    getJSON(url('/api/v1/coverage/grid/overlaps', scope)),
  ]);
  return { gaps: keepIds(gaps), overlaps: keepIds(overlaps) };
}

/** The isochrones of the clinics a scenario adds, one Feature each. */
async function addedIsochrones(s) {
  const features = await Promise.all(s.add.map((c) =>
    getJSON(url('/api/v1/isochrones', healthParams(s, { lon: c.lon.toFixed(6), lat: c.lat.toFixed(6) })))));
  return { type: 'FeatureCollection', features };
}

const healthTypes = ['health_centre', 'health_station', 'village_clinic'];

/** The facilities a scenario closes, with their places and names where known. */
async function closedFacilities(s) {
  const all = (await getJSON(url('/api/v1/facilities', { type: healthTypes.join(',') }))).items;
  return s.remove.map((id) => all.find((f) => f.id === id) ?? { id, name: id });
}

/**
 * Loads what the state shows: {grid, iso, uncovered, siting, whatif,
 * whatifIso, closed}, null where off. A failing part is null and its error is in
 * errors; the rest still come.
 */
export async function loadAnalysis(s) {
  const scope = healthParams(s, { parent: s.parent });
  const scenario = scenarioActive(s);
  const parts = {
    grid: s.grids ? gridOverlays(s) : null,
    iso: s.iso ? getJSON(url('/api/v1/isochrones.geojson', scope)) : null,
    uncovered: s.uncovered ? getJSON(url('/api/v1/coverage/health/uncovered', scope)) : null,
    siting: s.siting ? postJSON('/api/v1/coverage/health/siting', sitingBody(s)) : null,
    whatif: scenario ? postJSON('/api/v1/coverage/health/whatif', whatIfBody(s)) : null,
    whatifIso: scenario && s.add.length ? addedIsochrones(s) : null,
    closed: s.whatif && s.remove.length ? closedFacilities(s) : null,
  };
  const out = { errors: [] };
  await Promise.all(Object.entries(parts).map(async ([k, p]) => {
    try {
      out[k] = await p;
    } catch (err) {
      out[k] = null;
      out.errors.push(err);
    }
  }));
  return out;
}

/**
 * Switches off the overlays that analyse one indicator (grid gaps and
 * overlaps, the health circle, uncovered clusters, siting and the what-if
 * changes), so that a new indicator never shows them mixed with its own
 * map. The facilities, a base layer, stay.
 */
export function dropOverlays(s) {
  Object.assign(s, { grids: false, iso: false, uncovered: false, siting: false, whatif: false, add: [], remove: [] });
}

/** Draws loaded answers: sets the overlay sources and shows those in use. */
export function drawAnalysis(map, a) {
  const data = {
    'grid-gaps': a.grid?.gaps, 'grid-overlaps': a.grid?.overlaps, isochrones: a.iso, uncovered: a.uncovered,
    'whatif-iso': a.whatifIso,
  };
  for (const [id, d] of Object.entries(data)) {
    setOverlayData(map, id, d);
    showOverlay(map, id, Boolean(d));
  }
}

/** The overlay sources the state shows, for waiting until they are drawn. */
export function shownSources(s) {
  const ids = [];
  if (s.grids) ids.push('grid-gaps', 'grid-overlaps');
  if (s.iso) ids.push('isochrones');
  if (s.uncovered) ids.push('uncovered');
  if (scenarioActive(s) && s.add.length) ids.push('whatif-iso');
  return ids;
}

/**
 * The choropleth of a state: the API's for a catalogue indicator, built
 * here for a computed layer (from the what-if answer while one is shown).
 */
export async function loadChoropleth(s, indicator, pending) {
  const layer = indicator.layer;
  if (!layer) return getJSON(choroplethURL(s));
  if (layer.kind === 'health' && scenarioActive(s)) {
    const a = await pending;
    if (a.whatif) return buildComputed(layer, a.whatif, s.level);
  }
  return loadComputed(layer, s);
}
