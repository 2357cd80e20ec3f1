// The legend: the choropleth answer's classes with their colours and
// counts, the no-data class, and the facility types when they are shown.

import { esc } from './format.js';
import { facilityColours } from './map.js';

function row(colour, label, count, cls, shape = 'swatch') {
  return `<li data-class="${cls}"><span class="${shape}" style="background:${esc(colour)}" aria-hidden="true"></span>` +
    `<span class="legend-label">${esc(label)}</span><span class="legend-count">${count ?? ''}</span></li>`;
}

/** The label of a legend entry in a language (target classes have Chinese labels). */
export function entryLabel(lang, entry) {
  return lang === 'zh' && entry.label_zh ? entry.label_zh : entry.label;
}

/** Renders the legend of a choropleth answer into el. */
export function renderLegend(el, { t, lang, choropleth, indicatorName, facilities }) {
  if (!choropleth) {
    el.innerHTML = '';
    return;
  }
  const unit = t.units[choropleth.unit] ?? choropleth.unit;
  const rows = choropleth.legend.map((e) => row(e.colour, entryLabel(lang, e), e.count, e.class));
  const nd = choropleth.no_data;
  if (nd && nd.count > 0) rows.push(row(nd.colour, t.noData, nd.count, -1));
  let html = `<h2 class="legend-title">${esc(indicatorName)}${unit && unit !== '' ? ` <small>(${esc(unit)})</small>` : ''}</h2>` +
    `<p class="legend-sub">${esc(choropleth.period)} · ${esc(t.methods[choropleth.method] ?? choropleth.method)}</p>` +
    `<ul class="legend-classes">${rows.join('')}</ul>`;
  if (facilities) {
    const f = Object.entries(facilityColours).map(([type, c]) => row(c, t.facilityTypes[type], '', type, 'dot'));
    html += `<h3 class="legend-title">${esc(t.facilities)}</h3><ul class="legend-facilities">${f.join('')}</ul>`;
  }
  el.innerHTML = html;
}
