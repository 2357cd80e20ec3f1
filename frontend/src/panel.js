// The side panel: with nothing selected, the regions in view ranked; with a
// region selected, its value against the target, its trend, the
// responsible departments and the ranking of its children.

import { getJSON, observationsURL } from './api.js';
import { comparatorAt, esc, formatMeets, formatTarget, formatValue } from './format.js';
import { childLevel } from './state.js';
import { trendChart } from './trend.js';

let token = 0;

/**
 * Orders rows best first: by value (lower first for an "at most"
 * indicator), or for a range target by how far inside it (gap).
 */
export function rank(rows, comparator) {
  const key = comparator === 'range' ? (r) => r.gap : comparator === 'le' ? (r) => -r.value : (r) => r.value;
  const has = (r) => typeof r.value === 'number' && typeof key(r) === 'number';
  return [...rows].sort((a, b) => (has(b) - has(a)) || (has(a) ? key(b) - key(a) : 0) || a.code.localeCompare(b.code));
}

/** "7 of 8 meet the target", or '' when the level is not judged. */
function meetSummary(t, rows) {
  const judged = rows.filter((r) => r.meets === true || r.meets === false);
  if (judged.length === 0) return '';
  const n = judged.filter((r) => r.meets).length;
  return `<p class="summary">${esc(t.meetCount(n, judged.length))}</p>`;
}

function rankList(t, rows, unit, cls) {
  // Bars span the range of the values shown, so near-equal rates still differ.
  const vals = rows.map((r) => r.value).filter((v) => typeof v === 'number');
  const lo = Math.min(...vals);
  const span = Math.max(...vals) - lo || 1;
  const li = rows.map((r, i) => {
    const mark = r.meets === true ? '✓' : r.meets === false ? '✗' : '';
    const width = typeof r.value === 'number' ? 8 + (92 * (r.value - lo)) / span : 0;
    return `<li><button type="button" class="rank-row ${r.meets === false ? 'miss' : ''}" data-code="${esc(r.code)}" ` +
      `aria-label="${esc(`${t.select(r.name)}: ${formatValue(t, r.value, unit)}, ${formatMeets(t, r.meets)}`)}"><span class="rank-n">${i + 1}</span><span class="rank-name">${esc(r.name)}</span>` +
      `<span class="rank-bar" style="--w:${width.toFixed(1)}%" aria-hidden="true"></span>` +
      `<span class="rank-v">${esc(formatValue(t, r.value, unit))}</span><span class="rank-m" aria-label="${esc(formatMeets(t, r.meets))}">${mark}</span></button></li>`;
  });
  return `<ol class="rank ${cls}">${li.join('')}</ol>`;
}

/** The overview: the choropleth's regions ranked. */
function overview(t, ctx) {
  const { choropleth, indicator, state } = ctx;
  const rows = rank(choropleth.items, comparatorAt(indicator, state.level));
  return `<h2>${esc(t.overview(t[state.level]))}</h2>${meetSummary(t, rows)}${rankList(t, rows, choropleth.unit, 'overview')}`;
}

async function trendPoints(ctx, region) {
  const all = await Promise.all(ctx.periods.map((p) =>
    getJSON(observationsURL(ctx.indicator.id, region.level, region.parent, p)).catch(() => ({ items: [] }))));
  return ctx.periods.map((p, i) => {
    const o = all[i].items.find((x) => x.code === region.code);
    const target = o?.target ? (o.target.comparator === 'le' ? o.target.max : o.target.min) : undefined;
    return { period: p, value: o?.value ?? null, target, meets: o?.meets, obs: o };
  });
}

function valueBlock(t, point) {
  const o = point?.obs;
  if (!o) return `<p class="muted">${esc(t.noData)}</p>`;
  const target = o.target ? formatTarget(t, o.target.comparator, o.target.min, o.target.max, o.unit) : '—';
  const meets = o.meets === true ? 'meets' : o.meets === false ? 'misses' : 'unjudged';
  const gap = typeof o.gap === 'number' ? `<span class="gap">${esc(t.gap)} ${o.gap >= 0 ? '+' : ''}${esc(formatValue(t, o.gap, o.unit === 'yes/no' ? '' : o.unit))}</span>` : '';
  return `<div class="value-block"><div class="big">${esc(formatValue(t, o.value, o.unit))}</div>` +
    `<div>${esc(t.target)} ${esc(target)}</div><div class="badge ${meets}">${esc(formatMeets(t, o.meets))}</div>${gap}</div>`;
}

async function detail(t, ctx, code) {
  const { indicator, lang, state } = ctx;
  const region = await getJSON(`/api/v1/regions/${code}`);
  const child = childLevel(region.level);
  const [points, children] = await Promise.all([
    trendPoints(ctx, region),
    child ? getJSON(observationsURL(indicator.id, child, code, state.period)).catch(() => null) : null,
  ]);
  const now = points.find((p) => String(p.period) === String(state.period));
  const unit = now?.obs?.unit ?? indicator.unit;
  const facts = [t.one[region.level] ?? region.level, `${t.code} ${region.code}`];
  if (region.kind) facts.push(t.kind[region.kind]);
  facts.push(`${t.population} ${region.population.toLocaleString(t.locale)}`);
  const depts = indicator.departments.map((d) => `<li>${esc(lang === 'en' ? d.en : d.zh)}</li>`).join('');
  let html = `<div class="panel-head"><h2 id="panel-title">${esc(region.name)}</h2>` +
    `<button type="button" class="close" data-action="close" aria-label="${esc(t.close)}">×</button></div>` +
    `<p class="facts">${facts.map(esc).join(' · ')}</p>` +
    `<h3>${esc(indicator.name[lang])} · ${esc(state.period)}</h3>${valueBlock(t, now)}` +
    `<h3>${esc(t.trend)}</h3>${trendChart(t, points, unit, `${region.name} ${indicator.name[lang]}`)}` +
    `<h3>${esc(t.departments)}</h3><ul class="depts">${depts}</ul>`;
  if (child) {
    html += `<button type="button" class="drill" data-action="drill" data-code="${esc(code)}">${esc(t.drill(t[child]))}</button>`;
    if (children?.items?.length) {
      const rows = rank(children.items, comparatorAt(indicator, child));
      html += `<h3>${esc(t.ranking(t[child]))}</h3>${meetSummary(t, rows)}${rankList(t, rows, children.items[0].unit, 'children')}`;
    }
  }
  return html;
}

/** Renders the panel for the current state into el. */
export async function renderPanel(el, ctx) {
  const t = ctx.t;
  const mine = ++token;
  el.setAttribute('aria-busy', 'true');
  let html;
  try {
    html = ctx.state.selected ? await detail(t, ctx, ctx.state.selected) : overview(t, ctx);
  } catch (err) {
    html = `<p class="error">${esc(t.failed)}: ${esc(err.detail ?? err.message)}</p>`;
  }
  if (mine !== token) return;
  el.innerHTML = html;
  el.dataset.code = ctx.state.selected;
  el.setAttribute('aria-busy', 'false');
}
