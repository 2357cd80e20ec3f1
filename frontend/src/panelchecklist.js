// The region panel's checklist of the notice's qualitative requirements:
// per task, the task's attainment for the region (indicators and checklist
// items together, from /api/v1/compare/tasks), the items the region
// reports with their status, evidence and review — editable for data
// managers of its scope — and, for items reported further down, how many
// of its townships or communities are done.

import { getFresh, sendFile, sendJSON } from './api.js';
import { esc } from './format.js';
import { taskName } from './i18n.js';

/** Reads a checklist answer afresh: it changes with every report. */
const fresh = getFresh;

function entryURL(region, item, period, tail = '') {
  return `/api/v1/regions/${encodeURIComponent(region)}/checklist/${encodeURIComponent(item)}${tail}?period=${encodeURIComponent(period)}`;
}

/** The region's standing per task: {task: {share, judged, met, checklist}}. */
async function taskShares(region, period) {
  if (!region.parent) return {}; // a root: nothing to compare it with
  const q = new URLSearchParams({ level: region.level, parent: region.parent, period });
  const a = await fresh(`/api/v1/compare/tasks?${q}`);
  const out = {};
  for (const task of a.items) {
    const r = task.regions.find((x) => x.code === region.code);
    if (r) out[task.key] = r;
  }
  return out;
}

function options(t, status) {
  return Object.entries(t.statuses)
    .map(([v, label]) => `<option value="${v}"${v === status ? ' selected' : ''}>${esc(label)}</option>`).join('');
}

function reviewLine(t, e) {
  const who = e.reviewer ? ` · ${esc(t.reviewedBy(e.reviewer))}` : '';
  const note = e.review_note ? ` · ${esc(e.review_note)}` : '';
  return `<span class="badge ck-${esc(e.review)}">${esc(t.reviews[e.review])}</span>${who}${note}`;
}

function fileLink(t, ans, it) {
  const f = it.entry?.file;
  if (!f) return '';
  return `<a class="ck-file" href="${esc(entryURL(ans.region, it.id, ans.period, '/file'))}">${esc(f.name)}</a>`;
}

/** An item the region reports: a form for editors, else what was reported. */
function ownItem(t, lang, ans, it) {
  const e = it.entry;
  const status = e?.status ?? 'not_started';
  const head = `<div class="ck-text">${esc(it.text[lang])}</div>`;
  const meta = e ? `<div class="ck-meta">${esc(t.updatedBy(e.updated_by, e.updated_at.slice(0, 10)))} · ${reviewLine(t, e)}</div>` : '';
  const review = it.can_review ? `<div class="ck-review"><input name="note" aria-label="${esc(t.reviewNote)}" placeholder="${esc(t.reviewNote)}">` +
    `<button type="button" data-ck-review="approved">${esc(t.approve)}</button><button type="button" data-ck-review="returned">${esc(t.sendBack)}</button></div>` : '';
  if (!ans.can_edit) {
    const link = e?.link ? ` <a href="${esc(e.link)}" rel="noopener noreferrer" target="_blank">${esc(t.link)}</a>` : '';
    const body = e ? `<div><span class="badge ck-${esc(status)}">${esc(t.statuses[status])}</span> ${esc(e.evidence)}${link} ${fileLink(t, ans, it)}</div>${meta}`
      : `<div class="muted">${esc(t.notReported)}</div>`;
    return `<li class="ck-item" data-item="${esc(it.id)}">${head}${body}${review}</li>`;
  }
  const removable = e?.file ? `<label class="ck-inline"><input type="checkbox" name="remove_file"> ${esc(t.removeFile)}</label>` : '';
  return `<li class="ck-item" data-item="${esc(it.id)}">${head}<form class="ck-form">` +
    `<label>${esc(t.ckStatus)} <select name="status">${options(t, status)}</select></label>` +
    `<label>${esc(t.evidence)} <textarea name="evidence" rows="2" maxlength="4000">${esc(e?.evidence ?? '')}</textarea></label>` +
    `<label>${esc(t.link)} <input name="link" type="url" value="${esc(e?.link ?? '')}" placeholder="https://"></label>` +
    `<label>${esc(t.file)} <input name="file" type="file"></label>${e?.file ? `<div>${esc(t.currentFile)}: ${fileLink(t, ans, it)}</div>` : ''}${removable}` +
    `<button type="submit">${esc(t.save)}</button> <span class="ck-msg" role="status"></span></form>${meta}${review}</li>`;
}

/** An item reported further down: how many units are done. */
function unitItem(t, lang, it) {
  const k = it.tally;
  return `<li class="ck-item ck-below"><div class="ck-text">${esc(it.text[lang])}</div>` +
    `<div class="ck-meta">${esc(t.unitsDone(t.one[it.level], k.done, k.units))}</div></li>`;
}

function taskBlock(t, lang, ans, task, items, share, open) {
  const own = items.filter((it) => it.level === ans.level);
  const done = own.filter((it) => it.entry?.status === 'done').length;
  const pct = share?.share == null ? t.notJudged
    : `${share.share.toFixed(1)}% · ${t.attainmentCount(share.met, share.judged, share.checklist.met, share.checklist.judged)}`;
  const counts = own.length ? ` · ${t.itemsDone(done, own.length)}` : '';
  const list = items.map((it) => (it.level === ans.level ? ownItem(t, lang, ans, it) : unitItem(t, lang, it))).join('');
  return `<details class="ck-task" data-task="${task}"${open ? ' open' : ''}><summary>${esc(t.task(task, taskName(lang, task)))}` +
    `<span class="ck-share" data-task="${task}">${esc(t.taskAttainment)} ${esc(pct)}${esc(counts)}</span></summary><ul>${list}</ul></details>`;
}

/** The checklist section's inner HTML for a region and year. */
async function sectionBody(t, lang, region, period, openTask) {
  const [ans, shares] = await Promise.all([
    fresh(`/api/v1/regions/${encodeURIComponent(region.code)}/checklist?period=${encodeURIComponent(period)}`),
    taskShares(region, period).catch(() => ({})),
  ]);
  const byTask = new Map();
  for (const it of ans.items) {
    if (!byTask.has(it.task)) byTask.set(it.task, []);
    byTask.get(it.task).push(it);
  }
  const blocks = [...byTask.keys()].sort((a, b) => a - b)
    .map((task) => taskBlock(t, lang, ans, task, byTask.get(task), shares[String(task)], String(task) === openTask));
  return `<h3>${esc(t.checklist)} · ${esc(period)}</h3><p class="muted">${esc(t.checklistNote)}</p>${blocks.join('')}`;
}

/** The checklist section for a region (a container the wiring re-renders). */
export async function checklistSection(t, lang, region, period) {
  const body = await sectionBody(t, lang, region, period, '').catch((err) => `<p class="error">${esc(t.failed)}: ${esc(err.detail ?? err.message)}</p>`);
  return `<section id="checklist" data-code="${esc(region.code)}" data-level="${esc(region.level)}" data-parent="${esc(region.parent ?? '')}" data-period="${esc(period)}">${body}</section>`;
}

/** Saves a form: the report, then the file if one was chosen. */
async function save(sec, form, item) {
  const { code, period } = sec.dataset;
  const f = new FormData(form);
  await sendJSON('PUT', entryURL(code, item, period), {
    status: f.get('status'), evidence: f.get('evidence'), link: f.get('link'), remove_file: f.get('remove_file') === 'on',
  });
  const file = form.elements.file.files[0];
  if (file) await sendFile(entryURL(code, item, period, '/file'), file);
}

/** Redraws the section, keeping the task being worked on open. */
async function redraw(sec, t, lang, task) {
  const region = { code: sec.dataset.code, level: sec.dataset.level, parent: sec.dataset.parent };
  sec.innerHTML = await sectionBody(t, lang, region, sec.dataset.period, task);
}

/**
 * Wires the panel's checklist forms and review buttons once: opts.strings()
 * and opts.lang() give the current language.
 */
export function wireChecklist(panel, opts) {
  const act = async (target, run) => {
    const sec = target.closest('#checklist');
    const li = target.closest('.ck-item');
    const task = target.closest('.ck-task')?.dataset.task;
    const msg = li.querySelector('.ck-msg');
    const t = opts.strings();
    try {
      await run(sec, li.dataset.item);
      await redraw(sec, t, opts.lang(), task);
      const again = sec.querySelector(`.ck-item[data-item="${CSS.escape(li.dataset.item)}"] .ck-msg`);
      if (again) again.textContent = t.saved;
    } catch (err) {
      if (msg) msg.textContent = `${t.failed}: ${err.detail ?? err.message}`;
      else li.insertAdjacentHTML('beforeend', `<p class="error">${esc(t.failed)}: ${esc(err.detail ?? err.message)}</p>`);
    }
  };
  panel.addEventListener('submit', (e) => {
    const form = e.target.closest('.ck-form');
    if (!form) return;
    e.preventDefault();
    act(form, (sec, item) => save(sec, form, item));
  });
  panel.addEventListener('click', (e) => {
    const b = e.target.closest('[data-ck-review]');
    if (!b) return;
    const note = b.closest('.ck-review').querySelector('input[name=note]').value;
    act(b, (sec, item) => sendJSON('POST', entryURL(sec.dataset.code, item, sec.dataset.period, '/review'), { state: b.dataset.ckReview, note }));
  });
}
