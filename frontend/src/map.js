// The MapLibre map: vector tiles of the regions, coloured by joining the
// choropleth answer on `code` through feature-state (tiles carry no values).

import maplibregl from 'maplibre-gl';
import { addOverlaySources, gridHighlight, overlayLayers } from './layerstyle.js';
import { facilityColours, overlayColours } from './palette.js';
import { levels } from './state.js';

export { facilityColours } from './palette.js';

const land = '#f7f5ef';
const water = '#e4ecf2';
// Vector tiles past this zoom are overzoomed from it: fine enough for
// community boundaries, and far fewer requests.
const maxTileZoom = 14;

function vectorSource(tj, promoteId) {
  return {
    type: 'vector', tiles: tj.tiles, bounds: tj.bounds, promoteId,
    minzoom: tj.minzoom ?? 0, maxzoom: Math.min(tj.maxzoom ?? maxTileZoom, maxTileZoom),
  };
}

function regionLayers(level, opacity) {
  const src = { source: level, 'source-layer': level, layout: { visibility: 'none' } };
  return [
    {
      id: `${level}-fill`, type: 'fill', ...src,
      paint: { 'fill-color': ['coalesce', ['feature-state', 'colour'], 'rgba(0,0,0,0)'], 'fill-opacity': opacity },
    },
    {
      id: `${level}-line`, type: 'line', ...src,
      paint: {
        'line-color': ['case', ['boolean', ['feature-state', 'hover'], false], '#222222', '#ffffff'],
        'line-width': ['case', ['boolean', ['feature-state', 'hover'], false], 2.5, level === 'community' ? 0.4 : 0.8],
      },
    },
  ];
}

function selectedLayer(level) {
  return {
    id: `${level}-selected`, type: 'line', source: level, 'source-layer': level, layout: { visibility: 'none' },
    filter: ['==', ['get', 'code'], ''],
    paint: { 'line-color': '#111111', 'line-width': 3.5 },
  };
}

/** The style: background, optional basemap, regions, outlines, grids, facilities. */
export function atlasStyle(tilejsons, basemap) {
  const sources = {};
  for (const l of levels) sources[l] = vectorSource(tilejsons[l], 'code');
  sources.facility = vectorSource(tilejsons.facility, 'id');
  sources.grid = vectorSource(tilejsons.grid, 'code');
  addOverlaySources(sources);
  const layers = [{ id: 'background', type: 'background', paint: { 'background-color': water } }];
  if (basemap.url) {
    sources.basemap = { type: 'raster', tiles: [basemap.url], tileSize: 256, attribution: basemap.attribution || '' };
    layers.push({ id: 'basemap', type: 'raster', source: 'basemap' });
  }
  layers.push({
    id: 'land', type: 'fill', source: levels[0], 'source-layer': levels[0],
    paint: { 'fill-color': land, 'fill-opacity': basemap.url ? 0 : 1 },
  });
  // Opaque without a basemap, so the rendered colours are exactly the
  // legend's colours.
  for (const l of levels) layers.push(...regionLayers(l, basemap.url ? 0.75 : 1));
  layers.push(...overlayLayers());
  layers.push({
    id: 'grid-line', type: 'line', source: 'grid', 'source-layer': 'grid', minzoom: 11, layout: { visibility: 'none' },
    paint: { 'line-color': overlayColours.grid, 'line-width': 0.6, 'line-dasharray': [2, 1] },
  });
  // The outlines of the regions the map opens on (Nantong's counties).
  layers.push({
    id: 'top-outline', type: 'line', source: levels[0], 'source-layer': levels[0],
    paint: { 'line-color': '#4a5360', 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 1, 12, 2.5] },
  });
  for (const l of levels) layers.push(selectedLayer(l));
  layers.push(gridHighlight);
  const match = ['match', ['get', 'type']];
  for (const [type, colour] of Object.entries(facilityColours)) match.push(type, colour);
  match.push('#666666');
  layers.push({
    id: 'facility-circle', type: 'circle', source: 'facility', 'source-layer': 'facility', layout: { visibility: 'none' },
    paint: {
      'circle-color': match, 'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 2.5, 13, 6],
      'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1,
    },
  });
  return { version: 8, sources, layers };
}

/**
 * Creates the map in container; resolves when the style has loaded, before
 * any tile has, so the first frame with tiles already has its colours.
 */
export function createMap(container, tilejsons, basemap, view) {
  const map = new maplibregl.Map({
    container, style: atlasStyle(tilejsons, basemap), hash: 'map', attributionControl: basemap.url ? {} : false,
    bounds: view ? undefined : tilejsons.county.bounds, fitBoundsOptions: { padding: 24 },
    doubleClickZoom: false, dragRotate: false, pitchWithRotate: false, maxZoom: 17, minZoom: 5,
  });
  map.touchZoomRotate.disableRotation();
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
  return new Promise((resolve) => {
    if (map.isStyleLoaded()) resolve(map);
    else map.once('style.load', () => resolve(map));
  });
}

/** Shows the regions of level inside parent (a code prefix), hides the rest. */
export function showLevel(map, level, parent) {
  const filter = parent ? ['==', ['slice', ['get', 'code'], 0, parent.length], parent] : null;
  for (const l of levels) {
    for (const kind of ['fill', 'line']) {
      const id = `${l}-${kind}`;
      map.setLayoutProperty(id, 'visibility', l === level ? 'visible' : 'none');
      map.setFilter(id, l === level ? filter : null);
    }
  }
}

/** Colours the regions of level with the choropleth answer's colours. */
export function paintRegions(map, level, items) {
  for (const l of levels) map.removeFeatureState({ source: l, sourceLayer: l });
  for (const it of items) {
    map.setFeatureState({ source: level, sourceLayer: level, id: it.code }, { colour: it.colour });
  }
}

/**
 * Outlines the selected region of level, or none. The other levels' layers
 * are hidden, so their tiles are not loaded.
 */
export function markSelected(map, level, code) {
  for (const l of levels) {
    map.setLayoutProperty(`${l}-selected`, 'visibility', l === level ? 'visible' : 'none');
    map.setFilter(`${l}-selected`, ['==', ['get', 'code'], l === level ? code : '']);
  }
}

/** Shows or hides the facility and grid layers. */
export function showOverlays(map, facilities, grids) {
  map.setLayoutProperty('facility-circle', 'visibility', facilities ? 'visible' : 'none');
  map.setLayoutProperty('grid-line', 'visibility', grids ? 'visible' : 'none');
}

/** The bounding box [w, s, e, n] of a GeoJSON geometry. */
export function bbox(geometry) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c) => {
    if (typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0]); b[1] = Math.min(b[1], c[1]);
      b[2] = Math.max(b[2], c[0]); b[3] = Math.max(b[3], c[1]);
    } else c.forEach(walk);
  };
  walk(geometry.coordinates);
  return b;
}
