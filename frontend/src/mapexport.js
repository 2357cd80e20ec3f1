// The map's export menu: the view as a print-ready PNG (mapimage.js), every
// layer the map shows as GeoJSON, GeoPackage, Shapefile or CSV from the
// server's layer exports (GET /api/v1/export/…, asked with the view's own
// parameters), and the OGC API for GIS software. Downloads are plain links,
// so the session cookie goes with them and the server names the files.

import { url } from './api.js';
import { exporters } from './exportmenu.js';
import { healthParams } from './computed.js';
import { esc } from './format.js';

/** The formats offered for every layer, as the export endpoints spell them. */
export const layerFormats = [
  { format: 'geojson', label: 'GeoJSON' },
  { format: 'gpkg', label: 'GeoPackage' },
  { format: 'shp.zip', label: 'Shapefile' },
  { format: 'csv', label: 'CSV' },
];

/** Whether a state shows a what-if answer (the mode is on and something changed). */
const scenarioActive = (s) => s.whatif && (s.add.length > 0 || s.remove.length > 0);

/** The regions layer of a view: the indicator's values, or the coverage of a computed layer. */
function regionsExport(s, indicator) {
  const layer = indicator.layer;
  if (layer?.kind === 'health') {
    return { key: 'regions', path: 'health-coverage', params: healthParams(s, { level: s.level, parent: s.parent }) };
  }
  // The grid and standards layers are computed in the app: their regions
  // come with every catalogue indicator's value.
  const ind = layer ? '' : s.indicator;
  return { key: 'regions', path: 'regions', params: { level: s.level, parent: s.parent, period: layer ? '' : s.period, indicator: ind } };
}

/**
 * The layers the view shows, in the menu's order, each as {key, group,
 * path, params}: group 'layers' for the base layers, 'results' for the
 * analyses; params are those the map asked its own answers with.
 */
export function visibleLayers(s, indicator) {
  const scope = { parent: s.parent };
  const health = healthParams(s, scope);
  const out = [{ group: 'layers', ...regionsExport(s, indicator) }];
  if (s.facilities) out.push({ group: 'layers', key: 'facilities', path: 'facilities', params: { region: s.parent } });
  if (s.grids) {
    out.push({ group: 'layers', key: 'grids', path: 'grids', params: scope });
    out.push({ group: 'results', key: 'gaps', path: 'grid-gaps', params: scope });
    out.push({ group: 'results', key: 'overlaps', path: 'grid-overlaps', params: scope });
  }
  if (s.iso) out.push({ group: 'results', key: 'isochrones', path: 'isochrones', params: health });
  if (s.uncovered) out.push({ group: 'results', key: 'uncovered', path: 'health-uncovered', params: health });
  if (s.siting) out.push({ group: 'results', key: 'siting', path: 'health-siting', params: { k: s.sites, ...health } });
  if (scenarioActive(s)) {
    const add = s.add.map((c) => `${c.lon.toFixed(6)},${c.lat.toFixed(6)},${c.type}`).join(';');
    out.push({
      group: 'results', key: 'whatif', path: 'health-whatif',
      params: healthParams(s, { level: s.level, parent: s.parent, add, remove: s.remove.join(',') }),
    });
  }
  return out;
}

/** The address of a layer's export in a format. */
export function layerURL(layer, format) {
  return url(`/api/v1/export/${layer.path}.${format}`, layer.params);
}

function layerRow(t, layer, allowed) {
  const links = layerFormats.map(({ format, label }) => {
    const attrs = `role="menuitem" class="export-item" data-layer="${esc(layer.key)}" data-format="${esc(format)}"`;
    return allowed
      ? `<a ${attrs} href="${esc(layerURL(layer, format))}" download="">${esc(label)}</a>`
      : `<span ${attrs} aria-disabled="true" title="${esc(t.exportNeedsAnalyst)}">${esc(label)}</span>`;
  }).join('');
  return `<li role="none" class="export-layer"><span class="export-layer-name">${esc(t.layerNames[layer.key])}</span>` +
    `<span class="export-formats">${links}</span></li>`;
}

/**
 * The menu's entries for a view: the map image for everyone; the layers'
 * data and the OGC API for analysts and above (a viewer sees the layers
 * greyed out, and why).
 */
export function mapMenu(t, { state, indicator, role }) {
  const allowed = exporters.includes(role);
  const layers = visibleLayers(state, indicator);
  let html = `<li role="none"><button type="button" role="menuitem" class="export-item" data-format="png" data-png="1">${esc(t.mapPNG(2))}</button></li>`;
  for (const group of ['layers', 'results']) {
    const rows = layers.filter((l) => l.group === group);
    if (!rows.length) continue;
    html += `<li role="none" class="export-head">${esc(group === 'layers' ? t.layerData : t.resultData)}</li>`;
    html += rows.map((l) => layerRow(t, l, allowed)).join('');
  }
  if (allowed) {
    const lang = state.lang === 'en' ? 'en' : 'zh';
    html += `<li role="none" class="export-head"></li><li role="none"><a role="menuitem" class="export-item" data-format="ogc" ` +
      `href="/ogc?lang=${lang}" target="_blank" rel="noopener">${esc(t.ogcLink)}</a></li>`;
  } else {
    html += `<li role="none" class="export-note">${esc(t.exportNeedsAnalyst)}</li>`;
  }
  return html;
}

/**
 * Wires the menu (a <details> whose list is redrawn with each view): the
 * PNG entry calls png(); choosing anything closes the menu, and so does a
 * click elsewhere or Escape.
 */
export function wireMapMenu(details, png) {
  details.addEventListener('click', (e) => {
    const item = e.target.closest('.export-item');
    if (!item || item.getAttribute('aria-disabled') === 'true') return;
    if (item.dataset.png) png();
    details.open = false;
  });
  document.addEventListener('click', (e) => {
    if (details.open && !details.contains(e.target)) details.open = false;
  });
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || !details.open) return;
    details.open = false;
    details.querySelector('summary').focus();
  });
}
