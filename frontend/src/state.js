// The view's state lives in the query string, so a copied link reproduces
// the view; MapLibre keeps the camera in the hash (#map=zoom/lat/lon).

/**
 * The levels of the division hierarchy, from the top (GET /api/v1/levels):
 * their names and code lengths. Nantong's until useLevels has the server's.
 */
export const hierarchy = [
  { name: 'city', code_length: 4 }, { name: 'county', code_length: 6 },
  { name: 'township', code_length: 9 }, { name: 'community', code_length: 12 },
];
/** The levels a map shows, from the roots' children (the default level) down. */
export const levels = ['county', 'township', 'community'];
export const methods = ['quantile', 'equal', 'jenks', 'pretty', 'stddev', 'manual', 'target'];
export const healthModes = ['walk', 'bicycle', 'ebike', 'car'];
export const clinicTypes = ['health_station', 'health_centre', 'village_clinic'];
export const palettes = ['YlGnBu', 'Blues', 'Greens', 'Purples', 'Oranges', 'Reds', 'BuGn', 'BuPu', 'GnBu',
  'OrRd', 'PuBu', 'PuBuGn', 'PuRd', 'RdPu', 'YlGn', 'YlOrBr', 'YlOrRd', 'RdBu', 'RdYlBu', 'BrBG', 'PiYG', 'PRGn', 'PuOr'];

const defaults = {
  lang: 'zh', level: 'county', parent: '', indicator: '', period: '', method: 'quantile', classes: 5,
  palette: 'YlGnBu', breaks: '', selected: '', facilities: false, grids: false, large: false,
  // The 15-minute health circle: travel mode ('' for each community's own),
  // budget, layers, and the what-if scenario (clinics added, facilities removed).
  hmode: '', minutes: 15, iso: false, uncovered: false, siting: false, sites: 5,
  whatif: false, add: [], remove: [], clinic: 'health_station',
  // Township rankings: '' leaves out the units that are not townships, 'all' keeps them.
  units: '',
  // Submitted, not yet approved values in place of the published ones (analysts and above).
  provisional: false,
};

// Query keys, short so links stay readable.
const keys = {
  lang: 'lang', level: 'level', parent: 'in', indicator: 'ind', period: 'year', method: 'method',
  classes: 'k', palette: 'pal', breaks: 'breaks', selected: 'sel', facilities: 'fac', grids: 'grid', large: 'large',
  hmode: 'hm', minutes: 'min', iso: 'iso', uncovered: 'unc', siting: 'site', sites: 'sk',
  whatif: 'wi', add: 'add', remove: 'rm', clinic: 'ct', units: 'units', provisional: 'prov',
};

const maxAdded = 20;

/** Clinics to add as "lon,lat,type;…" (6 decimals, about 10 cm). */
function formatAdded(list) {
  return list.map((c) => `${c.lon.toFixed(6)},${c.lat.toFixed(6)},${c.type}`).join(';');
}

function parseAdded(text) {
  const out = [];
  for (const part of text.split(';').slice(0, maxAdded)) {
    const [lon, lat, type] = part.split(',');
    const c = { lon: Number(lon), lat: Number(lat), type: clinicTypes.includes(type) ? type : clinicTypes[0] };
    if (lon && lat && Math.abs(c.lon) <= 180 && Math.abs(c.lat) <= 90) out.push(c);
  }
  return out;
}

/** Parses a query string into a state, falling back to defaults for anything unusable. */
export function parseState(search) {
  const q = new URLSearchParams(search);
  const s = { ...defaults };
  const str = (k) => q.get(keys[k]) ?? '';
  if (str('lang') === 'en') s.lang = 'en';
  // Checked against the server's levels once they are in (useLevels, fitParent).
  if (/^[a-z]{1,20}$/.test(str('level'))) s.level = str('level');
  if (/^\d{2,9}$/.test(str('parent'))) s.parent = str('parent');
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
  if (healthModes.includes(str('hmode'))) s.hmode = str('hmode');
  const min = Number(str('minutes'));
  if (Number.isInteger(min) && min >= 1 && min <= 120) s.minutes = min;
  for (const b of ['iso', 'uncovered', 'siting', 'whatif', 'provisional']) s[b] = str(b) === '1';
  const sites = Number(str('sites'));
  if (Number.isInteger(sites) && sites >= 1 && sites <= 10) s.sites = sites;
  s.add = str('add') ? parseAdded(str('add')) : [];
  s.remove = str('remove').split(',').filter((id) => /^[\w.-]{1,80}$/.test(id)).slice(0, 50);
  if (clinicTypes.includes(str('clinic'))) s.clinic = str('clinic');
  if (str('units') === 'all') s.units = 'all';
  return fitParent(s);
}

/** Serialises a state as a query string, leaving out defaults. */
export function formatState(s) {
  const q = new URLSearchParams();
  for (const [k, key] of Object.entries(keys)) {
    let v = s[k];
    if (v === defaults[k] || v === '' || v === false || (Array.isArray(v) && v.length === 0)) continue;
    if (v === true) v = '1';
    if (k === 'add') v = formatAdded(v);
    if (k === 'remove') v = v.join(',');
    q.set(key, String(v));
  }
  return q.toString();
}

/**
 * Takes the server's levels (GET /api/v1/levels): the hierarchy, and the
 * levels a map shows from its default level (the roots' children) down.
 */
export function useLevels(answer) {
  hierarchy.splice(0, hierarchy.length, ...answer.items.map(({ name, code_length }) => ({ name, code_length })));
  const names = hierarchy.map((l) => l.name);
  levels.splice(0, levels.length, ...names.slice(Math.max(0, names.indexOf(answer.default_level))));
  defaults.level = levels[0];
}

const depth = (level) => hierarchy.findIndex((l) => l.name === level);

/** The level of a division code, by its length. */
export function levelOf(code) {
  return hierarchy.find((l) => l.code_length === code.length)?.name ?? '';
}

/** The level below a level ('' below communities). */
export function childLevel(level) {
  const d = depth(level);
  return d < 0 ? '' : hierarchy[d + 1]?.name ?? '';
}

/** The code one level up from code, as its prefix gives it ('' at the top). */
export function levelUp(code) {
  return code.slice(0, hierarchy[depth(levelOf(code)) - 1]?.code_length ?? 0);
}

/** The length of a level's codes (0 for none). */
export function codeLength(level) {
  return hierarchy[depth(level)]?.code_length ?? 0;
}

/**
 * Puts a level the map does not show back to the default, and drops a
 * parent that is not above the level (a county cannot hold counties).
 */
export function fitParent(s) {
  if (!levels.includes(s.level)) s.level = levels[0];
  if (s.parent && depth(levelOf(s.parent)) >= depth(s.level)) s.parent = '';
  return s;
}

/** Whether code lies inside region (or is it); every code does when region is ''. */
export function inside(code, region) {
  return !region || (code.startsWith(region) && code.length >= region.length);
}

/**
 * The view of a user limited to region (a county official: their county)
 * when the address names no place inside it: the regions beneath theirs, as
 * a city user lands on the counties. Their snapshot holds nothing else, so
 * a view of one region alone would class a single value.
 */
export function landIn(s, region) {
  if (!region || (s.parent && inside(s.parent, region))) return s;
  const level = childLevel(levelOf(region));
  Object.assign(s, level ? { level, parent: region } : { level: levelOf(region), parent: levelUp(region) });
  if (!inside(s.selected, region)) s.selected = '';
  return s;
}
