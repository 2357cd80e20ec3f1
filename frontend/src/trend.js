// A small line chart of an indicator over the periods, as inline SVG, with
// the target as a dashed line.

import { esc, formatValue } from './format.js';

const W = 300;
const H = 130;
const pad = { l: 30, r: 30, t: 18, b: 22 };

function targetLabel(t, points, unit, y) {
  const last = points[points.length - 1];
  if (typeof last?.target !== 'number') return '';
  return `<text x="${W - 2}" y="${(y(last.target) + 12).toFixed(1)}" text-anchor="end" class="target-label">` +
    `${esc(t.target)} ${esc(formatValue(t, last.target, unit))}</text>`;
}

/** SVG markup of points [{period, value, target}] for one region. */
export function trendChart(t, points, unit, label) {
  const vals = points.flatMap((p) => [p.value, p.target]).filter((v) => typeof v === 'number');
  if (vals.length === 0) return `<p class="muted">${esc(t.noData)}</p>`;
  let lo = Math.min(...vals);
  let hi = Math.max(...vals);
  if (hi === lo) { lo -= 1; hi += 1; }
  const span = hi - lo;
  lo -= span * 0.1; hi += span * 0.1;
  const x = (i) => pad.l + (points.length === 1 ? (W - pad.l - pad.r) / 2 : (i * (W - pad.l - pad.r)) / (points.length - 1));
  const y = (v) => pad.t + ((hi - v) * (H - pad.t - pad.b)) / (hi - lo);
  const line = (key) => points.map((p, i) => (typeof p[key] === 'number' ? `${x(i).toFixed(1)},${y(p[key]).toFixed(1)}` : null))
    .filter(Boolean).join(' ');
  const dots = points.map((p, i) => (typeof p.value !== 'number' ? '' :
    `<circle cx="${x(i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="3.5" class="${p.meets === false ? 'miss' : 'hit'}"/>` +
    `<text x="${x(i).toFixed(1)}" y="${(y(p.value) - 7).toFixed(1)}" text-anchor="middle" class="v">${esc(formatValue(t, p.value, unit))}</text>`)).join('');
  const ticks = points.map((p, i) => `<text x="${x(i).toFixed(1)}" y="${H - 6}" text-anchor="middle" class="tick">${p.period}</text>`).join('');
  const summary = points.map((p) => `${p.period}: ${formatValue(t, p.value, unit)}`).join('; ');
  return `<svg class="trend" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(label)}: ${esc(summary)}">` +
    `<title>${esc(label)}</title>` +
    `<polyline points="${line('target')}" class="target"/>${targetLabel(t, points, unit, y)}` +
    `<polyline points="${line('value')}" class="value"/>${dots}${ticks}</svg>`;
}
