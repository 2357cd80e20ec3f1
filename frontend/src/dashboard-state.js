// The dashboard's state, held in the query string with the map's keys
// (state.js): lang, year, level, in (the county whose townships are
// compared), ind (the indicator of the charts) and sel (the region of the
// radar). So a link moves between the map and the dashboard, and a copied
// link reproduces the dashboard.

import { formatState, parseState } from './state.js';

/** The levels the dashboard compares: counties, or the townships of one county. */
export const dashLevels = ['county', 'township'];

/** Parses a query string into the dashboard's state. */
export function parseDashboard(search) {
  const s = parseState(search);
  const d = { lang: s.lang, period: s.period, indicator: s.indicator, selected: s.selected, level: 'county', parent: '' };
  // Townships or communities inside a county, on the map, are the townships of that county here.
  const county = s.parent.slice(0, 6);
  if (s.level !== 'county' && county) Object.assign(d, { level: 'township', parent: county });
  return d;
}

/** Serialises the dashboard's state, leaving out defaults. */
export function formatDashboard(d) {
  return formatState({ ...parseState(''), ...d });
}

/** The map's link for the dashboard's state: same language, year, indicator and county. */
export function mapLink(d) {
  const q = formatState({ ...parseState(''), lang: d.lang, period: d.period, indicator: d.indicator, level: d.level, parent: d.parent });
  return q ? `/?${q}` : '/';
}

/**
 * The state to open with when the address has none: the map page that
 * linked here lends its language, year, indicator and county.
 */
export function initialSearch(search, referrer, origin) {
  if (search || !referrer) return search;
  try {
    const r = new URL(referrer);
    return r.origin === origin && r.pathname === '/' ? r.search : search;
  } catch {
    return search;
  }
}

/** The comparison's query parameters: counties, or the townships of d.parent. */
export function scopeParams(d) {
  return d.level === 'township' ? { level: 'township', parent: d.parent, period: d.period } : { level: 'county', period: d.period };
}
