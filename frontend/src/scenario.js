// The health-circle panel over the map: in the what-if mode, the clinics
// dropped and facilities closed and, per region in view, the covered share
// before → after from the what-if answer; with siting on, the suggested
// sites and their gains. Every figure here is the API's.

import { getJSON } from './api.js';
import { esc, formatValue } from './format.js';
import { clinicTypes } from './state.js';

const share = (t, v) => (typeof v === 'number' ? formatValue(t, v * 100, '%') : t.noData);
const people = (t, n) => Math.round(n).toLocaleString(t.locale);
const signed = (t, n) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${people(t, Math.abs(n))}`;

/** Whether the what-if mode has changes in play. */
const scenarioChanged = (s) => s.whatif && (s.add.length > 0 || s.remove.length > 0);

/** The "straight-line estimate" badge, explained on hover and to screen readers. */
export function estimateBadge(t, detour = 1.3) {
  return `<span class="badge estimate" title="${esc(t.estimateTitle(detour))}">${esc(t.estimate)}` +
    `<span class="sr-only">: ${esc(t.estimateTitle(detour))}</span></span>`;
}

function changesList(t, state, closed) {
  const adds = state.add.map((c, i) => `<li>${esc(t.facilityTypes[c.type])} <small>${c.lon.toFixed(4)}, ${c.lat.toFixed(4)}</small>` +
    `<button type="button" class="undo" data-action="unadd" data-i="${i}" aria-label="${esc(t.unaddLabel(t.facilityTypes[c.type]))}">×</button></li>`);
  const rms = (closed ?? state.remove.map((id) => ({ id, name: id }))).map((f) => `<li class="closed"><span class="name">${esc(f.name)}</span>` +
    `<button type="button" class="undo" data-action="restore" data-id="${esc(f.id)}" aria-label="${esc(t.restoreLabel(f.name))}">×</button></li>`);
  if (adds.length + rms.length === 0) return `<p class="muted">${esc(t.noChanges)}</p>`;
  return `${adds.length ? `<h3>${esc(t.added)} (${adds.length})</h3><ul class="changes">${adds.join('')}</ul>` : ''}` +
    `${rms.length ? `<h3>${esc(t.closed)} (${rms.length})</h3><ul class="changes">${rms.join('')}</ul>` : ''}`;
}

/** The before → after table of a what-if answer: changed regions first, the rest counted. */
function beforeAfter(t, answer) {
  const items = answer.items;
  const changed = items.filter((it) => it.covered_population_change !== 0)
    .sort((a, b) => b.covered_population_change - a.covered_population_change || a.code.localeCompare(b.code));
  const rows = changed.map((it) => `<tr data-code="${esc(it.code)}"><th scope="row">${esc(it.name)}</th>` +
    `<td class="before">${esc(share(t, it.baseline_covered_share))}</td><td class="after">${esc(share(t, it.covered_share))}</td>` +
    `<td class="change${it.covered_population_change < 0 ? ' loss' : ''}">${esc(signed(t, it.covered_population_change))}</td></tr>`);
  const pop = items.reduce((n, it) => n + it.population, 0);
  const before = items.reduce((n, it) => n + (it.baseline_covered_population ?? 0), 0);
  const after = items.reduce((n, it) => n + it.covered_population, 0);
  const total = pop > 0 ? `<tfoot><tr data-code=""><th scope="row">${esc(t.allShown)}</th><td class="before">${esc(share(t, before / pop))}</td>` +
    `<td class="after">${esc(share(t, after / pop))}</td><td class="change${after < before ? ' loss' : ''}">${esc(signed(t, after - before))}</td></tr></tfoot>` : '';
  const rest = items.length - changed.length;
  return `<table class="whatif"><caption>${esc(t.coveredShareCaption(answer.minutes))}</caption>` +
    `<thead><tr><th scope="col">${esc(t.region)}</th><th scope="col">${esc(t.before)}</th><th scope="col">${esc(t.after)}</th>` +
    `<th scope="col">${esc(t.change)}</th></tr></thead><tbody>${rows.join('')}</tbody>${total}</table>` +
    (rest ? `<p class="muted">${esc(t.unchanged(rest))}</p>` : '');
}

function whatIfSection(t, state, a) {
  const types = clinicTypes.map((c) => `<option value="${c}"${c === state.clinic ? ' selected' : ''}>${esc(t.facilityTypes[c])}</option>`).join('');
  let html = `<div class="scenario-head"><h2 id="whatif-title">${esc(t.whatIf)}</h2>${estimateBadge(t, a.whatif?.detour_factor)}</div>` +
    `<p class="note" id="whatif-help">${esc(t.whatIfHelp)}</p>` +
    `<div class="scenario-tools"><label for="clinic-type">${esc(t.clinicType)}</label><select id="clinic-type">${types}</select>` +
    `<button type="button" data-action="drop-centre" aria-describedby="whatif-help">${esc(t.dropCentre)}</button>` +
    `<button type="button" data-action="clear">${esc(t.clearScenario)}</button></div>` +
    changesList(t, state, a.closed);
  if (a.whatif) html += beforeAfter(t, a.whatif);
  return `<section class="scenario-part" aria-labelledby="whatif-title">${html}</section>`;
}

/** Whether a clinic of the scenario stands on a site (to the link's 6 decimals). */
const tried = (state, [lon, lat]) => state.add.some((c) => Math.abs(c.lon - lon) < 2e-6 && Math.abs(c.lat - lat) < 2e-6);

/**
 * The siting list. Its gains are the API's against today's clinics: with
 * what-if changes in play they are stale, so they are greyed and say so,
 * and a site already tried shows no gain at all.
 */
async function sitingSection(t, sites, state) {
  const names = await Promise.all(sites.features.map((f) =>
    getJSON(`/api/v1/regions/${f.properties.community}`).then((r) => r.name).catch(() => f.properties.community)));
  const stale = scenarioChanged(state);
  const li = sites.features.map((f, i) => {
    const p = f.properties;
    const done = stale && tried(state, f.geometry.coordinates);
    const gain = done ? `<span class="site-gain stale">${esc(t.tried)}</span>`
      : `<span class="site-gain${stale ? ' stale' : ''}">${esc(t.gainPeople(people(t, p.gain)))}</span>`;
    return `<li data-rank="${p.rank}"${done ? ' class="tried"' : ''}><span class="site-n" aria-hidden="true">${p.rank}</span>` +
      `<span class="site-name">${esc(names[i])}</span>${gain}` +
      `<span class="site-after">${done ? '' : `→ ${esc(share(t, p.covered_share))}`}</span>` +
      `<button type="button" data-action="try" data-rank="${p.rank}" aria-label="${esc(t.tryLabel(p.rank))}">${esc(t.tryIt)}</button></li>`;
  });
  return `<section class="scenario-part" aria-labelledby="siting-title"><div class="scenario-head">` +
    `<h2 id="siting-title">${esc(t.sitingTitle)}</h2>${sites.estimate ? estimateBadge(t) : ''}</div>` +
    `<p class="summary">${esc(t.sitingSummary(share(t, sites.covered_share), sites.candidates))}</p>` +
    (stale ? `<p class="note stale-note">${esc(t.sitingStale)}</p>` : '') +
    `<ol class="sites">${li.join('')}</ol></section>`;
}

/** How to find the focused control again after the panel is redrawn. */
function focusKey(el) {
  const f = document.activeElement;
  if (!f || !el.contains(f)) return null;
  if (f.id) return `#${f.id}`;
  return f.dataset.action ? `[data-action="${f.dataset.action}"]` : null;
}

/** Renders the panel for the state and its analysis answers; hides it when neither mode is on. */
export async function renderScenario(el, t, state, a) {
  const parts = [];
  if (state.whatif) parts.push(whatIfSection(t, state, a));
  if (state.siting && a.siting) parts.push(await sitingSection(t, a.siting, state));
  const key = focusKey(el);
  el.innerHTML = parts.join('');
  el.hidden = parts.length === 0;
  if (key) el.querySelector(key)?.focus();
}
