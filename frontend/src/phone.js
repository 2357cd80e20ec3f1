// The phone layout's behaviour (the look is phone.css): the settings
// button, the bottom sheet's handle, the legend's collapse and dismissing
// the hover tooltip after a tap, which has no "mouse leaves" to hide it.

const $ = (id) => document.getElementById(id);

/** Whether the page is laid out for a phone (phone.css's breakpoint). */
export const isPhone = () => window.matchMedia('(max-width: 700px)').matches;

/** Wires the phone's controls; the legend starts collapsed on a phone. */
export function wirePhone(map) {
  const layout = document.querySelector('.layout');
  const toggle = $('settings-toggle');
  toggle.addEventListener('click', () => {
    const open = layout.classList.toggle('settings-open');
    toggle.setAttribute('aria-expanded', String(open));
  });
  const legend = $('legend');
  legend.classList.toggle('collapsed', isPhone());
  legend.addEventListener('click', (e) => {
    if (!e.target.closest('.legend-title:first-child')) return;
    legend.classList.toggle('collapsed');
  });
  const panel = $('panel');
  panel.addEventListener('click', (e) => {
    if (e.target.closest('.sheet-handle')) setSheet(!panel.classList.contains('open'));
  });
  // A tap shows the tooltip through the mouse events it emulates, and
  // nothing hides it again: after a touch the details go to the sheet.
  let touch = false;
  map.getCanvasContainer().addEventListener('pointerdown', (e) => { touch = e.pointerType === 'touch'; });
  map.on('click', () => {
    if (touch) setTimeout(() => { $('tooltip').hidden = true; }, 0);
  });
}

/** Opens or closes the bottom sheet. */
function setSheet(open) {
  const panel = $('panel');
  panel.classList.toggle('open', open);
  panel.querySelector('.sheet-handle')?.setAttribute('aria-expanded', String(open));
}

/**
 * After each render: puts the sheet's handle back on top of the panel (its
 * content is redrawn) and opens the sheet when a region is selected.
 */
export function syncPhone(t, state) {
  const panel = $('panel');
  let handle = panel.querySelector('.sheet-handle');
  if (!handle) {
    handle = document.createElement('button');
    handle.type = 'button';
    handle.className = 'sheet-handle';
    panel.prepend(handle);
  }
  handle.setAttribute('aria-label', t.sheetToggle);
  $('settings-toggle').setAttribute('aria-label', t.settingsToggle);
  if (isPhone()) setSheet(Boolean(state.selected));
}
