// The dashboard's state, held in the query string with the map's keys
// (state.js): lang, year, level, in (the county whose townships are
// compared), ind (the indicator of the charts), sel (the region of the
// radar), units (all: township rankings include the units that are not
// townships) and prov (submitted values not yet approved stand in, marked
// provisional: analysts and above). So a link moves between the map and the dashboard, and a copied
// link reproduces the dashboard.

import { childLevel, formatState, levelOf, parseState } from './state.js';

/** The levels the dashboard compares: counties, or the townships of one county. */
export const dashLevels = ['county', 'township'];

/** Parses a query string into the dashboard's state. */
export function parseDashboard(search) {
  const s = parseState(search);
  const d = { lang: s.lang, period: s.period, indicator: s.indicator, selected: s.selected, level: 'county', parent: '', units: s.units, provisional: s.provisional };
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
  const q = formatState({ ...parseState(''), lang: d.lang, period: d.period, indicator: d.indicator, level: d.level, parent: d.parent, provisional: d.provisional });
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

/**
 * The comparison's query parameters: counties, or the regions of d.level
 * inside d.parent (the townships of a county); units=all when townships are
 * ranked with the units that are not townships; values=provisional when
 * submitted values stand in.
 */
export function scopeParams(d) {
  const p = d.level === 'county' ? { level: 'county', period: d.period } : { level: d.level, parent: d.parent, period: d.period };
  if (d.level === 'township' && d.units === 'all') p.units = 'all';
  if (d.provisional) p.values = 'provisional';
  return p;
}

/**
 * The one comparison a user limited to region may make: the regions
 * beneath theirs (a county official: the county's townships). Their
 * snapshot holds neither the other counties nor the city.
 */
export function scopedView(region) {
  return { level: childLevel(levelOf(region)) || 'community', parent: region.slice(0, 9) };
}
