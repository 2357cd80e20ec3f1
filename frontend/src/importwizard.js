// The import wizard, for data managers and admins: drop a file, read what
// the service understood of it (format, coordinate system, encoding,
// columns) and what it would change, change the options and check again,
// see the new geometries over the current ones, read every problem (and
// download them as a workbook), then commit or discard.
//
// The file is staged on the server (POST /api/v1/uploads) and its id kept
// in localStorage with the options, so a reload of the page comes back to
// the same report; the server deletes the upload on commit or discard, or
// a day after it was sent.

import './importwizard.css';
import { withLanguage } from './api.js';
import { importStrings } from './importstrings.js';
import { bbox } from './map.js';

const stored = 'atlas.import';
const kinds = ['boundaries', 'observations', 'facilities', 'grids', 'osm'];
const optionNames = ['crs', 'towgs84', 'layer', 'map', 'period'];
const shownItems = 200;
const previewSource = 'import-preview';
const writers = ['data_manager', 'admin'];

const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Adds the wizard to the page when me may import: a header button opening
 * a panel over the map. lang() is the page's language at the time.
 */
export function wireImport({ map, me, lang }) {
  if (!writers.includes(me?.role)) return;
  const w = new Wizard(map, me, lang);
  window.atlas.importWizard = w;
  w.resume();
}

class Wizard {
  constructor(map, me, lang) {
    Object.assign(this, { map, me, lang, upload: null, report: null });
    this.button = document.createElement('button');
    Object.assign(this.button, { id: 'import-open', type: 'button', className: 'toggle' });
    document.getElementById('who').before(this.button);
    this.box = document.createElement('section');
    this.box.id = 'importwizard';
    this.box.className = 'importwizard';
    this.box.hidden = true;
    document.querySelector('.mapwrap').append(this.box);
    this.button.addEventListener('click', () => (this.box.hidden ? this.show() : this.hide()));
    document.getElementById('lang').addEventListener('click', () => this.render());
    this.render();
  }

  get t() { return importStrings(this.lang()); }

  show() {
    this.box.hidden = false;
    this.render();
  }

  hide() {
    this.box.hidden = true;
  }

  /** Comes back to the upload a reload left, if the server still holds it. */
  async resume() {
    const saved = JSON.parse(localStorage.getItem(stored) || 'null');
    const note = sessionStorage.getItem(`${stored}.done`);
    if (note) {
      sessionStorage.removeItem(`${stored}.done`);
      this.message = note;
      this.show();
    }
    if (!saved?.id) return;
    const r = await fetch('/api/v1/uploads', { headers: withLanguage() });
    const items = r.ok ? (await r.json()).items : [];
    this.upload = items.find((u) => u.id === saved.id) ?? null;
    if (!this.upload) {
      localStorage.removeItem(stored);
      return;
    }
    this.options = saved.options ?? {};
    this.show();
    await this.check();
  }

  send(method, url, body) {
    const headers = withLanguage(this.me.csrf_token ? { 'X-CSRF-Token': this.me.csrf_token } : {});
    return fetch(url, { method, headers, body });
  }

  /** Uploads file with the progress shown (XMLHttpRequest reports it; fetch does not). */
  stage(file, kind) {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file);
    this.progress = { loaded: 0, total: file.size };
    this.message = '';
    this.render();
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/v1/uploads');
      if (this.me.csrf_token) xhr.setRequestHeader('X-CSRF-Token', this.me.csrf_token);
      xhr.setRequestHeader('Accept-Language', withLanguage()['Accept-Language']);
      xhr.upload.onprogress = (e) => {
        this.progress = { loaded: e.loaded, total: e.total || file.size };
        this.renderProgress();
      };
      xhr.onload = () => {
        const body = JSON.parse(xhr.responseText || '{}');
        if (xhr.status === 201) resolve(body);
        else reject(new Error(body.detail || xhr.statusText));
      };
      xhr.onerror = () => reject(new Error(this.t.failed));
      xhr.send(form);
    }).finally(() => { this.progress = null; });
  }

  async drop(file) {
    const kind = this.box.querySelector('#import-kind').value;
    try {
      this.upload = await this.stage(file, kind);
      this.options = {};
      this.save();
      await this.check();
    } catch (err) {
      this.fail(err);
    }
  }

  save() {
    localStorage.setItem(stored, JSON.stringify({ id: this.upload.id, options: this.options }));
  }

  query() {
    const q = new URLSearchParams();
    for (const n of optionNames) if (this.options?.[n]) q.set(n, this.options[n]);
    return q;
  }

  /** Asks for the report with the options, and shows it. */
  async check() {
    this.report = null;
    this.checking = true;
    this.render();
    const q = this.query();
    const upload = this.upload;
    let r = await fetch(`/api/v1/uploads/${upload.id}/report${q.size ? `?${q}` : ''}`, { headers: withLanguage() });
    // A large file's dry run outlasts a request: the server answers 202
    // while it runs, and the same question waits on the same run.
    while (r.status === 202 && this.upload === upload) {
      const { seconds } = await r.json().catch(() => ({}));
      this.checkingFor = seconds;
      this.render();
      await new Promise((resolve) => setTimeout(resolve, 2000));
      r = await fetch(`/api/v1/uploads/${upload.id}/report${q.size ? `?${q}` : ''}`, { headers: withLanguage() });
    }
    if (this.upload !== upload) return;
    this.checking = false;
    this.checkingFor = null;
    const body = await r.json().catch(() => ({}));
    if (!r.ok) {
      if (r.status === 404) this.forget();
      this.fail(new Error(body.detail || r.statusText));
      return;
    }
    this.report = body;
    this.render();
    this.drawPreview();
  }

  async commit() {
    const form = new FormData();
    for (const [k, v] of this.query()) form.append(k, v);
    const upload = this.upload;
    const post = () => this.send('POST', `/api/v1/uploads/${upload.id}/commit`, form);
    let r = await post();
    // A large file's import outlasts a request too: the server answers 202
    // while it runs, and the same POST waits on the same run (it never
    // writes twice).
    while (r.status === 202 && this.upload === upload) {
      const { seconds } = await r.json().catch(() => ({}));
      this.committingFor = seconds ?? 0;
      this.render();
      await new Promise((resolve) => setTimeout(resolve, 2000));
      r = await post();
    }
    this.committingFor = null;
    if (this.upload !== upload) return;
    const body = await r.json().catch(() => ({}));
    if (r.status !== 201) {
      this.fail(new Error(body.detail || r.statusText));
      return;
    }
    this.forget();
    // The map, its tiles and every cached answer change with the batch: load the page again.
    sessionStorage.setItem(`${stored}.done`, this.t.committed(body.batch.ID, body.batch.Rows));
    location.reload();
  }

  async discard() {
    await this.send('DELETE', `/api/v1/uploads/${this.upload.id}`);
    this.forget();
    this.message = this.t.discarded;
    this.render();
  }

  forget() {
    localStorage.removeItem(stored);
    this.upload = null;
    this.report = null;
    this.clearPreview();
  }

  fail(err) {
    this.message = `${this.t.failed}: ${err.message}`;
    this.render();
  }

  renderProgress() {
    const bar = this.box.querySelector('#import-progress');
    if (!bar || !this.progress) return;
    bar.max = this.progress.total;
    bar.value = this.progress.loaded;
    this.box.querySelector('#import-progress-text').textContent =
      `${this.t.uploading} ${Math.round((100 * this.progress.loaded) / Math.max(1, this.progress.total))}%`;
  }

  render() {
    const t = this.t;
    this.button.textContent = t.open;
    if (this.box.hidden) return;
    const parts = [`<header><h2>${esc(t.title)}</h2><button type="button" class="import-close" data-act="close">${esc(t.close)}</button></header>`];
    if (this.message) parts.push(`<p class="import-message" role="status">${esc(this.message)}</p>`);
    if (!this.upload) parts.push(this.dropHTML(t));
    else parts.push(`<p><strong>${esc(t.file)}:</strong> ${esc(this.upload.file)} · ${esc(t.kinds[this.upload.kind])}</p>`);
    if (this.progress) {
      parts.push(`<p><progress id="import-progress"></progress> <span id="import-progress-text"></span></p>`);
    }
    if (this.checking) parts.push(`<p class="muted">${esc(this.checkingFor ? t.checkingFor(this.checkingFor) : t.checking)}</p>`);
    if (this.committingFor != null) parts.push(`<p class="muted" id="import-committing">${esc(t.committingFor(this.committingFor))}</p>`);
    if (this.report) parts.push(reportHTML(t, this.report, this.options, this.me.region, this.query()));
    this.box.innerHTML = parts.join('');
    this.renderProgress();
    this.wireBox();
  }

  dropHTML(t) {
    const options = kinds.map((k) => `<option value="${k}">${esc(t.kinds[k])}</option>`).join('');
    return `<label for="import-kind">${esc(t.kind)}</label><select id="import-kind">${options}</select>
      <label class="import-drop" id="import-drop"><input type="file" id="import-file" hidden>${esc(t.drop)}</label>`;
  }

  wireBox() {
    const on = (sel, ev, fn) => this.box.querySelector(sel)?.addEventListener(ev, fn);
    on('[data-act=close]', 'click', () => this.hide());
    on('#import-file', 'change', (e) => e.target.files[0] && this.drop(e.target.files[0]));
    const zone = this.box.querySelector('#import-drop');
    zone?.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
    zone?.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone?.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('over');
      if (e.dataTransfer.files[0]) this.drop(e.dataTransfer.files[0]);
    });
    on('#import-options', 'submit', (e) => {
      e.preventDefault();
      this.options = Object.fromEntries(optionNames.map((n) => [n, e.target.elements[n].value.trim()]));
      this.save();
      this.check();
    });
    on('[data-act=commit]', 'click', () => this.commit());
    on('[data-act=discard]', 'click', () => this.discard());
  }

  /** Draws the preview over the map: new and changed geometries, changed ones' old outlines dashed. */
  drawPreview() {
    this.clearPreview();
    const fc = this.report?.preview;
    if (!fc?.features?.length) return;
    this.map.addSource(previewSource, { type: 'geojson', data: fc });
    const colour = ['match', ['get', 'status'], 'new', '#1a9850', 'changed', '#d95f02', 'values', '#7570b3', '#555555'];
    const outside = ['==', ['get', 'outside'], true];
    const polygons = ['==', ['geometry-type'], 'Polygon'];
    this.map.addLayer({ id: `${previewSource}-fill`, type: 'fill', source: previewSource,
      filter: ['all', polygons, ['!=', ['get', 'status'], 'before']],
      paint: { 'fill-color': ['case', outside, '#c51b7d', colour], 'fill-opacity': 0.25 } });
    this.map.addLayer({ id: `${previewSource}-line`, type: 'line', source: previewSource, filter: polygons,
      paint: { 'line-color': ['case', outside, '#c51b7d', colour], 'line-width': 2.5,
        'line-dasharray': ['case', ['==', ['get', 'status'], 'before'], ['literal', [2, 2]], ['literal', [1, 0]]] } });
    this.map.addLayer({ id: `${previewSource}-point`, type: 'circle', source: previewSource,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 6, 'circle-color': ['case', outside, '#c51b7d', colour], 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } });
    // Keep the preview clear of the panel, which covers the map's right side.
    const padding = { top: 60, bottom: 60, left: 60, right: 60 + this.box.offsetWidth };
    this.map.fitBounds(bounds(fc), { padding, duration: 0, maxZoom: 15 });
  }

  clearPreview() {
    for (const l of ['fill', 'line', 'point']) {
      if (this.map.getLayer(`${previewSource}-${l}`)) this.map.removeLayer(`${previewSource}-${l}`);
    }
    if (this.map.getSource(previewSource)) this.map.removeSource(previewSource);
  }
}

/** The envelope of a FeatureCollection. */
const bounds = (fc) => bbox({ coordinates: fc.features.map((f) => f.geometry.coordinates) });

function reportHTML(t, rep, options = {}, region, query) {
  return [understood(t, rep), optionsHTML(t, options), changesHTML(t, rep.changes), outsideHTML(t, rep.outside, region),
    problemsHTML(t, rep, query), actionsHTML(t, rep)].join('');
}

function understood(t, rep) {
  const r = rep.report ?? {};
  const rows = [[t.format, r.format], [t.encoding, r.encoding], [t.layer, r.layer], [t.rows, r.rows]];
  if (r.crs) rows.splice(1, 0, [t.crs, `${r.crs.name} (${t.crsFound(r.crs.from)})`]);
  const cols = Object.entries(r.columns ?? {}).map(([role, col]) => `<li><code>${esc(role)}</code> ← ${esc(col)}</li>`).join('');
  return `<dl class="import-facts">${rows.filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
    ${cols ? `<h3>${esc(t.columns)}</h3><ul class="import-columns">${cols}</ul>` : ''}
    ${r.notes?.length ? `<h3>${esc(t.notes)}</h3><ul>${r.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}`;
}

function optionsHTML(t, o) {
  const field = (name, label) => `<label for="import-opt-${name}">${esc(label)}</label>
    <input id="import-opt-${name}" name="${name}" value="${esc(o[name] ?? '')}">`;
  return `<form id="import-options" class="import-options"><fieldset><legend>${esc(t.options)}</legend>
    ${field('crs', t.optCRS)}${field('towgs84', t.optTOWGS84)}${field('layer', t.optLayer)}${field('map', t.optMap)}${field('period', t.optPeriod)}
    <button type="submit">${esc(t.recheck)}</button></fieldset></form>`;
}

function changesHTML(t, c) {
  if (!c) return '';
  const rows = [];
  for (const it of c.items.slice(0, shownItems)) {
    const fields = it.fields?.length ? it.fields : [{ field: '', after: '' }];
    for (const f of fields) {
      rows.push(`<tr data-key="${esc(it.key)}" class="${it.new ? 'new' : 'changed'}"><td>${esc(it.kind)}</td><td>${esc(it.key)}</td>
        <td>${esc(it.name)}${it.new ? ` <span class="tag">${esc(t.isNew)}</span>` : ''}</td><td>${esc(f.field)}</td>
        <td>${esc(f.before ?? '')}</td><td>${esc(f.after ?? '')}</td></tr>`);
    }
  }
  const more = c.new + c.changed - Math.min(c.items.length, shownItems);
  return `<h3>${esc(t.changes)}</h3><p id="import-counts">${esc(t.counts(c))}</p>
    <div class="import-legend"><span class="sw new"></span>${esc(t.legendNew)} <span class="sw changed"></span>${esc(t.legendChanged)}
    <span class="sw before"></span>${esc(t.legendBefore)} <span class="sw outside"></span>${esc(t.legendOutside)}</div>
    ${rows.length ? `<div class="import-table"><table id="import-changes"><thead><tr><th>${esc(t.kindCol)}</th><th>${esc(t.keyCol)}</th>
    <th>${esc(t.nameCol)}</th><th>${esc(t.fieldCol)}</th><th>${esc(t.beforeCol)}</th><th>${esc(t.afterCol)}</th></tr></thead>
    <tbody>${rows.join('')}</tbody></table></div>` : ''}
    ${more > 0 ? `<p class="muted">${esc(t.moreItems(more))}</p>` : ''}`;
}

function outsideHTML(t, outside, region) {
  if (!outside?.length) return '';
  return `<h3>${esc(t.outside)}</h3><p>${esc(t.outsideNote(region))}</p>
    <ul id="import-outside">${outside.map((o) => `<li data-key="${esc(o.key)}">${esc(o.what)}</li>`).join('')}</ul>`;
}

function problemsHTML(t, rep, query) {
  if (!rep.problems.length) return `<h3>${esc(t.problems)}</h3><p class="muted">${esc(t.noProblems)}</p>`;
  const where = (p) => [p.row && `row ${p.row}`, p.feature && `feature ${p.feature}`, p.code].filter(Boolean).join(', ');
  const q = query.size ? `?${query}` : '';
  return `<h3>${esc(t.problems)} (${rep.problems.length}${rep.problems_truncated ? '+' : ''})</h3>
    <a id="import-xlsx" href="/api/v1/uploads/${esc(rep.upload.id)}/problems.xlsx${esc(q)}" download>${esc(t.download)}</a>
    <div class="import-table"><table id="import-problems"><thead><tr><th>${esc(t.where)}</th><th>${esc(t.fieldCol)}</th><th></th></tr></thead>
    <tbody>${rep.problems.map((p) => `<tr><td>${esc(where(p))}</td><td>${esc(p.field)}</td><td>${esc(p.message)}</td></tr>`).join('')}</tbody></table></div>`;
}

function actionsHTML(t, rep) {
  const blocked = rep.problems.length > 0;
  return `<p class="import-actions"><button type="button" data-act="commit" ${blocked ? 'disabled' : ''}>${esc(t.commit)}</button>
    <button type="button" data-act="discard">${esc(t.discard)}</button></p>`;
}
