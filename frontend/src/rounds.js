// The yearly round page: an admin opens (and publishes) a round; a data
// manager fills in their regions' values in a spreadsheet-like grid (or
// through the template workbook), saves drafts and submits; a reviewer
// approves or returns their county's townships; everyone who takes part
// sees the progress board. Everything it shows comes from the round API
// (see README "The yearly round"); the checks are the server's.

import './style.css';
import './dashboard.css';
import './rounds.css';
import { ApiError, getFresh, getJSON, sendFile, sendJSON, setCSRF, setLanguage, url } from './api.js';
import { esc } from './format.js';
import { draftRows, isBlock, move, parsePaste, parseValue } from './roundgrid.js';
import { roundStrings } from './roundstrings.js';
import { askLogin, whoAmI, wireSignButton } from './session.js';

const $ = (id) => document.getElementById(id);

const state = { lang: 'zh', round: '' };
let me = null;
let catalogue = [];
let rounds = [];
let round = null;
let sheet = null; // GET …/values: rows with cells
const changed = new Set(); // regions edited since the last save
let marks = new Map(); // "region indicator" → why, from the last submit or upload
let focus = null; // {row, col} of the cell picked
let inputs = []; // the grid's inputs, row by row: a cell's is inputs[row * columns + col]
const metrics = {};
let settled = Promise.resolve();

window.atlas = {
  metrics,
  settled: () => settled,
  get changed() { return [...changed]; },
  /** Forgets the edits not saved (the tests leave a page so). */
  discard: () => changed.clear(),
};

const t = () => roundStrings(state.lang);
const indicator = (id) => catalogue.find((i) => i.id === id);
const indName = (id) => indicator(id)?.name[state.lang] || id;
const canManage = () => me && (me.role === 'data_manager' || me.role === 'admin');

function readURL() {
  const q = new URLSearchParams(location.search);
  state.lang = q.get('lang') === 'en' ? 'en' : 'zh';
  state.round = q.get('round') || '';
}

function writeURL() {
  const q = new URLSearchParams();
  if (state.round) q.set('round', state.round);
  if (state.lang === 'en') q.set('lang', 'en');
  const s = q.toString();
  history.replaceState(null, '', `${location.pathname}${s ? `?${s}` : ''}`);
}

/** Sets every static text in the page's language. */
function applyLanguage() {
  const d = t();
  setLanguage(state.lang);
  document.documentElement.lang = state.lang === 'en' ? 'en' : 'zh-CN';
  document.title = `${d.pageTitle} · ${d.title}`;
  for (const el of document.querySelectorAll('[data-t]')) {
    const v = d[el.dataset.t];
    if (typeof v === 'string') el.textContent = v;
  }
  for (const el of document.querySelectorAll('[data-t-aria]')) el.setAttribute('aria-label', d[el.dataset.tAria]);
  $('to-map').href = state.lang === 'en' ? '/?lang=en' : '/';
  $('who').textContent = me?.user?.username ?? '';
  $('sign').textContent = me?.user ? d.signOut : d.signIn;
  $('sign').hidden = !me;
  $('open-level').innerHTML = ['community', 'township'].map((l) => `<option value="${l}">${esc(d.levels[l])}</option>`).join('');
}

function showError(err) {
  const box = $('error');
  box.hidden = !err;
  box.textContent = err ? t().error(err.detail || err.message) : '';
}

/** Runs a step of the page, showing what fails; tests wait on settled. */
function run(step) {
  const p = settled.then(step).catch((err) => {
    if (err instanceof ApiError && err.status === 401) location.reload();
    else showError(err);
  });
  settled = p;
  return p;
}

// --- rounds: the list, opening and publishing -----------------------------

async function loadRounds() {
  rounds = (await getFresh('/api/v1/rounds')).items;
  if (!rounds.some((r) => String(r.id) === state.round)) state.round = rounds[0] ? String(rounds[0].id) : '';
  const d = t();
  $('round').innerHTML = rounds.length
    ? rounds.map((r) => `<option value="${r.id}">${esc(d.roundLabel(r))}</option>`).join('')
    : `<option value="">${esc(d.noRounds)}</option>`;
  $('round').value = state.round;
}

function indicatorChoices() {
  const level = $('open-level').value;
  const boxes = catalogue.filter((i) => i.data_level === level && !i.computed)
    .map((i) => `<label><input type="checkbox" name="indicator" value="${esc(i.id)}"> ${esc(i.name[state.lang])} <span class="muted">${esc(i.unit)}</span></label>`);
  $('open-indicators').innerHTML = `<legend>${esc(t().indicators)}</legend>${boxes.join('')}`;
}

async function openRound(e) {
  e.preventDefault();
  const body = {
    period: Number($('open-period').value),
    level: $('open-level').value,
    deadline: $('open-deadline').value,
    reviewers: $('open-reviewers').value.split(/[,，\s]+/).filter(Boolean),
    indicators: [...document.querySelectorAll('#open-indicators input:checked')].map((i) => i.value),
  };
  const r = await sendJSON('POST', '/api/v1/rounds', body);
  state.round = String(r.id);
  $('open-round').open = false;
  await showAll();
  $('grid-status').textContent = t().opened(r);
}

async function publish() {
  if (!confirm(t().confirmPublish)) return;
  await sendJSON('POST', `/api/v1/rounds/${round.id}/publish`, {});
  await showAll();
  $('round-info').textContent += ` ${t().published}`;
}

// --- the grid -------------------------------------------------------------

const editable = (row) => round.status === 'open' && !['submitted', 'approved'].includes(row.status);

async function loadSheet() {
  let t0 = performance.now();
  sheet = await getFresh(`/api/v1/rounds/${round.id}/values`);
  metrics.sheetMs = Math.round(performance.now() - t0);
  changed.clear();
  t0 = performance.now();
  renderGrid();
  void $('grid').offsetHeight; // the layout, which is most of the cost
  metrics.gridMs = Math.round(performance.now() - t0);
}

// The grid draws a window of rows around what is in view, with spacers
// for the rest: two thousand rows of inputs take seconds to lay out, two
// hundred a fraction of one.
const WINDOW = 200;
const MARGIN = 40;
let first = 0; // the first row drawn
let rowHeight = 0; // px, measured once

function renderGrid(around = first) {
  const d = t();
  const inds = round.indicators;
  const n = sheet.rows.length;
  first = Math.max(0, Math.min(around, n - WINDOW));
  const last = Math.min(n, first + WINDOW);
  const head = `<thead><tr><th>${esc(d.code)}</th><th>${esc(d.name)}</th><th>${esc(d.township)}</th><th>${esc(d.status)}</th>${
    inds.map((id) => `<th title="${esc(id)}">${esc(indName(id))} <span class="muted">${esc(indicator(id)?.unit ?? '')}</span></th>`).join('')}</tr></thead>`;
  const body = sheet.rows.slice(first, last).map((row, i) => {
    const r = first + i;
    const open = editable(row);
    const status = `<td class="st st-${row.status}" title="${esc(row.comment ?? '')}">${esc(d.statuses[row.status])}${
      row.comment ? ` <span class="comment">${esc(row.comment)}</span>` : ''}</td>`;
    const cells = inds.map((id, c) => {
      const cell = row.cells[id];
      const v = cell.typed ?? fmt(cell.value);
      return `<td class="${cellClass(row, id)}" title="${esc(cellWhy(row, id))}"><input data-row="${r}" data-col="${c}" value="${esc(v)}"${
        open ? '' : ' disabled'} aria-label="${esc(`${row.name} ${indName(id)}`)}"><span class="last">${esc(fmt(cell.last))}</span></td>`;
    }).join('');
    return `<tr data-region="${esc(row.region)}"><td>${esc(row.region)}</td><td>${esc(row.name)}</td><td>${esc(row.township_name ?? '')}</td>${status}${cells}</tr>`;
  }).join('');
  const pad = (rows) => (rows > 0 ? `<tr class="pad" data-rows="${rows}"><td colspan="${4 + inds.length}"></td></tr>` : '');
  const had = $('grid').contains(document.activeElement);
  $('grid').innerHTML = `${head}<tbody>${pad(first)}${body}${pad(n - last)}</tbody>`;
  $('grid').style.width = `${8.5 + 9 + 6 + 9 + 7.5 * inds.length}rem`; // the header's widths (rounds.css)
  inputs = [...$('grid').querySelectorAll('input')];
  if (!rowHeight) rowHeight = $('grid').querySelector('tbody tr:not(.pad)')?.offsetHeight || 0;
  for (const tr of $('grid').querySelectorAll('tr.pad')) tr.style.height = `${Number(tr.dataset.rows) * rowHeight}px`;
  if (had && focus) inputAt(focus.row, focus.col)?.focus({ preventScroll: true });
  $('save').disabled = $('submit').disabled = round.status !== 'open';
}

/** Draws the window again when the rows in view near its edge. */
function follow() {
  const wrap = $('grid').parentElement;
  const n = sheet?.rows.length ?? 0;
  if (n <= WINDOW || !rowHeight) return;
  const top = Math.floor(wrap.scrollTop / rowHeight);
  const seen = Math.ceil(wrap.clientHeight / rowHeight);
  if ((top < first + MARGIN && first > 0) || (top + seen > first + WINDOW - MARGIN && first + WINDOW < n)) {
    renderGrid(top - Math.floor((WINDOW - seen) / 2));
  }
}

const fmt = (v) => (v === null || v === undefined ? '' : String(v));

/** What is wrong with a cell: the typed text, then the API's word on it. */
function cellWhy(row, id) {
  const cell = row.cells[id];
  if (Number.isNaN(cell.value)) return t().notNumber;
  return marks.get(`${row.region} ${id}`) || cell.problem || (cell.flagged && !cell.reason ? t().flagged : '');
}

function cellClass(row, id) {
  const cell = row.cells[id];
  if (Number.isNaN(cell.value) || marks.has(`${row.region} ${id}`) || cell.problem) return 'bad';
  if (cell.flagged) return cell.reason ? 'flag ok' : 'flag';
  return '';
}

/** Restyles one cell after an edit. */
function restyle(input) {
  const row = sheet.rows[Number(input.dataset.row)];
  const id = round.indicators[Number(input.dataset.col)];
  const td = input.parentElement;
  td.className = cellClass(row, id);
  td.title = cellWhy(row, id);
  if (focus && focus.row === Number(input.dataset.row) && focus.col === Number(input.dataset.col)) showCell();
}

/** Takes what was typed into a cell into the sheet. */
function take(input) {
  setCell(Number(input.dataset.row), Number(input.dataset.col), input.value);
}

/** Sets a cell of the sheet from text, and its input where it is drawn. */
function setCell(r, c, text) {
  const row = sheet.rows[r];
  const id = round.indicators[c];
  const cell = row.cells[id];
  cell.value = parseValue(text);
  cell.typed = Number.isNaN(cell.value) ? text : undefined;
  cell.problem = '';
  marks.delete(`${row.region} ${id}`);
  changed.add(row.region);
  const input = inputAt(r, c);
  if (!input) return;
  if (input.value !== text) input.value = text;
  restyle(input);
}

/** A cell's input, when its row is drawn. */
function inputAt(row, col) {
  const cols = round.indicators.length;
  if (row < first || row >= first + inputs.length / cols || col < 0 || col >= cols) return undefined;
  return inputs[(row - first) * cols + col];
}

/** The bar above the grid: the cell picked, last year's value, what is wrong, its reason. */
function showCell() {
  const d = t();
  if (!focus || !sheet.rows[focus.row]) return;
  const row = sheet.rows[focus.row];
  const id = round.indicators[focus.col];
  const cell = row.cells[id];
  $('cell-where').textContent = d.reasonFor(row.name, indName(id));
  $('cell-last').textContent = d.lastYear(cell.last);
  $('cell-problem').textContent = cellWhy(row, id);
  $('cell-reason').value = cell.reason ?? '';
  $('cell-reason').disabled = !editable(row);
}

function wireGrid() {
  const grid = $('grid');
  grid.addEventListener('focusin', (e) => {
    if (e.target.tagName !== 'INPUT') return;
    focus = { row: Number(e.target.dataset.row), col: Number(e.target.dataset.col) };
    showCell();
  });
  grid.addEventListener('input', (e) => {
    if (e.target.tagName === 'INPUT') take(e.target);
  });
  grid.addEventListener('keydown', (e) => {
    const el = e.target;
    if (el.tagName !== 'INPUT') return;
    const to = move(e.key, {
      row: Number(el.dataset.row), col: Number(el.dataset.col), rows: sheet.rows.length, cols: round.indicators.length,
      shift: e.shiftKey, atStart: el.selectionStart === 0 && el.selectionEnd === 0, atEnd: el.selectionStart === el.value.length,
    });
    if (!to) return;
    e.preventDefault();
    if (!inputAt(to.row, to.col)) renderGrid(to.row - WINDOW / 2);
    const next = inputAt(to.row, to.col);
    next.focus();
    next.select();
  });
  grid.addEventListener('paste', (e) => {
    const el = e.target;
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (el.tagName !== 'INPUT' || !isBlock(text)) return;
    e.preventDefault();
    paste(Number(el.dataset.row), Number(el.dataset.col), parsePaste(text));
  });
  $('cell-reason').addEventListener('input', () => {
    if (!focus || !sheet.rows[focus.row]) return;
    const row = sheet.rows[focus.row];
    row.cells[round.indicators[focus.col]].reason = $('cell-reason').value.replace(/[\r\n]+/g, ' ');
    changed.add(row.region);
    const input = inputAt(focus.row, focus.col);
    if (input) restyle(input);
  });
}

/** Spreads a block copied from a spreadsheet from [row, col] rightwards and down. */
function paste(row, col, block) {
  const cols = round.indicators.length;
  block.forEach((line, i) => line.forEach((text, j) => {
    const [r, c] = [row + i, col + j];
    if (r >= sheet.rows.length || c >= cols || !editable(sheet.rows[r])) return;
    setCell(r, c, text);
  }));
}

/** Lists cells the API refused, and marks them in the grid (redrawn unless told not to: a caller about to reload it). */
function showProblems(cells, redraw = true) {
  const d = t();
  marks = new Map(cells.filter((c) => c.region && c.indicator).map((c) => [`${c.region} ${c.indicator}`, c.why]));
  $('grid-problems').innerHTML = cells.length
    ? `<li class="head">${esc(d.cellsBad(cells.length))}</li>${cells.map((c) => `<li>${esc(d.where({ ...c, indicator: c.indicator && indName(c.indicator) }))}: ${esc(c.why)}</li>`).join('')}`
    : '';
  if (sheet && redraw) renderGrid();
}

/** Saves the changed regions as drafts; false when a typed cell is no number. */
async function save() {
  const d = t();
  const bad = sheet.rows.filter((r) => changed.has(r.region)).flatMap((r) => round.indicators
    .filter((id) => Number.isNaN(r.cells[id].value)).map((id) => ({ region: r.region, indicator: id, why: d.notNumber })));
  if (bad.length) {
    showProblems(bad);
    return false;
  }
  if (!changed.size) {
    $('grid-status').textContent = d.nothingToSave;
    return true;
  }
  const rows = draftRows(sheet.rows, round.indicators, changed);
  const r = await sendJSON('PUT', `/api/v1/rounds/${round.id}/values`, { rows });
  showProblems([], false);
  await loadSheet();
  $('grid-status').textContent = d.saved(r.saved);
  return true;
}

async function submit() {
  if (!(await save())) return;
  try {
    const r = await sendJSON('POST', `/api/v1/rounds/${round.id}/submit`, {});
    showProblems([], false);
    await showAll();
    $('grid-status').textContent = t().submitted(r.submitted.length);
  } catch (err) {
    if (!(err instanceof ApiError) || !err.problem.cells) throw err;
    $('grid-status').textContent = err.detail;
    showProblems(err.problem.cells);
  }
}

async function upload(file) {
  try {
    const r = await sendFile(`/api/v1/rounds/${round.id}/template`, file);
    showProblems(r.cells, false);
    await loadSheet();
    $('grid-status').textContent = t().uploaded(r.saved, r.cells.length);
  } catch (err) {
    if (!(err instanceof ApiError) || !err.problem.cells) throw err;
    $('grid-status').textContent = err.detail;
    showProblems(err.problem.cells);
  }
}

// --- review ---------------------------------------------------------------

/** The submitted regions of the reviewer's county by township, with their flagged changes. */
function renderReview() {
  const d = t();
  const towns = new Map();
  for (const row of sheet.rows) {
    if (row.status !== 'submitted') continue;
    if (!towns.has(row.township)) towns.set(row.township, { name: row.township_name, rows: [] });
    towns.get(row.township).rows.push(row);
  }
  if (!towns.size) {
    $('review').innerHTML = `<p>${esc(d.nothingToReview)}</p>`;
    return;
  }
  $('review').innerHTML = [...towns].map(([code, town]) => {
    const flags = town.rows.flatMap((row) => round.indicators.filter((id) => row.cells[id].flagged).map((id) => {
      const c = row.cells[id];
      return `<li>${esc(row.name)} · ${esc(indName(id))}: ${esc(d.change(fmt(c.last), fmt(c.value)))}${c.reason ? ` — ${esc(c.reason)}` : ''}</li>`;
    }));
    return `<div class="review-town" data-township="${esc(code)}">
      <h3>${esc(town.name || code)} <span class="muted">${esc(code)} · ${town.rows.length} ${esc(d.statuses.submitted)}</span></h3>
      ${flags.length ? `<p class="flag-head">${esc(d.flagged)}</p><ul class="flags">${flags.join('')}</ul>` : ''}
      <label>${esc(d.comment)} <input class="review-comment" maxlength="500"></label>
      <button type="button" data-action="approve">${esc(d.approve)}</button>
      <button type="button" data-action="return">${esc(d.send_back)}</button>
    </div>`;
  }).join('');
}

async function review(e) {
  const button = e.target.closest('button[data-action]');
  if (!button) return;
  const box = button.closest('.review-town');
  const comment = box.querySelector('.review-comment').value.trim();
  const action = button.dataset.action;
  if (action === 'return' && !comment) {
    $('review-status').textContent = t().needComment;
    return;
  }
  const r = await sendJSON('POST', `/api/v1/rounds/${round.id}/review`, { region: box.dataset.township, action, comment });
  await showAll();
  $('review-status').textContent = action === 'approve' ? t().approvedN(r.regions.length) : t().returnedN(r.regions.length);
}

// --- progress -------------------------------------------------------------

async function loadProgress() {
  const d = t();
  const items = (await getFresh(`/api/v1/rounds/${round.id}/progress`)).items;
  const line = (p, cls) => `<tr class="${cls}${p.overdue ? ' overdue' : ''}" data-code="${esc(p.code)}"><td>${esc(p.name)}</td><td>${p.filled}/${p.expected}</td>` +
    `<td class="st st-${p.status}">${esc(d.statuses[p.status] ?? p.status)}</td><td>${p.overdue ? esc(d.overdue) : ''}</td></tr>`;
  $('progress').innerHTML = `<thead><tr><th>${esc(d.county)} / ${esc(d.township)}</th><th>${esc(d.filled)}</th><th>${esc(d.status)}</th><th></th></tr></thead><tbody>${
    items.map((c) => line(c, 'county') + (c.townships ?? []).map((tw) => line(tw, 'town')).join('')).join('')}</tbody>`;
}

// --- the page -------------------------------------------------------------

async function showAll() {
  const d = t();
  await loadRounds();
  writeURL();
  round = rounds.find((r) => String(r.id) === state.round) ?? null;
  const admin = me.role === 'admin';
  $('open-round').hidden = !admin;
  $('publish').hidden = !admin || !round || round.status !== 'open';
  for (const id of ['card-grid', 'card-review', 'card-progress']) $(id).hidden = !round;
  if (!round) {
    $('round-info').textContent = '';
    return;
  }
  $('round-info').textContent = d.info(round);
  $('download').href = url(`/api/v1/rounds/${round.id}/template`, { lang: state.lang });
  $('download').setAttribute('download', '');
  $('card-review').hidden = !round.can_review;
  await loadSheet();
  if (round.can_review) renderReview();
  await loadProgress();
}

function wire() {
  $('lang').addEventListener('click', () => run(async () => {
    state.lang = state.lang === 'en' ? 'zh' : 'en';
    applyLanguage();
    indicatorChoices();
    await showAll();
  }));
  wireSignButton($('sign'), () => me, t);
  $('round').addEventListener('change', () => run(async () => {
    state.round = $('round').value;
    showProblems([], false);
    first = 0;
    focus = null;
    $('grid').parentElement.scrollTop = 0;
    await showAll();
  }));
  $('open-level').addEventListener('change', indicatorChoices);
  $('open-form').addEventListener('submit', (e) => run(() => openRound(e)));
  $('publish').addEventListener('click', () => run(publish));
  $('save').addEventListener('click', () => run(save));
  $('submit').addEventListener('click', () => run(submit));
  $('upload').addEventListener('change', () => run(async () => {
    const file = $('upload').files[0];
    $('upload').value = '';
    if (file) await upload(file);
  }));
  $('review').addEventListener('click', (e) => run(() => review(e)));
  wireGrid();
  let pending = 0;
  $('grid').parentElement.addEventListener('scroll', () => {
    pending ||= requestAnimationFrame(() => {
      pending = 0;
      follow();
    });
  });
  window.addEventListener('beforeunload', (e) => {
    if (changed.size) e.preventDefault();
  });
}

async function boot() {
  readURL();
  applyLanguage();
  me = await whoAmI();
  while (!me?.user && !me?.role) {
    await askLogin(t);
    me = await whoAmI();
  }
  setCSRF(me.csrf_token);
  applyLanguage();
  wire();
  if (!canManage()) {
    $('card-rounds').innerHTML = `<p>${esc(t().noAccess)}</p>`;
  } else {
    catalogue = (await getJSON('/api/v1/indicators')).items;
    $('open-period').value = String(new Date().getFullYear() - 1);
    indicatorChoices();
    await showAll();
  }
  metrics.firstRenderMs = Math.round(performance.now());
}

run(boot);
