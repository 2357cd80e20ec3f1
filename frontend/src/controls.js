// The settings form: options in the current language, values from the state.

import { computedLayer, computedLayers } from './computed.js';
import { esc, formatTarget } from './format.js';
import { taskName } from './i18n.js';
import { healthModes, levels, methods, palettes } from './state.js';

const $ = (id) => document.getElementById(id);

function options(list, label) {
  return list.map((v) => `<option value="${esc(v)}">${esc(label(v))}</option>`).join('');
}

/** The computed layers (coverage and standards) as one more group of the picker. */
function computedOptions(t, lang) {
  const label = (l) => `${l.name[lang]} (${t.taskShort(l.task)})`;
  return `<optgroup label="${esc(t.computedGroup)}">${computedLayers.map((l) =>
    `<option value="${esc(l.id)}">${esc(label(l))}</option>`).join('')}</optgroup>`;
}

/** Indicator options grouped by the notice's tasks. */
function indicatorOptions(lang, indicators) {
  const byTask = new Map();
  for (const ind of indicators) {
    if (!byTask.has(ind.task)) byTask.set(ind.task, []);
    byTask.get(ind.task).push(ind);
  }
  return [...byTask].map(([task, inds]) => {
    const label = lang === 'en' ? `Task ${task} · ${taskName(lang, task)}` : `任务${task} ${taskName(lang, task)}`;
    return `<optgroup label="${esc(label)}">${options(inds.map((i) => i.id), (id) => inds.find((i) => i.id === id).name[lang])}</optgroup>`;
  }).join('');
}

/** Fills the form's options in a language and sets every value from the state. */
export function renderControls(t, state, catalogue, periods) {
  $('level').innerHTML = options(levels, (l) => t[l]);
  $('indicator').innerHTML = indicatorOptions(state.lang, catalogue) + computedOptions(t, state.lang);
  $('period').innerHTML = options(periods.map(String), (p) => p);
  $('method').innerHTML = options(methods, (m) => t.methods[m]);
  $('classes').innerHTML = options(['3', '4', '5', '6', '7', '8', '9'], (k) => k);
  $('palette').innerHTML = options(palettes, (p) => p);
  $('hmode').innerHTML = options(['', ...healthModes], (m) => t.modes[m || 'own']);
  $('sites').innerHTML = options(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'], (k) => t.sitesOption(k));
  syncControls(state);
}

/** Sets the form's values from the state (after a link or the back button). */
export function syncControls(state) {
  $('level').value = state.level;
  $('indicator').value = state.indicator;
  $('period').value = String(state.period);
  $('method').value = state.method;
  $('classes').value = String(state.classes);
  $('palette').value = state.palette;
  $('breaks').value = state.breaks;
  $('facilities').checked = state.facilities;
  $('grids').checked = state.grids;
  $('provisional').checked = state.provisional;
  $('hmode').value = state.hmode;
  $('minutes').value = String(state.minutes);
  $('iso').checked = state.iso;
  $('uncovered').checked = state.uncovered;
  $('siting').checked = state.siting;
  $('sites').value = String(state.sites);
  $('sites').disabled = !state.siting;
  $('whatif').setAttribute('aria-pressed', String(state.whatif));
  // A computed layer has no periods and its own colours.
  const computed = Boolean(computedLayer(state.indicator));
  const manual = state.method === 'manual' && !computed;
  const target = state.method === 'target';
  $('breaks-row').hidden = !manual;
  $('period').disabled = computed;
  $('method').disabled = computed;
  $('classes').disabled = manual || target || computed;
  $('palette').disabled = target || computed;
  $('large').setAttribute('aria-pressed', String(state.large));
  document.documentElement.classList.toggle('large', state.large);
}

/** Urban and rural bounds as one text ("≥ 90%", or "urban ≥ 8% · rural ≥ 5%"). */
function bounds(t, target, unit) {
  const f = (b) => (b ? formatTarget(t, target.comparator, b.min, b.max, unit) : '');
  const u = f(target.urban);
  const r = f(target.rural);
  return u === r ? u : `${t.urban} ${u} · ${t.rural} ${r}`;
}

/** Under the indicator list: its full name and its targets at the data level and above. */
export function renderIndicatorNote(t, lang, ind) {
  if (ind.layer) {
    $('indicator-note').textContent = `${ind.name[lang]} · ${t.computedNote[ind.layer.kind]}`;
    return;
  }
  const own = ind.unit === 'yes/no' ? t.required : `${t.target} ${bounds(t, ind.target, ind.unit)}`;
  const parts = [ind.name[lang], own];
  if (ind.rollup?.target) parts.push(t.shareTarget(bounds(t, ind.rollup.target, '%')));
  $('indicator-note').textContent = parts.join(' · ');
}

/** Reads the form into the state. */
export function readControls(state) {
  state.level = $('level').value;
  state.indicator = $('indicator').value;
  state.period = $('period').value;
  state.method = $('method').value;
  state.classes = Number($('classes').value);
  state.palette = $('palette').value;
  state.breaks = $('breaks').value.replace(/\s+/g, '');
  state.facilities = $('facilities').checked;
  state.grids = $('grids').checked;
  state.provisional = $('provisional').checked && !$('provisional-row').hidden;
  state.hmode = $('hmode').value;
  const min = Number($('minutes').value);
  if (Number.isInteger(min) && min >= 1 && min <= 120) state.minutes = min;
  state.iso = $('iso').checked;
  state.uncovered = $('uncovered').checked;
  state.siting = $('siting').checked;
  state.sites = Number($('sites').value);
}
