// The dashboard's state, held in the query string with the map's keys
// (state.js): lang, year, level, in (the county whose townships are
// compared), ind (the indicator of the charts), sel (the region of the
// radar), units (all: township rankings include the units that are not
// townships) and prov (submitted values not yet approved stand in, marked
// provisional: analysts and above). So a link moves between the map and the dashboard, and a copied
// link reproduces the dashboard.

import { childLevel, codeLength, formatState, levelOf, levelUp, levels, parseState } from './state.js';

/**
 * The levels the dashboard compares: the roots' children (Nantong's
 * counties), or the regions one level down inside one of them (the
 * townships of a county). Follows the map's levels (useLevels).
 */
export const dashLevels = ['county', 'township'];

/** Takes the tiers from the map's levels once the server's are in. */
export function useDashLevels() {
  dashLevels.splice(0, 2, levels[0], levels[1] ?? levels[0]);
}

/** Parses a query string into the dashboard's state. */
export function parseDashboard(search) {
  const s = parseState(search);
  const [top, second] = dashLevels;
  const d = { lang: s.lang, period: s.period, indicator: s.indicator, selected: s.selected, level: top, parent: '', units: s.units, provisional: s.provisional };
  // Townships or communities inside a county, on the map, are the townships of that county here.
  const county = s.parent.slice(0, codeLength(top));
  if (s.level !== top && county) Object.assign(d, { level: second, parent: county });
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
  const p = d.level === dashLevels[0] ? { level: d.level, period: d.period } : { level: d.level, parent: d.parent, period: d.period };
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
  const level = childLevel(levelOf(region));
  if (level) return { level, parent: region };
  return { level: levelOf(region), parent: levelUp(region) };
}
