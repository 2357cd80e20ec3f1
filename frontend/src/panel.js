// The side panel: with nothing selected, the regions in view ranked; with a
// region selected, its value against the target, its trend, the
// responsible departments and the ranking of its children (for a computed
// layer, the figures behind its value instead of the trend), and for a
// community its management grids; then the checklist of qualitative
// requirements (panelchecklist.js).

import { getJSON, observationsURL } from './api.js';
import { comparatorAt, esc, formatMeets, formatGap, formatTarget, formatValue } from './format.js';
import { gridSection } from './gridpanel.js';
import { checklistSection } from './panelchecklist.js';
import { historySection, provenance } from './history.js';
import { computedDetail } from './panelcomputed.js';
import { meetSummary, rank, rankSections, regionHead } from './panelparts.js';
import { childLevel } from './state.js';
import { trendChart } from './trend.js';

let token = 0;

/** The overview: the choropleth's regions ranked; for a data manager, the latest batches. */
async function overview(t, ctx) {
  const { choropleth, indicator, state } = ctx;
  const rows = rank(choropleth.items, comparatorAt(indicator, state.level));
  const batches = ctx.canWrite ? await historySection(t) : '';
  return `<h2>${esc(t.overview(t[state.level]))}</h2>${meetSummary(t, rows)}${rankSections(t, rows, choropleth.unit, 'overview')}${batches}`;
}

async function trendPoints(ctx, region) {
  const all = await Promise.all(ctx.periods.map((p) =>
    getJSON(observationsURL(ctx.indicator.id, region.level, region.parent, p, ctx.state.provisional)).catch(() => ({ items: [] }))));
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
  const gap = typeof o.gap === 'number' ? `<span class="gap">${esc(t.gap)} ${esc(formatGap(t, o.gap, o.unit))}</span>` : '';
  const provisional = o.provisional ? ` <span class="badge provisional">${esc(t.provisionalBadge)}</span>` : '';
  return `<div class="value-block"><div class="big">${esc(formatValue(t, o.value, o.unit))}${provisional}</div>` +
    `<div>${esc(t.target)} ${esc(target)}</div><div class="badge ${meets}">${esc(formatMeets(t, o.meets))}</div>${gap}</div>` +
    kindsBlock(t, o);
}

/**
 * The urban and the rural verdict of a region above the data level, each on
 * its own communities against its own bar; where the notice sets the two
 * bars apart (split) the region meets only if both kinds do.
 */
function kindsBlock(t, o) {
  const parts = [['urban', o.urban], ['rural', o.rural]].filter(([, p]) => p);
  if (!parts.length) return '';
  const rows = parts.map(([kind, p]) => {
    const cls = p.meets === true ? 'meets' : p.meets === false ? 'misses' : 'unjudged';
    const target = p.target ? formatTarget(t, p.target.comparator, p.target.min, p.target.max, o.unit) : '—';
    return `<li data-kind="${kind}"><span class="kind-name">${esc(t.kind[kind])}</span> ` +
      `<span class="kind-value">${esc(formatValue(t, p.value, o.unit))}</span> · ${esc(t.target)} ${esc(target)} ` +
      `<span class="badge ${cls}">${esc(formatMeets(t, p.meets))}</span></li>`;
  }).join('');
  return `<ul class="kinds">${rows}</ul>${o.split ? `<p class="muted split-note">${esc(t.splitNote)}</p>` : ''}`;
}

async function indicatorDetail(t, ctx, region) {
  const { indicator, lang, state } = ctx;
  const code = region.code;
  const child = childLevel(region.level);
  const [points, children, source] = await Promise.all([
    trendPoints(ctx, region),
    child ? getJSON(observationsURL(indicator.id, child, code, state.period)).catch(() => null) : null,
    provenance(t, code, indicator.id, state.period, indicator.unit),
  ]);
  const now = points.find((p) => String(p.period) === String(state.period));
  const unit = now?.obs?.unit ?? indicator.unit;
  const depts = indicator.departments.map((d) => `<li>${esc(lang === 'en' ? d.en : d.zh)}</li>`).join('');
  let html = `<h3>${esc(indicator.name[lang])} · ${esc(state.period)}</h3>${valueBlock(t, now)}${computedProvenance(t, now?.obs)}${source}` +
    `<h3>${esc(t.trend)}</h3>${trendChart(t, points, unit, `${region.name} ${indicator.name[lang]}`)}` +
    `<h3>${esc(t.departments)}</h3><ul class="depts">${depts}</ul>`;
  if (child) {
    html += `<button type="button" class="drill" data-action="drill" data-code="${esc(code)}">${esc(t.drill(t[child]))}</button>`;
    if (children?.items?.length) {
      const rows = rank(children.items, comparatorAt(indicator, child));
      html += `<h3>${esc(t.ranking(t[child]))}</h3>${meetSummary(t, rows)}${rankSections(t, rows, children.items[0].unit, 'children')}`;
    }
  }
  return html;
}

/**
 * Where a computed indicator's value comes from: the method, the reported
 * value beside it and, when the two disagree beyond the tolerance, a flag.
 */
function computedProvenance(t, obs) {
  const c = obs?.computed;
  if (!c) return '';
  const reported = c.reported === null ? t.noReported : `${t.reported}: ${formatValue(t, c.reported, obs.unit)}`;
  const flag = c.disagrees ? `<p class="disagrees" role="alert">${esc(t.disagrees(formatValue(t, c.tolerance, obs.unit)))}</p>` : '';
  return `<p class="provenance" data-computed>${esc(t.computedFrom)}: ${esc(c.method)}<br>${esc(reported)}</p>${flag}`;
}

/**
 * A region's details: the indicator or computed layer, a community's grids,
 * and the checklist of qualitative requirements.
 */
async function detail(t, ctx, code) {
  const region = await getJSON(`/api/v1/regions/${code}`);
  const [body, grids, checklist] = await Promise.all([
    ctx.indicator.layer ? computedDetail(t, ctx, region) : indicatorDetail(t, ctx, region),
    region.level === 'community' ? gridSection(t, code) : '',
    ctx.state.period ? checklistSection(t, ctx.lang, region, ctx.state.period) : '',
  ]);
  return regionHead(t, region) + briefLinks(t, ctx, code) + body + grids + checklist;
}

/** The leader's brief of the region for the year and indicator on show. */
function briefLinks(t, ctx, code) {
  const q = new URLSearchParams();
  if (ctx.state.period) q.set('period', ctx.state.period);
  if (ctx.indicator && !ctx.indicator.layer) q.set('indicator', ctx.indicator.id);
  const base = `/api/v1/regions/${encodeURIComponent(code)}/brief`;
  return `<p class="brief-links"><a href="${esc(`${base}.pdf?${q}`)}" download data-brief="pdf">${esc(t.briefPDF)}</a>` +
    ` <a href="${esc(`${base}.html?${q}`)}" target="_blank" rel="noopener" data-brief="html">${esc(t.briefPage)}</a></p>`;
}

/** Renders the panel for the current state into el. */
export async function renderPanel(el, ctx) {
  const t = ctx.t;
  const mine = ++token;
  el.setAttribute('aria-busy', 'true');
  let html;
  try {
    html = ctx.state.selected ? await detail(t, ctx, ctx.state.selected) : await overview(t, ctx);
  } catch (err) {
    html = `<p class="error">${esc(t.failed)}: ${esc(err.detail ?? err.message)}</p>`;
  }
  if (mine !== token) return;
  el.innerHTML = html;
  el.dataset.code = ctx.state.selected;
  el.setAttribute('aria-busy', 'false');
}
