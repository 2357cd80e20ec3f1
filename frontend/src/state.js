// The view's state lives in the query string, so a copied link reproduces
// the view; MapLibre keeps the camera in the hash (#map=zoom/lat/lon).

export const levels = ['county', 'township', 'community'];
export const methods = ['quantile', 'equal', 'jenks', 'pretty', 'stddev', 'manual', 'target'];
export const palettes = ['YlGnBu', 'Blues', 'Greens', 'Purples', 'Oranges', 'Reds', 'BuGn', 'BuPu', 'GnBu',
  'OrRd', 'PuBu', 'PuBuGn', 'PuRd', 'RdPu', 'YlGn', 'YlOrBr', 'YlOrRd', 'RdBu', 'RdYlBu', 'BrBG', 'PiYG', 'PRGn', 'PuOr'];

const defaults = {
  lang: 'zh', level: 'county', parent: '', indicator: '', period: '', method: 'quantile', classes: 5,
  palette: 'YlGnBu', breaks: '', selected: '', facilities: false, grids: false, large: false,
};

// Query keys, short so links stay readable.
const keys = {
  lang: 'lang', level: 'level', parent: 'in', indicator: 'ind', period: 'year', method: 'method',
  classes: 'k', palette: 'pal', breaks: 'breaks', selected: 'sel', facilities: 'fac', grids: 'grid', large: 'large',
};

/** Parses a query string into a state, falling back to defaults for anything unusable. */
export function parseState(search) {
  const q = new URLSearchParams(search);
  const s = { ...defaults };
  const str = (k) => q.get(keys[k]) ?? '';
  if (str('lang') === 'en') s.lang = 'en';
  if (levels.includes(str('level'))) s.level = str('level');
  if (/^\d{6}(\d{3})?$/.test(str('parent'))) s.parent = str('parent');
  s.indicator = str('indicator').replace(/[^a-z0-9_]/g, '');
  if (/^\d{4}$/.test(str('period'))) s.period = str('period');
  if (methods.includes(str('method'))) s.method = str('method');
  const k = Number(str('classes'));
  if (Number.isInteger(k) && k >= 3 && k <= 9) s.classes = k;
  if (palettes.includes(str('palette'))) s.palette = str('palette');
  s.breaks = str('breaks').replace(/[^0-9.,\-e]/gi, '');
  if (/^\d{6,12}$/.test(str('selected'))) s.selected = str('selected');
  s.facilities = str('facilities') === '1';
  s.grids = str('grids') === '1';
  s.large = str('large') === '1';
  return fitParent(s);
}

/** Serialises a state as a query string, leaving out defaults. */
export function formatState(s) {
  const q = new URLSearchParams();
  for (const [k, key] of Object.entries(keys)) {
    let v = s[k];
    if (v === defaults[k] || v === '' || v === false) continue;
    if (v === true) v = '1';
    q.set(key, String(v));
  }
  return q.toString();
}

/** The level of a division code, by its length. */
export function levelOf(code) {
  return { 4: 'city', 6: 'county', 9: 'township', 12: 'community' }[code.length] || '';
}

/** The level below a level ('' below communities). */
export function childLevel(level) {
  return { city: 'county', county: 'township', township: 'community' }[level] || '';
}

/** Drops a parent that is not above the level (a county cannot hold counties). */
export function fitParent(s) {
  const depth = (l) => ['city', ...levels].indexOf(l);
  if (s.parent && depth(levelOf(s.parent)) >= depth(s.level)) s.parent = '';
  return s;
}
