// The analysis overlays' sources and layers: grid gaps and overlaps, the
// health circle's isochrones and uncovered clusters, and the isochrones of
// clinics dropped in the what-if mode. Their data are GeoJSON answers of
// the API, set when a layer is switched on.

import { overlayColours } from './palette.js';

const empty = { type: 'FeatureCollection', features: [] };

/** Colours of the overlays (the legend uses them too); see palette.js. */
export { overlayColours } from './palette.js';

/** GeoJSON sources of the overlays. */
const overlaySources = ['isochrones', 'uncovered', 'grid-gaps', 'grid-overlaps', 'whatif-iso'];

const hidden = { visibility: 'none' };

function area(id, source, fill, line, opacity, width = 1, dash) {
  const paint = { 'line-color': line, 'line-width': width };
  if (dash) paint['line-dasharray'] = dash;
  return [
    { id: `${id}-fill`, type: 'fill', source, layout: { ...hidden }, paint: { 'fill-color': fill, 'fill-opacity': opacity } },
    { id: `${id}-line`, type: 'line', source, layout: { ...hidden }, paint },
  ];
}

/** Overlay layers drawn over the regions, under the outlines and facilities. */
export function overlayLayers() {
  const c = overlayColours;
  return [
    ...area('isochrones', 'isochrones', c.isochrone, c.isochroneLine, 0.22),
    ...area('uncovered', 'uncovered', c.uncovered, c.uncoveredLine, 0.55),
    ...area('grid-gaps', 'grid-gaps', c.gap, c.gapLine, 0.6),
    ...area('grid-overlaps', 'grid-overlaps', c.overlap, c.overlapLine, 0.8),
    ...area('whatif-iso', 'whatif-iso', c.whatif, c.whatifLine, 0.25, 2, [2, 1]),
  ];
}

/** The grid the panel points at, outlined boldly over everything else. */
export const gridHighlight = {
  id: 'grid-highlight', type: 'line', source: 'grid', 'source-layer': 'grid', layout: { ...hidden },
  filter: ['==', ['get', 'code'], ''], paint: { 'line-color': overlayColours.grid, 'line-width': 4 },
};

/** Adds the overlays' empty sources to a style's sources. */
export function addOverlaySources(sources) {
  for (const id of overlaySources) sources[id] = { type: 'geojson', data: empty };
}

/** Shows or hides an overlay's layers. */
export function showOverlay(map, id, on) {
  for (const kind of ['fill', 'line']) map.setLayoutProperty(`${id}-${kind}`, 'visibility', on ? 'visible' : 'none');
}

const shown = new Map();

/** Sets an overlay source's data, unless it already holds this answer. */
export function setOverlayData(map, id, data) {
  if (shown.get(id) === data) return;
  shown.set(id, data);
  map.getSource(id).setData(data ?? empty);
}
