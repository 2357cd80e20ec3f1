// Community Atlas web app: a choropleth map of Nantong's regions against the
// 2013 community-construction targets, with drill-down, details and search,
// and the coverage analyses: grid management (task 13), facility standards
// and the 15-minute health circle with its what-if mode and siting.

import 'maplibre-gl/dist/maplibre-gl.css';
import './style.css';
import './layers.css';
import './phone.css';
import { drawAnalysis, dropOverlays, loadAnalysis, loadChoropleth, shownSources } from './analysis.js';
import { choroplethURL, getJSON, periodsURL, setCSRF, setLanguage } from './api.js';
import { asIndicator, computedLayer } from './computed.js';
import { readControls, renderControls, renderIndicatorNote, syncControls } from './controls.js';
import { strings } from './i18n.js';
import { showGrid } from './gridpanel.js';
import { wireImport } from './importwizard.js';
import { wireHealth } from './healthui.js';
import { renderLegend } from './legend.js';
import { bbox, createMap, markSelected, paintRegions, showLevel, showOverlays } from './map.js';
import { mapMenu, wireMapMenu } from './mapexport.js';
import { mapImage } from './mapimage.js';
import { saveDataURL } from './exportmenu.js';
import { renderBreadcrumb, setLabels, setupPointer } from './overlays.js';
import { canWrite, undoBatch } from './history.js';
import { renderPanel } from './panel.js';
import { syncPhone, wirePhone } from './phone.js';
import { wireChecklist } from './panelchecklist.js';
import { setupSearch } from './search.js';
import { askLogin, whoAmI, wireSignButton } from './session.js';
import { childLevel, codeLength, fitParent, formatState, inside, landIn, levelOf, levels, parseState, useLevels } from './state.js';

const $ = (id) => document.getElementById(id);
/** The map's vector tile layers: one per level it shows, facilities and grids. */
const tileLayers = () => [...levels, 'facility', 'grid'];

let state;
let catalogue;
let periods;
// The year a view opens on when its address names none (the server's
// choice: the latest year most regions have reported).
let defaultPeriod;
let map;
let countyBounds;
let seq = 0;
let settled = Promise.resolve();
let current = { items: new Map(), choropleth: null, indicator: null, level: levels[0] };
let analysis = {};
let renderHealth = async () => {};
let me = null;
let basemapCredit = '';
let rootNames = '';
let reauthing = false;
const metrics = {};

// For the browser tests and for anyone curious in the console.
window.atlas = {
  metrics,
  get map() { return map; },
  get state() { return { ...state }; },
  get choropleth() { return current.choropleth; },
  get analysis() { return analysis; },
  settled: () => settled,
};

const t = () => strings(state.lang);

/** The catalogue indicator of an id, or the computed layer's stand-in. */
function indicatorOf(id) {
  const layer = computedLayer(id);
  return layer ? asIndicator(layer) : catalogue.find((i) => i.id === id);
}

/** Makes a state usable with this catalogue and these periods. */
function normalise(s) {
  if (!indicatorOf(s.indicator)) s.indicator = catalogue[0].id;
  if (!periods.map(String).includes(String(s.period))) s.period = String(defaultPeriod);
  return fitParent(s);
}

function writeURL(push) {
  const q = formatState(state);
  const next = `${location.pathname}${q ? `?${q}` : ''}${location.hash}`;
  if (next !== `${location.pathname}${location.search}${location.hash}`) {
    history[push ? 'pushState' : 'replaceState'](null, '', next);
  }
}

/** Sets every static text of the page, and the form once the catalogue is in, in the state's language. */
function applyLanguage() {
  const d = t();
  setLanguage(state.lang);
  document.documentElement.lang = state.lang === 'en' ? 'en' : 'zh-CN';
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = d[el.dataset.t];
  for (const el of document.querySelectorAll('[data-t-aria]')) el.setAttribute('aria-label', d[el.dataset.tAria]);
  for (const el of document.querySelectorAll('[data-t-title]')) el.title = d[el.dataset.tTitle];
  for (const el of document.querySelectorAll('[data-t-placeholder]')) el.placeholder = d[el.dataset.tPlaceholder];
  $('lang').lang = state.lang === 'en' ? 'zh-CN' : 'en';
  $('who').textContent = me?.user?.username ?? '';
  $('sign').textContent = me?.user ? d.signOut : d.signIn;
  $('sign').hidden = !me;
  if (catalogue) renderControls(d, state, catalogue, periods);
}

/** A login ran out (or was revoked): sign in again, then reload the same view. */
function reauth() {
  if (reauthing) return;
  reauthing = true;
  askLogin(t).then(() => location.reload());
}

async function fitTo(code) {
  if (!code) {
    map.fitBounds(countyBounds, { padding: 24, duration: 0 });
    return;
  }
  const f = await getJSON(`/api/v1/regions/${code}?format=geojson`);
  map.fitBounds(bbox(f.geometry), { padding: 32, duration: 0 });
}

/** The regions above the view, down to its parent: those the user may read (inside their scope). */
async function breadcrumbChain() {
  const codes = [];
  if (state.parent.length >= 6) codes.push(state.parent.slice(0, 6));
  if (state.parent.length >= 9) codes.push(state.parent.slice(0, 9));
  return Promise.all(codes.filter((c) => inside(c, me?.region)).map((c) => getJSON(`/api/v1/regions/${c}`)));
}

function labelsURL() {
  const q = new URLSearchParams({ level: state.level });
  if (state.parent) q.set('parent', state.parent);
  return `/api/v1/regions?${q}`;
}

async function labels() {
  setLabels(map, (await getJSON(labelsURL())).items);
}

/**
 * Resolves once the regions (and the overlays shown) are loaded and drawn.
 * Not on 'idle' alone: a basemap that cannot be reached keeps the map from
 * ever being idle, and the regions must not wait for it.
 */
function idle() {
  const ours = [levels[0], state.level, ...(state.facilities ? ['facility'] : []), ...(state.grids ? ['grid'] : []),
    ...shownSources(state)];
  return new Promise((resolve) => {
    const done = () => {
      map.off('idle', done);
      map.off('render', check);
      resolve();
    };
    const check = () => {
      if (!map.isMoving() && ours.every((id) => map.isSourceLoaded(id))) done();
    };
    map.on('idle', done);
    map.on('render', check);
    map.triggerRepaint();
  });
}

/** Brings the map, legend, panel and breadcrumb in line with the state. */
function refresh({ push = false, fit } = {}) {
  const mine = ++seq;
  writeURL(push);
  syncControls(state);
  const s = { ...state };
  settled = (async () => {
    const d = t();
    const indicator = indicatorOf(s.indicator);
    renderIndicatorNote(d, s.lang, indicator);
    showLevel(map, s.level, s.parent);
    showOverlays(map, s.facilities, s.grids);
    markSelected(map, s.level, s.selected);
    if (fit !== undefined) await fitTo(fit).catch(() => {});
    const pending = loadAnalysis(s);
    let cho = null;
    let error = null;
    try {
      cho = await loadChoropleth(s, indicator, pending);
    } catch (err) {
      error = err;
      if (err.status === 401) reauth();
    }
    const a = await pending;
    if (mine !== seq) return;
    error ??= a.errors[0] ?? null;
    analysis = a;
    current = { t: d, level: s.level, minutes: s.minutes, indicator, choropleth: cho, items: new Map((cho?.items ?? []).map((i) => [i.code, i])) };
    paintRegions(map, s.level, cho?.items ?? []);
    drawAnalysis(map, a);
    renderLegend($('legend'), { t: d, lang: s.lang, choropleth: cho, indicatorName: indicator.name[s.lang], facilities: s.facilities, state: s, analysis: a });
    $('map-export-menu').innerHTML = mapMenu(d, { state: s, indicator, role: me?.role });
    $('error').textContent = error ? `${d.failed}: ${error.detail ?? error.message}` : '';
    $('error').hidden = !error;
    document.title = `${indicator.name[s.lang]} · ${d.title}`;
    const [chain] = await Promise.all([
      breadcrumbChain(),
      cho ? renderPanel($('panel'), { t: d, lang: s.lang, state: s, indicator, choropleth: cho, periods, canWrite: canWrite(me) }) : null,
      labels().catch(() => setLabels(map, [])),
      renderHealth(d, s, a),
    ]);
    if (mine !== seq) return;
    current.place = chain.at(-1)?.name ?? topName(d);
    renderBreadcrumb($('breadcrumb'), d, chain, goUp, { city: !me?.region || !chain.length, top: topName(d) });
    syncPhone(d, s);
    await idle();
  })();
  return settled;
}

/**
 * Saves the view as a print-ready PNG, named after the indicator, the year
 * and the region: map, title, legend, north arrow, scale bar and credit.
 */
async function exportPNG() {
  await settled;
  const d = t();
  const s = { ...state };
  const indicator = indicatorOf(s.indicator);
  const year = current.choropleth?.period ?? '';
  const method = current.choropleth ? d.methods[current.choropleth.method] : '';
  const place = current.place ?? topName(d);
  const today = new Date().toISOString().slice(0, 10);
  const png = await mapImage(map, {
    title: [indicator.name[s.lang], year].filter(Boolean).join(' · '),
    subtitle: [place, d.one[s.level], method].filter(Boolean).join(' · '),
    legendEl: $('legend'), north: d.north, ready: idle,
    credit: [d.credit, basemapCredit, d.mapMade(today)].filter(Boolean).join(' · '),
  });
  saveDataURL(png, `${['map', s.indicator, year, s.parent].filter(Boolean).join('_')}.png`);
}

/** Applies change to the state and redraws, as a new history entry. */
function update(change) {
  change(state);
  return refresh({ push: true });
}

/** The top of the hierarchy by name: the roots' (南通市; 江苏省), else the strings'. */
function topName(d) {
  return rootNames || d.top;
}

function select(code) {
  state.selected = code;
  return refresh({ push: true });
}

function drill(code, selected = '') {
  const level = childLevel(levelOf(code));
  if (!level) return select(code);
  Object.assign(state, { level, parent: code, selected });
  return refresh({ push: true, fit: code });
}

/** Goes up to a region of the breadcrumb ('' for the city), keeping the region left selected. */
function goUp(code) {
  const level = code ? childLevel(levelOf(code)) : levels[0];
  const keep = state.parent.slice(0, codeLength(level));
  Object.assign(state, { level, parent: code, selected: keep });
  return refresh({ push: true, fit: code });
}

function pick(region) {
  const parent = region.level === levels[0] ? '' : region.parent;
  Object.assign(state, { level: region.level, parent, selected: region.code });
  return refresh({ push: true, fit: region.code });
}

/** The header's switches, which work before the map is there (on the login form too). */
function wireHeader() {
  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'en' ? 'zh' : 'en';
    applyLanguage();
    if (map) refresh();
    else writeURL(false);
  });
  $('large').addEventListener('click', () => {
    state.large = !state.large;
    syncControls(state);
    if (map) {
      map.resize();
      refresh();
    }
  });
  wireSignButton($('sign'), () => me, t);
}

function wire() {
  $('controls').addEventListener('submit', (e) => e.preventDefault());
  $('controls').addEventListener('change', () => {
    const before = state.level;
    const indicator = state.indicator;
    const provisional = state.provisional;
    readControls(state);
    if (state.level !== before) state.selected = '';
    if (state.indicator !== indicator) dropOverlays(state);
    fitParent(state);
    if (state.provisional === provisional) refresh();
    // Until the periods are in and the map redrawn, the page is not settled.
    else settled = reloadPeriods().then(() => refresh(), showBootError);
  });
  $('panel').addEventListener('click', (e) => {
    const b = e.target.closest('button');
    if (!b) return;
    if (b.dataset.grid) showGrid(map, state.selected, b.dataset.grid).catch(() => {});
    else if (b.dataset.action === 'close') select('');
    else if (b.dataset.action === 'drill') drill(b.dataset.code);
    else if (b.dataset.action === 'undo') undoBatch(t(), b.dataset.batch, $('undo-error'));
    else if (b.closest('.children')) drill(state.selected, b.dataset.code);
    else if (b.dataset.code) select(b.dataset.code);
  });
  wireChecklist($('panel'), { strings: t, lang: () => state.lang });
  window.addEventListener('popstate', () => {
    state = normalise(parseState(location.search));
    applyLanguage();
    refresh({ fit: state.parent });
  });
  setupSearch($('search'), $('search-list'), { strings: t, onPick: pick });
  // In the what-if mode a click drops a clinic instead of selecting.
  setupPointer(map, $('tooltip'), () => current, (code) => (state.whatif ? null : select(code)));
  renderHealth = wireHealth(map, { state: () => state, update, strings: t });
  wireMapMenu($('map-export'), () => exportPNG().catch((err) => {
    $('error').textContent = `${t().failed}: ${err.message}`;
    $('error').hidden = false;
  }));
  wirePhone(map);
}

/**
 * A link to the yearly round's page for those who report, review or open
 * rounds (data managers and admins), in the page's language. Made at a desk:
 * the phone's header leaves it out.
 */
function wireRoundsLink() {
  if (!canWrite(me)) return;
  const a = Object.assign(document.createElement('a'), { id: 'to-rounds', className: 'toggle' });
  a.style.textDecoration = 'none';
  const label = () => {
    a.textContent = t().rounds;
    a.href = state.lang === 'en' ? '/rounds?lang=en' : '/rounds';
  };
  label();
  $('lang').addEventListener('click', label);
  $('to-dashboard').after(a);
}

async function boot() {
  state = parseState(location.search);
  document.documentElement.classList.toggle('large', state.large);
  applyLanguage();
  wireHeader();
  // Who the user is comes first: before a login every data request would fail.
  me = await whoAmI();
  while (!me) {
    await askLogin(t);
    me = await whoAmI();
  }
  setCSRF(me.csrf_token);
  // Leaders (viewers) see only published values; the others may switch to
  // the submitted ones of an open round, marked provisional.
  const mayProvisional = ['analyst', 'data_manager', 'admin'].includes(me.role);
  $('provisional-row').hidden = !mayProvisional;
  if (!mayProvisional) state.provisional = false;
  // The levels first: the tile layers and the view's level follow from them.
  const hierarchy = await getJSON('/api/v1/levels');
  useLevels(hierarchy);
  // An address that names no level opens on the default one (the roots' children).
  if (!new URLSearchParams(location.search).has('level')) state.level = levels[0];
  rootNames = hierarchy.roots.map((r) => r.name).join('、');
  current.level = levels[0];
  const boot = ['/api/v1/config', '/api/v1/indicators', periodsURL(state.provisional), ...tileLayers().map((l) => `/tiles/${l}.json`)];
  const [config, cat, per, ...tjs] = await Promise.all(boot.map((u) => getJSON(u)));
  catalogue = cat.items;
  periods = per.items;
  defaultPeriod = per.default || periods[periods.length - 1];
  normalise(landIn(state, me.region));
  // Ask for the first view's data while the map starts; refresh finds them cached.
  if (!computedLayer(state.indicator)) getJSON(choroplethURL(state)).catch(() => {});
  getJSON(labelsURL()).catch(() => {});
  applyLanguage();
  const tilejsons = Object.fromEntries(tileLayers().map((l, i) => [l, tjs[i]]));
  countyBounds = tilejsons[levels[0]].bounds;
  basemapCredit = config.basemap_url ? config.basemap_attribution ?? '' : '';
  const hasView = /[#&]map=/.test(location.hash);
  map = await createMap($('map'), tilejsons, { url: config.basemap_url, attribution: config.basemap_attribution }, hasView);
  map.on('error', (e) => {
    if (e.error?.status === 401) reauth();
  });
  wire();
  wireImport({ map, me, lang: () => state.lang });
  wireRoundsLink();
  await refresh({ fit: hasView ? undefined : state.parent || undefined });
  metrics.firstRenderMs = Math.round(performance.now());
  document.body.dataset.firstRenderMs = String(metrics.firstRenderMs);
}

/** Says why the page could not load (or asks for a login again). */
function showBootError(err) {
  if (err.status === 401) {
    reauth();
    return;
  }
  const el = $('error');
  el.textContent = `${strings(state?.lang).failed}: ${err.detail ?? err.message}`;
  el.hidden = false;
}

/**
 * Reads the periods again when the provisional switch turns: a round's year
 * with nothing published yet is a period of the submitted values only.
 */
async function reloadPeriods() {
  const per = await getJSON(periodsURL(state.provisional));
  periods = per.items;
  defaultPeriod = per.default || periods[periods.length - 1];
  normalise(state);
  renderControls(t(), state, catalogue, periods);
}

boot().catch(showBootError);
