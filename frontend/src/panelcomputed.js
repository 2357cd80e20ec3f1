// A region's details for a computed layer (grid coverage, a standard, the
// health circle): its value against the target, the figures behind it from
// the coverage or standards answer, and its children ranked.

import { loadComputed } from './computed.js';
import { esc, formatMeets, formatGap, formatTarget, formatValue } from './format.js';
import { meetSummary, rank, rankSections } from './panelparts.js';
import { estimateBadge } from './scenario.js';
import { childLevel } from './state.js';

const n = (t, v) => Math.round(v).toLocaleString(t.locale);
const of = (t, a, b) => `${n(t, a)} / ${n(t, b)}`;
const pct = (t, share) => formatValue(t, share * 100, '%');
const tier = (t, x) => `${of(t, x.meeting, x.units)} (${pct(t, x.rate)})`;

function gridFacts(t, r) {
  const rows = [
    [t.householdsCovered, of(t, r.households_covered, r.households)],
    [t.gridCount, n(t, r.grids)],
    [t.unassignedGrids, `${n(t, r.unassigned_grids)} (${t.householdsN(n(t, r.households_unassigned))})`],
    [t.outsideBand, `${t.bands.below} ${n(t, r.grids_below_band)} · ${t.bands.above} ${n(t, r.grids_above_band)}`],
    [t.gaps, `${n(t, r.gaps)} · ${formatValue(t, r.gap_area_m2 / 1e6, 'km²')} · ≈ ${t.householdsN(n(t, r.gap_households))}`],
    [t.overlaps, `${n(t, r.overlaps)} · ${formatValue(t, r.overlap_area_m2, 'm²')}`],
    [t.outsideArea, pct(t, r.outside_share)],
  ];
  if (r.communities > 1) {
    rows.push([t.communitiesFull, of(t, r.communities_full, r.communities)], [t.communitiesNoGrids, n(t, r.communities_without_grids)]);
  }
  return rows;
}

function standardFacts(t, layer, r) {
  if (layer.id === 'standard_floor_area') {
    const f = r.floor_area;
    const rows = [];
    if (f.centre) rows.push([t.centreArea, `${formatValue(t, f.centre.floor_area_m2, 'm²')} / ${t.required} ${formatValue(t, f.centre.required_m2, 'm²')}`]);
    for (const k of ['communities', 'townships', 'counties']) if (f[k].units) rows.push([t.tier[k], tier(t, f[k])]);
    return rows;
  }
  if (layer.id === 'standard_police') {
    return [[t.tier.communities, tier(t, r.police.communities)], ...(r.police.post ? [[t.post, r.police.post]] : [])];
  }
  const h = r.health;
  const rows = [];
  if (h.townships.units) rows.push([t.townshipCentres, tier(t, h.townships)]);
  rows.push([t.tier.communities, tier(t, h.communities)]);
  if (h.centre) rows.push([t.facilityTypes.health_centre, h.centre]);
  if (h.station) rows.push([t.facilityTypes.health_station, h.station]);
  return rows;
}

function healthFacts(t, r) {
  const rows = [
    [t.population, n(t, r.population)],
    [t.coveredPeople, n(t, r.covered_population)],
    [t.uncoveredPeople, n(t, r.uncovered_population)],
    [t.householdsCovered, `≈ ${of(t, r.estimated_covered_households ?? 0, r.households ?? 0)}`],
    [t.statusLabel, t.status[r.status] ?? r.status],
    [t.communityStatus, t.statusCounts(r.communities_full, r.communities_partly, r.communities_none)],
    [t.travelModes, r.modes.map((m) => t.modes[m] ?? m).join(', ')],
    [t.populationPoints, n(t, r.population_points)],
  ];
  if (typeof r.baseline_covered_share === 'number') {
    rows.unshift([t.before, pct(t, r.baseline_covered_share)], [t.change, `${r.covered_population_change >= 0 ? '+' : ''}${n(t, r.covered_population_change)}`]);
  }
  return rows;
}

function factsOf(t, layer, raw) {
  if (layer.kind === 'grid') return gridFacts(t, raw);
  if (layer.kind === 'health') return healthFacts(t, raw);
  return standardFacts(t, layer, raw);
}

function valueBlock(t, item, estimate) {
  if (!item || item.value === null) return `<p class="muted">${esc(t.noData)}</p>`;
  const meets = item.meets ? 'meets' : 'misses';
  const gap = typeof item.gap === 'number'
    ? `<span class="gap">${esc(t.gap)} ${esc(formatGap(t, item.gap, '%'))}</span>` : '';
  return `<div class="value-block"><div class="big">${esc(formatValue(t, item.value, '%'))}</div>` +
    `<div>${esc(t.target)} ${esc(formatTarget(t, 'ge', item.target, item.target, '%'))}</div>` +
    `<div class="badge ${meets}">${esc(formatMeets(t, item.meets))}</div>${gap}${estimate ? `<div>${estimateBadge(t)}</div>` : ''}</div>`;
}

/** The region's item: from the choropleth shown, or asked at the region's own level. */
async function itemOf(ctx, region) {
  const cho = ctx.choropleth;
  const hit = cho.level === region.level ? cho.items.find((i) => i.code === region.code) : null;
  if (hit) return hit;
  const own = await loadComputed(cho.computed, { ...ctx.state, level: region.level, parent: region.parent });
  return own.items.find((i) => i.code === region.code);
}

/** The details of region for the computed layer of ctx.choropleth. */
export async function computedDetail(t, ctx, region) {
  const layer = ctx.choropleth.computed;
  const child = childLevel(region.level);
  const [item, children] = await Promise.all([
    itemOf(ctx, region),
    child ? loadComputed(layer, { ...ctx.state, level: child, parent: region.code }).catch(() => null) : null,
  ]);
  const estimate = layer.kind === 'health' && item?.raw.estimate;
  const facts = item ? factsOf(t, layer, item.raw) : [];
  let html = `<h3>${esc(layer.name[ctx.lang])}</h3>${valueBlock(t, item, estimate)}` +
    `<dl class="facts-list">${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
  if (child) {
    html += `<button type="button" class="drill" data-action="drill" data-code="${esc(region.code)}">${esc(t.drill(t[child]))}</button>`;
    if (children?.items.length) {
      const rows = rank(children.items, 'ge');
      html += `<h3>${esc(t.ranking(t[child]))}</h3>${meetSummary(t, rows)}${rankSections(t, rows, '%', 'children')}`;
    }
  }
  return html;
}
