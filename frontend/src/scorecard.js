// The scorecard table of GET /api/v1/compare: one row per indicator,
// grouped by the notice's tasks, one column per region. Each cell shows the
// value, coloured by whether it meets the region's own target, its rank
// among the regions and the change since the previous period; where urban
// and rural communities are judged apart, each kind's verdict beneath it
// (城✓ 农✗), the region meeting only if both do; a year without a target
// shows as not judged. (Indicators
// run down the page because their names are long and there are 32 of them;
// regions across, at most 22, so the table fits A4 landscape.)

import { esc, formatTarget, formatValue } from './format.js';
import { taskName } from './i18n.js';
import { dashLevels } from './dashboard-state.js';

/** Counts of judged and met cells over the whole scorecard. */
export function tally(sc) {
  return sc.rows.reduce((a, r) => ({ judged: a.judged + r.judged, met: a.met + r.met }), { judged: 0, met: 0 });
}

/**
 * Decimals for a row: one for rates, none where every value is whole or
 * large, else one — the same for the whole row, so its numbers line up.
 */
function rowDigits(unit, values) {
  if (unit === '%') return 1;
  return values.every((v) => v === null || Number.isInteger(v) || Math.abs(v) >= 100) ? 0 : 1;
}

function number(t, v, digits) {
  return v.toLocaleString(t.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** The cell's value as shown: the unit is in the row's heading, but % stays. */
function shown(t, v, unit, digits) {
  if (unit === 'yes/no') return formatValue(t, v, unit);
  return number(t, v, digits) + (unit === '%' ? '%' : '');
}

/** Whether a change is for the better, worse, or neither (a range target). */
function direction(comparator, change) {
  if (!change || comparator === 'range') return 'flat';
  return (change > 0) === (comparator !== 'le') ? 'better' : 'worse';
}

function changeText(t, change, digits) {
  if (change === null || change === undefined) return '';
  if (change === 0) return '＝';
  return `${change > 0 ? '▲' : '▼'}${number(t, Math.abs(change), digits)}`;
}

function cellTitle(t, sc, row, col, cell, digits) {
  const parts = [`${row.name} · ${col.name[t.lang]}`];
  if (cell.value === null) return [...parts, t.noData].join('\n');
  const target = cell.target ? formatTarget(t, cell.target.comparator, cell.target.min, cell.target.max, col.unit) : '—';
  parts.push(`${t.value} ${formatValue(t, cell.value, col.unit)} · ${t.target} ${target}`);
  parts.push(cell.meets === null ? notJudgedText(t, sc, cell) : `${cell.meets ? t.meets : t.misses} · ${t.gap} ${number(t, cell.gap, digits)}`);
  if (cell.split) parts.push(t.splitNote);
  if (cell.override) parts.push(t.overrideNote);
  for (const [kind, p] of [[t.kind.urban, cell.urban], [t.kind.rural, cell.rural]]) {
    if (!p) continue;
    const bound = p.target ? formatTarget(t, p.target.comparator, p.target.min, p.target.max, col.unit) : '—';
    const verdict = p.verdict === 'met' ? t.meets : p.verdict === 'unmet' ? t.misses : '';
    parts.push(`${kind} (${p.units}): ${formatValue(t, p.value, col.unit)} · ${t.target} ${bound}${verdict ? ' · ' + verdict : ''}`);
  }
  if (cell.rank !== null) parts.push(t.rankN(cell.rank));
  if (cell.previous !== null) {
    parts.push(`${t.changeSince(sc.previous)} ${changeText(t, cell.change, digits)} (${t.previousValue(sc.previous)} ${formatValue(t, cell.previous, col.unit)})`);
  }
  return parts.join('\n');
}

/** Why a cell is not judged: no target for the year, or not at this level. */
function notJudgedText(t, sc, cell) {
  return cell.not_judged === 'period' ? t.notJudgedPeriod(sc.period) : t.notJudgedLevel;
}

/** The urban and rural verdicts of a split cell ("城✓ 农✗"), or nothing. */
function partsHTML(t, cell) {
  if (!cell.split || cell.meets === null) return '';
  const mark = (kind, p, cls) => (p ? `<span class="pv ${cls} ${p.verdict}">${esc(t.partVerdict(kind, p.verdict))}</span>` : '');
  return `<span class="parts">${mark(t.urbanShort, cell.urban, 'urban')}${mark(t.ruralShort, cell.rural, 'rural')}</span>`;
}

function cellHTML(t, sc, row, col, cell, digits) {
  const verdict = cell.value === null ? 'nodata' : cell.meets === true ? 'meets' : cell.meets === false ? 'misses' : 'unjudged';
  const data = `data-region="${esc(row.code)}" data-indicator="${esc(col.indicator)}" data-meets="${cell.meets ?? ''}"` +
    ` data-value="${cell.value ?? ''}" data-verdict="${esc(cell.verdict ?? '')}" data-not-judged="${esc(cell.not_judged ?? '')}"` +
    ` data-urban="${esc(cell.urban?.verdict ?? '')}" data-rural="${esc(cell.rural?.verdict ?? '')}"` +
    ` data-provisional="${cell.provisional ? 'true' : ''}"`;
  const title = esc(cellTitle(t, sc, row, col, cell, digits) + (cell.provisional ? `\n${t.provisionalBadge}` : ''));
  const state = cell.provisional ? `${verdict} provisional` : verdict;
  if (cell.value === null) return `<td class="sc-cell nodata" ${data} title="${title}"><span class="v">—</span></td>`;
  const rank = cell.rank === null ? '' : `<span class="rk">${esc(t.rankN(cell.rank))}</span>`;
  const change = changeText(t, cell.change, digits);
  const chg = change ? `<span class="chg ${direction(col.comparator, cell.change)}">${esc(change)}</span>` : '';
  return `<td class="sc-cell ${state}" ${data} title="${title}"><span class="v">${esc(shown(t, cell.value, col.unit, digits))}</span>` +
    `<span class="sub">${rank}${chg}</span>${partsHTML(t, cell)}</td>`;
}

/** The targets an indicator is judged by at a level, in words ("≥ 95% · 农村 ≥ 90%"). */
function targetNote(t, ind, level, unit) {
  const above = level !== ind.data_level && ind.rollup?.target;
  const target = above ? ind.rollup.target : ind.target;
  const u = above ? '%' : unit;
  const f = (b) => (b ? formatTarget(t, target.comparator, b.min, b.max, u === 'yes/no' ? '' : u) : '');
  const urban = f(target.urban);
  const rural = f(target.rural);
  if (ind.unit === 'yes/no' && !above) return t.required;
  return urban === rural ? urban : `${t.urban} ${urban} · ${t.rural} ${rural}`;
}

function headRow(t, sc, level) {
  const regions = sc.rows.map((r) => {
    const drill = level === dashLevels[0] && dashLevels[1] !== level
      ? `<button type="button" class="sc-drill" data-county="${esc(r.code)}" aria-label="${esc(t.showTownshipsOf(r.name))}">${esc(t.showTownships)} ›</button>` : '';
    const mark = r.unit_type === 'other' ? `<span class="sc-unit" title="${esc(t.otherUnitNote)}">${esc(t.otherUnit)}</span>` : '';
    return `<th scope="col" data-region="${esc(r.code)}"${r.unit_type ? ` data-unit-type="${esc(r.unit_type)}"` : ''}><span class="sc-name">${esc(r.name)}</span>${mark}` +
      `<span class="sc-met">${esc(t.metOf(r.met, r.judged))}</span>${drill}</th>`;
  }).join('');
  return `<thead><tr><th scope="col" class="sc-ind">${esc(t.indicatorHead)}</th>${regions}</tr></thead>`;
}

/** Renders the scorecard sc (GET /api/v1/compare) into el. */
export function renderScorecard(el, { t, sc, catalogue, level }) {
  const byId = new Map(catalogue.map((i) => [i.id, i]));
  const body = [];
  let task = 0;
  sc.columns.forEach((col, i) => {
    if (col.task !== task) {
      task = col.task;
      body.push(`<tr class="sc-task"><th colspan="${sc.rows.length + 1}" scope="rowgroup">${esc(t.task(task, taskName(t.lang, task)))}</th></tr>`);
    }
    const ind = byId.get(col.indicator);
    const unit = col.unit === '%' || col.unit === 'yes/no' ? '' : ` (${t.units[col.unit] || col.unit})`;
    const note = ind ? `<small>${esc(targetNote(t, ind, level, col.unit))}</small>` : '';
    const digits = rowDigits(col.unit, sc.rows.map((row) => row.cells[i].value));
    const cells = sc.rows.map((row) => cellHTML(t, sc, row, col, row.cells[i], digits)).join('');
    body.push(`<tr data-indicator="${esc(col.indicator)}"><th scope="row" class="sc-ind">${esc(col.name[t.lang])}${esc(unit)}${note}</th>${cells}</tr>`);
  });
  // Many regions: smaller type on paper, so a row still fits the page's width.
  el.innerHTML = `<table class="scorecard${sc.rows.length > 12 ? ' many' : ''}">${headRow(t, sc, level)}<tbody>${body.join('')}</tbody></table>`;
}

/** The key to the scorecard's colours and marks. */
export function renderScorecardLegend(el, t, sc) {
  const sw = (cls, label) => `<span class="sc-key"><span class="sc-swatch ${cls}"></span>${esc(label)}</span>`;
  el.innerHTML = sw('meets', t.meets) + sw('misses', t.misses) + sw('unjudged', t.notJudged) + sw('nodata', t.noData) +
    (sc.values === 'provisional' ? sw('provisional', t.provisionalBadge) : '') +
    `<span class="sc-key">${esc(`${t.partVerdict(t.urbanShort, 'met')} ${t.partVerdict(t.ruralShort, 'unmet')}: ${t.splitNote}`)}</span>` +
    `<span class="sc-key">${esc(t.rankNote)}</span>` +
    `<span class="sc-key">${esc(sc.previous ? t.changeNote(sc.previous) : t.noPrevious)}</span>`;
}
