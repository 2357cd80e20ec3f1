// The dashboard's cards: for a state, which server chart each one draws and
// what its export menu offers. Chart options come from
// GET /api/v1/charts/{kind}; the same address with format=csv|xlsx is the
// data the chart shows, format=html the chart as a page of its own.

import { url } from './api.js';
import { scopeParams } from './dashboard-state.js';
import { exporters } from './exportmenu.js';

/** Joins the non-empty parts of a file name, as the server names its downloads. */
export const fileBase = (...parts) => parts.filter(Boolean).join('_');

/**
 * The chart cards for a state: card id, chart kind, query parameters and
 * the base of the downloads' names. radarRegion is the region set against
 * the city.
 */
export function chartPanels(s, radarRegion) {
  const scope = scopeParams(s);
  const place = [s.level, s.parent];
  return [
    { id: 'ranking', kind: 'ranking', params: { indicator: s.indicator, ...scope }, name: fileBase('ranking', s.indicator, ...place, s.period) },
    { id: 'trend', kind: 'trend', params: { indicator: s.indicator, ...scope }, name: fileBase('trend', s.indicator, ...place) },
    { id: 'departments', kind: 'attainment', params: { by: 'department', ...scope }, name: fileBase('attainment', 'department', ...place, s.period) },
    { id: 'tasks', kind: 'attainment', params: { by: 'task', ...scope }, name: fileBase('attainment', 'task', ...place, s.period) },
    { id: 'radar', kind: 'radar', params: { region: radarRegion, period: s.period, values: scope.values }, name: fileBase('radar', radarRegion, s.period) },
    { id: 'boxplot', kind: 'boxplot', params: { indicator: s.indicator, ...scope }, name: fileBase('boxplot', s.indicator, ...place, s.period) },
  ];
}

/** The address of a chart in a format (json: the ECharts option). */
export function chartURL(panel, lang, format) {
  return url(`/api/v1/charts/${panel.kind}`, { ...panel.params, lang: lang === 'en' ? 'en' : '', format });
}

/** A chart card's export menu entries; the data (CSV, XLSX) for analysts and above. */
export function chartExports(t, panel, lang, role) {
  const data = { disabled: !exporters.includes(role), note: t.needsAnalyst };
  return [
    { format: 'png', label: t.png, png: true },
    { format: 'csv', label: t.csv, href: chartURL(panel, lang, 'csv'), ...data },
    { format: 'xlsx', label: t.xlsx, href: chartURL(panel, lang, 'xlsx'), ...data },
    { format: 'json', label: t.option, href: chartURL(panel, lang, 'json'), download: `${panel.name}.json` },
    { format: 'html', label: t.standalone, href: chartURL(panel, lang, 'html'), newTab: true },
  ];
}

/** The scorecard's export menu: the server's long-form scorecard, for analysts and above. */
export function scorecardExports(t, s, role) {
  const allowed = exporters.includes(role);
  return ['csv', 'xlsx', 'json'].map((format) => ({
    format, label: t[format], href: url(`/api/v1/export/compare.${format}`, scopeParams(s)),
    disabled: !allowed, note: t.needsAnalyst,
  }));
}
