// Parts of the side panel shared by every layer: the region's heading and
// facts, and regions ranked best first with the count meeting the target.

import { esc, formatMeets, formatValue } from './format.js';

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
export function meetSummary(t, rows) {
  const judged = rows.filter((r) => r.meets === true || r.meets === false);
  if (judged.length === 0) return '';
  const n = judged.filter((r) => r.meets).length;
  return `<p class="summary">${esc(t.meetCount(n, judged.length))}</p>`;
}

/**
 * The rows as an ordered list of buttons (data-code), with bars and the
 * verdict; numbered with their rank unless unranked. Bars span the values
 * of scale (the rows by default).
 */
export function rankList(t, rows, unit, cls, { unranked = false, scale = rows } = {}) {
  // Bars span the range of the values shown, so near-equal rates still differ.
  const vals = scale.map((r) => r.value).filter((v) => typeof v === 'number');
  const lo = Math.min(...vals);
  const span = Math.max(...vals) - lo || 1;
  const li = rows.map((r, i) => {
    const mark = r.meets === true ? '✓' : r.meets === false ? '✗' : '';
    const width = typeof r.value === 'number' ? 8 + (92 * (r.value - lo)) / span : 0;
    return `<li><button type="button" class="rank-row ${r.meets === false ? 'miss' : ''}" data-code="${esc(r.code)}" ` +
      `aria-label="${esc(`${t.select(r.name)}: ${formatValue(t, r.value, unit)}, ${formatMeets(t, r.meets)}`)}"><span class="rank-n">${unranked ? '–' : i + 1}</span><span class="rank-name">${esc(r.name)}</span>` +
      `<span class="rank-bar" style="--w:${width.toFixed(1)}%" aria-hidden="true"></span>` +
      `<span class="rank-v">${esc(formatValue(t, r.value, unit))}</span><span class="rank-m" aria-label="${esc(formatMeets(t, r.meets))}">${mark}</span></button></li>`;
  });
  return `<ol class="rank ${cls}">${li.join('')}</ol>`;
}

/**
 * The rows ranked as rankList, townships among townships: the units that
 * are not townships (zones, farms; unit_type other) follow apart, unranked,
 * as the township rankings of the dashboard leave them out.
 */
export function rankSections(t, rows, unit, cls) {
  const others = rows.filter((r) => r.unit_type === 'other');
  if (!others.length) return rankList(t, rows, unit, cls);
  const ranked = rows.filter((r) => r.unit_type !== 'other');
  return rankList(t, ranked, unit, cls, { scale: rows }) +
    `<h4 class="rank-apart" title="${esc(t.otherUnitNote)}">${esc(t.otherUnits)}</h4>` +
    rankList(t, others, unit, `${cls} unranked`, { unranked: true, scale: rows });
}

/** The panel's heading (with its close button) and the region's facts. */
export function regionHead(t, region) {
  const facts = [t.one[region.level] ?? region.level, `${t.code} ${region.code}`];
  if (region.kind) facts.push(t.kind[region.kind]);
  if (region.unit_type === 'other') facts.push(t.otherUnit);
  facts.push(`${t.population} ${region.population.toLocaleString(t.locale)}`);
  return `<div class="panel-head"><h2 id="panel-title">${esc(region.name)}</h2>` +
    `<button type="button" class="close" data-action="close" aria-label="${esc(t.close)}">×</button></div>` +
    `<p class="facts"${region.unit_type === 'other' ? ` title="${esc(t.otherUnitNote)}"` : ''}>${facts.map(esc).join(' · ')}</p>`;
}
