// What sits on the map besides the tiles: the hover tooltip, region labels
// (HTML, so no glyph server is needed) and the breadcrumb.

import maplibregl from 'maplibre-gl';
import { esc, formatMeets, formatValue, itemTarget } from './format.js';
import { levels } from './state.js';

/**
 * Wires hover and click on the region and facility layers. view() returns
 * the current {t, level, items, choropleth, indicator}; onClick gets a code.
 */
export function setupPointer(map, tooltip, view, onClick) {
  let hovered = null;
  const unhover = () => {
    if (hovered) map.setFeatureState(hovered, { hover: false });
    hovered = null;
  };
  const place = (e, html) => {
    tooltip.innerHTML = html;
    tooltip.hidden = false;
    const { width, height } = map.getContainer().getBoundingClientRect();
    const x = Math.min(e.point.x + 14, width - tooltip.offsetWidth - 4);
    const y = e.point.y + 14 + tooltip.offsetHeight > height ? e.point.y - tooltip.offsetHeight - 10 : e.point.y + 14;
    tooltip.style.transform = `translate(${Math.max(4, x)}px, ${Math.max(4, y)}px)`;
  };
  for (const level of levels) {
    const layer = `${level}-fill`;
    map.on('mousemove', layer, (e) => {
      const v = view();
      if (map.queryRenderedFeatures(e.point, { layers: ['facility-circle'] }).length) return;
      const f = e.features[0];
      const over = overlayTip(v, map.queryRenderedFeatures(e.point, { layers: tipLayers.filter((l) => map.getLayer(l)) })[0]);
      const code = f.properties.code;
      unhover();
      hovered = { source: level, sourceLayer: level, id: code };
      map.setFeatureState(hovered, { hover: true });
      map.getCanvas().style.cursor = 'pointer';
      const item = v.items.get(code);
      place(e, over ? `${over}<div class="tip-region">${esc(item?.name ?? f.properties.name)}</div>` : regionTip(v, f.properties, item));
    });
    map.on('mouseleave', layer, () => {
      unhover();
      tooltip.hidden = true;
      map.getCanvas().style.cursor = '';
    });
    map.on('click', layer, (e) => onClick(e.features[0].properties.code));
  }
  map.on('mousemove', 'facility-circle', (e) => {
    const p = e.features[0].properties;
    place(e, `<strong>${esc(p.name)}</strong><div>${esc(view().t.facilityTypes[p.type] ?? p.type)}</div>`);
  });
}

// The overlays whose features have their own hover details.
const tipLayers = ['grid-gaps-fill', 'uncovered-fill'];
const whole = (t, n) => Math.round(n).toLocaleString(t.locale);

/** Hover details of a grid gap or an uncovered cluster: its households and why; null for anything else. */
export function overlayTip(v, f) {
  if (!f) return null;
  const { t } = v;
  const p = f.properties;
  if (f.layer.id === 'grid-gaps-fill') {
    const area = p.area_m2 >= 1e5 ? formatValue(t, p.area_m2 / 1e6, 'km²') : formatValue(t, p.area_m2, 'm²');
    return `<strong>${esc(t.gaps)}</strong><div>${esc(t.gapReason[p.reason] ?? p.reason)}</div>` +
      `<div><b>${esc(t.gapTip(whole(t, p.estimated_households), area))}</b></div>`;
  }
  return `<strong>${esc(t.clusterTip(p.rank))}</strong><div>${esc(t.clusterReason(v.minutes))}</div>` +
    `<div><b>${esc(t.clusterPeople(whole(t, p.population), whole(t, p.estimated_households ?? 0)))}</b></div>`;
}

function regionTip(v, props, item) {
  const { t, choropleth, indicator, level } = v;
  if (!item) return `<strong>${esc(props.name)}</strong>`;
  const target = itemTarget(t, indicator, level, item, props.kind, choropleth.unit);
  const cls = item.meets === true ? 'meets' : item.meets === false ? 'misses' : 'unjudged';
  return `<strong>${esc(item.name)}</strong>` +
    `<div>${esc(t.value)}: <b>${esc(formatValue(t, item.value, choropleth.unit))}</b></div>` +
    `<div>${esc(t.target)}: ${esc(target)}</div>` +
    `<div class="badge ${cls}">${esc(formatMeets(t, item.meets))}</div>` +
    (item.raw?.estimate ? ` <div class="badge estimate">${esc(t.estimate)}</div>` : '');
}

let markers = [];

/** Puts name labels at the regions' label points (none when there are too many to read). */
export function setLabels(map, regions, max = 40) {
  for (const m of markers) m.remove();
  markers = [];
  if (regions.length > max) return;
  for (const r of regions) {
    const el = document.createElement('div');
    el.className = 'region-label';
    el.textContent = r.name;
    markers.push(new maplibregl.Marker({ element: el }).setLngLat(r.label_point).addTo(map));
  }
}

/**
 * Renders the breadcrumb: the top (top: the roots' names, Nantong's city
 * or a province), then each region the view is inside. Without city (a user
 * limited to a region, who cannot read the top) it starts at their region.
 */
export function renderBreadcrumb(el, t, chain, onGo, { city = true, top = t.top } = {}) {
  const items = [...(city ? [{ code: '', name: top }] : []), ...chain];
  el.innerHTML = `<ol>${items.map((r, i) => (i === items.length - 1
    ? `<li aria-current="location">${esc(r.name)}</li>`
    : `<li><button type="button" data-code="${esc(r.code)}">${esc(r.name)}</button></li>`)).join('')}</ol>`;
  el.onclick = (e) => {
    const b = e.target.closest('button[data-code]');
    if (b) onGo(b.dataset.code);
  };
}
