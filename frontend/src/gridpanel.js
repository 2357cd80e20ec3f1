// A community's management grids (task 13) in its detail panel: each grid
// with its worker, households and place against the households band, and
// the community's coverage: covered share, gaps and overlaps.

import { getJSON, url } from './api.js';
import { esc, formatMeets, formatValue } from './format.js';
import { bbox } from './map.js';

/** The community's grid coverage summary: its item in its township's list. */
async function coverageOf(code) {
  const answer = await getJSON(url('/api/v1/coverage/grid', { level: 'community', parent: code.slice(0, 9) }));
  return { item: answer.items.find((i) => i.code === code), band: answer.band };
}

function summary(t, item, band) {
  if (!item) return '';
  const parts = [
    `${t.coveredShare} ${formatValue(t, item.covered_share * 100, '%')}`,
    t.gapCount(item.gaps), t.overlapCount(item.overlaps), t.bandRange(band.min_households, band.max_households),
  ];
  const cls = item.full_coverage ? 'meets' : 'misses';
  return `<p class="summary">${esc(parts.join(' · '))}</p>` +
    `<p><span class="badge ${cls}">${esc(t.fullCoverage)}: ${esc(formatMeets(t, item.full_coverage))}</span></p>`;
}

function row(t, g) {
  const serial = g.code.startsWith(g.community) ? g.code.slice(g.community.length) : g.code;
  const worker = g.worker ? esc(g.worker) : `<span class="missing">${esc(t.noWorker)}</span>`;
  const flags = [];
  if (g.overlaps_with.length) flags.push(t.overlapsWith(g.overlaps_with.length));
  if (g.outside_share > 0) flags.push(t.outsideShare(formatValue(t, g.outside_share * 100, '%')));
  return `<tr data-grid="${esc(g.code)}"><th scope="row"><button type="button" class="grid-code" data-grid="${esc(g.code)}" ` +
    `title="${esc(g.code)}" aria-label="${esc(t.showGrid(g.code))}">${esc(serial)}</button></th>` +
    `<td class="worker">${worker}</td><td class="households">${g.households.toLocaleString(t.locale)}</td>` +
    `<td><span class="band ${esc(g.band)}">${esc(t.bands[g.band] ?? g.band)}</span>` +
    `${flags.length ? `<small>${esc(flags.join(' · '))}</small>` : ''}</td></tr>`;
}

/** The grids section of a community's panel. */
export async function gridSection(t, code) {
  const [grids, cov] = await Promise.all([
    getJSON(url('/api/v1/coverage/grid/grids', { community: code })),
    coverageOf(code).catch(() => ({ item: null, band: null })),
  ]);
  const items = grids.items;
  let html = `<h3 id="grids-title">${esc(t.gridsOf(items.length))}</h3>${cov.band ? summary(t, cov.item, cov.band) : ''}`;
  if (items.length === 0) return `${html}<p class="muted">${esc(t.noGrids)}</p>`;
  html += `<table class="grids" aria-labelledby="grids-title"><thead><tr><th scope="col">${esc(t.grid)}</th>` +
    `<th scope="col">${esc(t.worker)}</th><th scope="col">${esc(t.households)}</th><th scope="col">${esc(t.band)}</th></tr></thead>` +
    `<tbody>${items.map((g) => row(t, g)).join('')}</tbody></table>`;
  return html;
}

/** Outlines a grid on the map and fits the view to it ('' clears). */
export async function showGrid(map, community, code) {
  map.setFilter('grid-highlight', ['==', ['get', 'code'], code]);
  map.setLayoutProperty('grid-highlight', 'visibility', code ? 'visible' : 'none');
  if (!code) return;
  const fc = await getJSON(url('/api/v1/grids.geojson', { community }));
  const f = fc.features.find((x) => x.properties.code === code);
  if (f) map.fitBounds(bbox(f.geometry), { padding: 80, maxZoom: 16, duration: 0 });
}
