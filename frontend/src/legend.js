// The legend: the choropleth answer's classes with their colours and
// counts, the no-data class, the facility types when they are shown, and
// the analysis overlays in use (grid gaps and overlaps, health circle).

import { esc } from './format.js';
import { overlayColours as oc } from './layerstyle.js';
import { facilityColours } from './map.js';
import { estimateBadge } from './scenario.js';

function row(colour, label, count, cls, shape = 'swatch') {
  return `<li data-class="${cls}"><span class="${shape}" style="background:${esc(colour)}" aria-hidden="true"></span>` +
    `<span class="legend-label">${esc(label)}</span><span class="legend-count">${count ?? ''}</span></li>`;
}

/** The label of a legend entry in a language (target classes have Chinese labels). */
export function entryLabel(lang, entry) {
  return lang === 'zh' && entry.label_zh ? entry.label_zh : entry.label;
}

const count = (fc) => fc?.features.length ?? '';

/** Legend rows of the overlays shown, with whether any figure is a straight-line estimate. */
function overlayRows(t, state, a) {
  const rows = [];
  if (state.grids) {
    rows.push(row(oc.grid, t.gridBoundary, '', 'grid', 'line'));
    rows.push(row(oc.gap, t.gaps, count(a.grid?.gaps), 'gaps'), row(oc.overlap, t.overlaps, count(a.grid?.overlaps), 'overlaps'));
  }
  // The merged isochrones come one Feature per mode: count the facilities.
  const facilities = a.iso?.features.reduce((n, f) => n + f.properties.facilities, 0) ?? '';
  if (state.iso) rows.push(row(oc.isochrone, t.isochronesOf(state.minutes), facilities, 'isochrones'));
  if (state.uncovered) rows.push(row(oc.uncovered, t.uncovered, count(a.uncovered), 'uncovered'));
  if (state.siting) rows.push(row(oc.site, t.siting, count(a.siting), 'siting', 'dot'));
  if (a.whatifIso) rows.push(row(oc.whatif, t.newReach, count(a.whatifIso), 'whatif'));
  const estimate = [a.iso, a.uncovered, a.siting, a.whatifIso].some((fc) => fc?.estimate || fc?.features?.some((f) => f.properties.estimate));
  return { rows, estimate };
}

/** Renders the legend of a choropleth answer and the overlays' answers (a) into el. */
export function renderLegend(el, { t, lang, choropleth, indicatorName, facilities, state, analysis }) {
  if (!choropleth) {
    el.innerHTML = '';
    return;
  }
  const unit = t.units[choropleth.unit] ?? choropleth.unit;
  const rows = choropleth.legend.map((e) => row(e.colour, entryLabel(lang, e), e.count, e.class));
  const nd = choropleth.no_data;
  if (nd && nd.count > 0) rows.push(row(nd.colour, t.noData, nd.count, -1));
  const sub = [choropleth.period, t.methods[choropleth.method] ?? choropleth.method].filter(Boolean).join(' · ');
  let html = `<h2 class="legend-title">${esc(indicatorName)}${unit && unit !== '' ? ` <small>(${esc(unit)})</small>` : ''}</h2>` +
    `<p class="legend-sub">${esc(sub)}${choropleth.estimate ? ` ${estimateBadge(t, choropleth.answer?.detour_factor)}` : ''}</p>` +
    (choropleth.values === 'provisional' ? `<p class="legend-provisional">${esc(t.provisionalNote(choropleth.provisional))}</p>` : '') +
    `<ul class="legend-classes">${rows.join('')}</ul>`;
  if (facilities) {
    const f = Object.entries(facilityColours).map(([type, c]) => row(c, t.facilityTypes[type], '', type, 'dot'));
    html += `<h3 class="legend-title">${esc(t.facilities)}</h3><ul class="legend-facilities">${f.join('')}</ul>`;
  }
  const ov = overlayRows(t, state, analysis ?? {});
  if (ov.rows.length) {
    html += `<h3 class="legend-title">${esc(t.analysisLayers)}${ov.estimate ? ` ${estimateBadge(t)}` : ''}</h3>` +
      `<ul class="legend-overlays">${ov.rows.join('')}</ul>`;
  }
  el.innerHTML = html;
}
