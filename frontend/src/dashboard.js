// The targets dashboard: for a period, the counties (or the townships of a
// county) side by side — the scorecard, rankings, attainment by department
// and by task, trends, a region against the city, the spread across
// communities — each with an export menu, and a print layout for meetings.

import './style.css';
import './dashboard.css';
import { getJSON, periodsURL, setLanguage, url } from './api.js';
import { chartFailed, chartIn, chartLoading, chartPNG, drawChart } from './charts.js';
import { dashStrings } from './dashboard-i18n.js';
import { dashLevels, formatDashboard, initialSearch, mapLink, parseDashboard, scopeParams, scopedView, useDashLevels } from './dashboard-state.js';
import { exportMenu, saveDataURL, wireExportMenus } from './exportmenu.js';
import { esc } from './format.js';
import { taskName } from './i18n.js';
import { chartExports, chartPanels, chartURL, scorecardExports } from './dashboard-cards.js';
import { renderScorecard, renderScorecardLegend, tally } from './scorecard.js';
import { askLogin, whoAmI, wireSignButton } from './session.js';
import { useLevels } from './state.js';

const $ = (id) => document.getElementById(id);

let state;
let catalogue;
let periods;
// The year a view opens on when its address names none (the server's
// choice: the latest year most regions have reported).
let defaultPeriod;
let counties = [];
let me = null;
// The region a limited user's answers stay inside ('' for the whole city), and its name.
let scope = '';
let scopeName = '';
let seq = 0;
let settled = Promise.resolve();
let reauthing = false;
let panels = [];
const drawn = new Map(); // card id → {address, done}: the chart drawn there, or being drawn
const options = {}; // card id → the option drawn
const metrics = {};

// For the browser tests and for anyone curious in the console.
window.atlas = {
  metrics,
  options,
  get state() { return { ...state }; },
  settled: () => settled,
  chartOption: (id) => chartIn($(`chart-${id}`)).getOption(),
  chartSize: (id) => [chartIn($(`chart-${id}`)).getWidth(), chartIn($(`chart-${id}`)).getHeight()],
};

const t = () => dashStrings(state.lang);

/** Whether the user may see submitted values not yet approved. */
const mayProvisional = () => ['analyst', 'data_manager', 'admin'].includes(me?.role);

/** Reads the periods: with provisional values, a round's year before it is published too. */
async function loadPeriods() {
  const per = await getJSON(periodsURL(state.provisional));
  periods = per.items;
  defaultPeriod = per.default || periods[periods.length - 1];
}

function normalise(s) {
  if (!catalogue.some((i) => i.id === s.indicator)) s.indicator = catalogue[0].id;
  if (!periods.map(String).includes(String(s.period))) s.period = String(defaultPeriod);
  if (scope) return Object.assign(s, scopedView(scope));
  if (!dashLevels.includes(s.level)) s.level = dashLevels[0];
  if (s.level === dashLevels[1] && !counties.some((c) => c.code === s.parent)) s.parent = counties[0]?.code ?? '';
  if (!s.parent) s.level = dashLevels[0];
  return s;
}

function writeURL(push) {
  const q = formatDashboard(state);
  const next = `${location.pathname}${q ? `?${q}` : ''}`;
  if (next !== `${location.pathname}${location.search}`) history[push ? 'pushState' : 'replaceState'](null, '', next);
}

function optionList(list, label) {
  return list.map((v) => `<option value="${esc(v)}">${esc(label(v))}</option>`).join('');
}

function indicatorOptions(d) {
  const tasks = [...new Set(catalogue.map((i) => i.task))];
  return tasks.map((task) => `<optgroup label="${esc(d.task(task, taskName(d.lang, task)))}">` +
    optionList(catalogue.filter((i) => i.task === task).map((i) => i.id), (id) => catalogue.find((i) => i.id === id).name[d.lang]) +
    '</optgroup>').join('');
}

/** Sets every static text in the state's language, and the form's options. */
function applyLanguage() {
  const d = t();
  setLanguage(d.lang);
  document.documentElement.lang = d.lang === 'en' ? 'en' : 'zh-CN';
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = d[el.dataset.t];
  for (const el of document.querySelectorAll('[data-t-aria]')) el.setAttribute('aria-label', d[el.dataset.tAria]);
  $('lang').lang = d.lang === 'en' ? 'zh-CN' : 'en';
  $('who').textContent = me?.user?.username ?? '';
  $('sign').textContent = me?.user ? d.signOut : d.signIn;
  $('sign').hidden = !me;
  if (!catalogue) return;
  $('period').innerHTML = optionList(periods.map(String), (p) => p);
  $('level').innerHTML = optionList(scope ? [state.level] : dashLevels, (l) => d.scope[l]);
  $('county').innerHTML = optionList(counties.map((c) => c.code), (code) => counties.find((c) => c.code === code).name);
  $('indicator').innerHTML = indicatorOptions(d);
}

function syncControls() {
  $('period').value = String(state.period);
  $('level').value = state.level;
  $('county').value = state.parent;
  // A limited user compares the regions beneath theirs only: no choice of level or county.
  $('level-field').hidden = Boolean(scope);
  $('county-field').hidden = Boolean(scope) || state.level !== dashLevels[1];
  $('units-field').hidden = state.level !== 'township';
  $('units').checked = state.units === 'all';
  $('provisional').checked = state.provisional;
  $('indicator').value = state.indicator;
  $('to-map').href = mapLink(state);
}

function reauth() {
  if (reauthing) return;
  reauthing = true;
  askLogin(t).then(() => location.reload());
}

function showError(err) {
  const d = t();
  $('error').textContent = err ? `${d.failed}: ${err.detail ?? err.message}` : '';
  $('error').hidden = !err;
  if (err?.status === 401) reauth();
}

function renderSummary(d, sc) {
  const { judged, met } = tally(sc);
  const parent = counties.find((c) => c.code === state.parent)?.name ?? (state.parent === scope ? scopeName : state.parent);
  const group = { county: d.scope.county, township: d.townshipsOf(parent), community: d.communitiesOf(parent) }[state.level];
  const share = judged ? `${(100 * met / judged).toLocaleString(d.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%` : '—';
  const provisional = sc.values === 'provisional' ? ` ${d.provisionalCells(sc.provisional)}` : '';
  $('summary').textContent = d.summary({ period: sc.period, scope: group, regions: sc.rows.length, judged, met, share }) + provisional;
}

function menu(card, html) {
  $(card).querySelector('.menu-slot').innerHTML = html;
}

/**
 * Draws one chart card, unless it shows (or is drawing) that address
 * already; resolves once it is drawn. A newer address for the card wins.
 */
function drawPanel(d, panel) {
  const el = $(`chart-${panel.id}`);
  const address = chartURL(panel, state.lang, 'json');
  menu(`card-${panel.id}`, exportMenu(d, $(`h-${panel.id}`).textContent, chartExports(d, panel, state.lang, me?.role)));
  if (drawn.get(panel.id)?.address === address) return drawn.get(panel.id).done;
  const entry = { address };
  drawn.set(panel.id, entry);
  entry.done = (async () => {
    chartLoading(el);
    try {
      const option = await getJSON(address);
      if (drawn.get(panel.id) !== entry) return;
      options[panel.id] = option;
      el.setAttribute('aria-label', [option.title?.text, option.title?.subtext].filter(Boolean).join(' · '));
      await drawChart(el, option);
    } catch (err) {
      if (drawn.get(panel.id) !== entry) return;
      drawn.delete(panel.id);
      if (err.status === 401) reauth();
      chartFailed(el, `${d.failed}: ${err.detail ?? err.message}`);
    }
  })();
  return entry.done;
}

function radarRegion(sc) {
  const codes = sc.rows.map((r) => r.code);
  return codes.includes(state.selected) ? state.selected : codes[0] ?? '';
}

/** Brings the page in line with the state. */
function refresh({ push = false } = {}) {
  const mine = ++seq;
  writeURL(push);
  syncControls();
  settled = (async () => {
    const d = t();
    document.title = `${d.dashTitle} ${state.period} · ${d.title}`;
    let sc;
    try {
      sc = await getJSON(url('/api/v1/compare', scopeParams(state)));
    } catch (err) {
      if (mine === seq) showError(err);
      return;
    }
    if (mine !== seq) return;
    showError(null);
    renderSummary(d, sc);
    renderScorecardLegend($('scorecard-legend'), d, sc);
    renderScorecard($('scorecard'), { t: d, sc, catalogue, level: state.level });
    menu('card-scorecard', exportMenu(d, d.scorecard, scorecardExports(d, state, me?.role)));
    const region = radarRegion(sc);
    if (state.selected !== region && state.selected) {
      state.selected = ''; // not among the regions compared now
      writeURL(false);
    }
    $('radar-region').innerHTML = optionList(sc.rows.map((r) => r.code), (code) => sc.rows.find((r) => r.code === code).name);
    $('radar-region').value = region;
    // The radar sets a region against the city, which a limited user cannot read.
    panels = chartPanels(state, region).filter((p) => !(scope && p.id === 'radar'));
    await Promise.all(panels.map((p) => drawPanel(d, p)));
  })();
  return settled;
}

function wireHeader() {
  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'en' ? 'zh' : 'en';
    applyLanguage();
    if (catalogue) refresh();
    else writeURL(false);
  });
  $('print').addEventListener('click', () => window.print());
  wireSignButton($('sign'), () => me, t);
}

function wire() {
  $('controls').addEventListener('submit', (e) => e.preventDefault());
  $('controls').addEventListener('change', () => {
    state.period = $('period').value;
    state.indicator = $('indicator').value;
    state.level = $('level').value;
    state.parent = state.level === dashLevels[1] ? $('county').value || state.parent : '';
    state.units = $('units').checked ? 'all' : '';
    const provisional = state.provisional;
    state.provisional = $('provisional').checked && mayProvisional();
    if (state.provisional === provisional) {
      normalise(state);
      refresh({ push: true });
      return;
    }
    // Until the periods are in and the page redrawn, it is not settled.
    settled = loadPeriods().then(() => {
      normalise(state);
      applyLanguage();
      return refresh({ push: true });
    }, showError);
  });
  $('radar-region').addEventListener('change', () => {
    state.selected = $('radar-region').value;
    refresh({ push: true });
  });
  $('scorecard').addEventListener('click', (e) => {
    const b = e.target.closest('button.sc-drill');
    if (!b) return;
    Object.assign(state, { level: dashLevels[1], parent: b.dataset.county, selected: '' });
    refresh({ push: true });
  });
  wireExportMenus(document.querySelector('main'), (card) => {
    const panel = panels.find((p) => `card-${p.id}` === card);
    if (panel) saveDataURL(chartPNG($(`chart-${panel.id}`)), `${panel.name}.png`);
  });
  window.addEventListener('popstate', () => {
    state = normalise(parseDashboard(location.search));
    applyLanguage();
    refresh();
  });
}

async function boot() {
  state = parseDashboard(initialSearch(location.search, document.referrer, location.origin));
  applyLanguage();
  wireHeader();
  // Who the user is comes first: before a login every data request would fail.
  me = await whoAmI();
  while (!me) {
    await askLogin(t);
    me = await whoAmI();
  }
  scope = me.region ?? '';
  // Leaders (viewers) see only published values; the others may switch to
  // the submitted ones of an open round, marked provisional.
  $('provisional-field').hidden = !mayProvisional();
  state.provisional &&= mayProvisional();
  // The levels first: the tiers compared follow from them.
  useLevels(await getJSON('/api/v1/levels'));
  useDashLevels();
  Object.assign(state, parseDashboard(initialSearch(location.search, document.referrer, location.origin)), { lang: state.lang, provisional: state.provisional });
  const boot = ['/api/v1/indicators', `/api/v1/regions?level=${dashLevels[0]}`, ...(scope ? [`/api/v1/regions/${scope}`] : [])];
  const [, cat, cty, mine] = await Promise.all([loadPeriods(), ...boot.map((u) => getJSON(u))]);
  catalogue = cat.items;
  counties = cty.items;
  scopeName = mine?.name ?? '';
  $('card-radar').hidden = Boolean(scope);
  normalise(state);
  applyLanguage();
  wire();
  await refresh();
  metrics.firstRenderMs = Math.round(performance.now());
  document.body.dataset.firstRenderMs = String(metrics.firstRenderMs);
}

boot().catch((err) => {
  if (err.status === 401) {
    reauth();
    return;
  }
  showError(err);
});
