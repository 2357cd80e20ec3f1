// The history of writes in the panel: under a region's value, where it came
// from (batch, who, when, the value before); for data managers, the latest
// batches with a button that undoes one. An undo changes what every layer
// shows, so the page reloads after it.

import { getJSON, postJSON, url } from './api.js';
import { esc, formatValue } from './format.js';

/** Roles that may write, and so see and undo batches. */
export const canWrite = (me) => me?.role === 'data_manager' || me?.role === 'admin';

function when(t, at) {
  return new Date(at).toLocaleString(t.locale, { dateStyle: 'short', timeStyle: 'short' });
}

/** The provenance of a region's value of one indicator in one period. */
export async function provenance(t, code, indicator, period, unit) {
  const h = await getJSON(url(`/api/v1/regions/${code}/history`, { indicator })).catch(() => null);
  const changes = (h?.items ?? []).filter((c) => String(c.period) === String(period));
  const last = changes[changes.length - 1];
  if (!last) return '';
  const prev = last.previous === null ? t.history.none : formatValue(t, last.previous, unit);
  return `<p class="provenance" data-batch="${esc(last.batch)}">${esc(t.history.provenance(
    last.batch, last.user || t.history.system, when(t, last.at), prev))}</p>`;
}

/** The latest batches, each with an undo button where it can be undone. */
export async function historySection(t) {
  const list = await getJSON(url('/api/v1/batches', { limit: 10 })).catch(() => null);
  if (!list?.items?.length) return '';
  const rows = list.items.map((b) => {
    const undo = b.undoable && !b.undone_by
      ? `<button type="button" data-action="undo" data-batch="${esc(b.id)}">${esc(t.history.undo)}</button>` : '';
    const undone = b.undone_by ? ` <span class="muted">${esc(t.history.undoneBy(b.undone_by))}</span>` : '';
    return `<li data-batch="${esc(b.id)}"><b>#${esc(b.id)}</b> ${esc(t.history.kind[b.kind] ?? b.kind)} · ` +
      `${esc(b.source)} · ${esc(b.user || t.history.system)} · ${esc(when(t, b.at))} · ${esc(t.history.rows(b.rows))}` +
      `${undone} ${undo}</li>`;
  }).join('');
  return `<h3>${esc(t.history.title)}</h3><ul class="batches">${rows}</ul><p class="error" id="undo-error" hidden></p>`;
}

/** Undoes batch id after asking; reloads the page, or shows why not. */
export async function undoBatch(t, id, errorEl) {
  if (!window.confirm(t.history.confirm(id))) return;
  try {
    await postJSON(`/api/v1/batches/${id}/undo`, {});
    location.reload();
  } catch (err) {
    errorEl.hidden = false;
    errorEl.textContent = err.detail ?? err.message;
  }
}
