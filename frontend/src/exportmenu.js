// The export menu on every chart and table: the chart as a PNG drawn by
// ECharts, and the server's CSV, XLSX and JSON of the data behind it.
// Downloads are plain links, so the session cookie goes with them and the
// server names the files (Content-Disposition).

import { esc } from './format.js';

/** The roles that may download data (GET /api/v1/export/… and chart data need analyst). */
export const exporters = ['analyst', 'data_manager', 'admin'];

/**
 * Markup of a menu. items: [{label, href, download, png, disabled, note, newTab}]
 * — png marks the entry that draws the chart's image; download names a file
 * the server does not name itself.
 */
export function exportMenu(t, what, items) {
  const li = items.map((it) => {
    const attrs = `role="menuitem" class="export-item" data-format="${esc(it.format)}"`;
    if (it.png) return `<li><button type="button" ${attrs} data-png="1">${esc(it.label)}</button></li>`;
    if (it.disabled) return `<li><span ${attrs} aria-disabled="true" title="${esc(it.note)}">${esc(it.label)}</span></li>`;
    const target = it.newTab ? ' target="_blank" rel="noopener"' : ` download="${esc(it.download ?? '')}"`;
    return `<li><a ${attrs} href="${esc(it.href)}"${target}>${esc(it.label)}</a></li>`;
  }).join('');
  const note = items.find((it) => it.disabled)?.note;
  return `<details class="export"><summary aria-label="${esc(t.exportOf(what))}">${esc(t.exportMenu)}</summary>` +
    `<ul role="menu">${li}${note ? `<li role="none" class="export-note">${esc(note)}</li>` : ''}</ul></details>`;
}

/** Saves a data URL as a file named name. */
export function saveDataURL(dataURL, name) {
  const a = document.createElement('a');
  a.href = dataURL;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

/**
 * Wires every menu under root: a PNG entry calls png(card id); choosing
 * anything closes the menu, and so does a click elsewhere or Escape.
 */
export function wireExportMenus(root, png) {
  root.addEventListener('click', (e) => {
    const item = e.target.closest('.export-item');
    if (item?.dataset.png) png(item.closest('.card').id);
    if (item) item.closest('details').open = false;
  });
  document.addEventListener('click', (e) => {
    for (const d of root.querySelectorAll('details.export[open]')) if (!d.contains(e.target)) d.open = false;
  });
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    for (const d of root.querySelectorAll('details.export[open]')) {
      d.open = false;
      d.querySelector('summary').focus();
    }
  });
}
