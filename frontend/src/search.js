// Search by name or code: a combobox over every region, loaded on first use.

import { getJSON } from './api.js';
import { esc } from './format.js';
import { pinyinTable } from './pinyintable.js';
import { levels } from './state.js';

const maxResults = 12;

const syllable = new Map(pinyinTable.split(' ').map((e) => [e[0], e.slice(1)]));
const spelt = new Map();

/** A name's pinyin, whole ("rugaoshi") and by initials ("rgs"); other characters drop out. */
export function pinyinOf(name) {
  if (!spelt.has(name)) {
    const s = [...name].map((c) => syllable.get(c) ?? (/[a-z0-9]/i.test(c) ? c.toLowerCase() : '')).filter(Boolean);
    spelt.set(name, { full: s.join(''), initials: s.map((x) => x[0]).join('') });
  }
  return spelt.get(name);
}

/** Whether a name answers a pinyin query: its spelling or initials start with it, or (3+ letters) contain it. */
function pinyinMatch(name, q) {
  const p = pinyinOf(name);
  return p.full.startsWith(q) || p.initials.startsWith(q) || (q.length >= 3 && p.full.includes(q));
}

/** Regions whose name contains q (or, for Latin letters, whose pinyin matches) or whose code starts with q, counties first. */
export function matchRegions(regions, q) {
  q = q.trim();
  if (!q) return [];
  const latin = /^[a-z]+$/i.test(q) ? q.toLowerCase().replace(/ü/g, 'v') : '';
  const depth = Object.fromEntries(levels.map((l, i) => [l, i]));
  return regions
    .filter((r) => levels.includes(r.level) && (r.name.includes(q) || r.code.startsWith(q) || (latin && pinyinMatch(r.name, latin))))
    .sort((a, b) => depth[a.level] - depth[b.level] || a.code.localeCompare(b.code))
    .slice(0, maxResults);
}

/** Wires the search box; onPick gets the chosen region. */
export function setupSearch(input, listbox, { strings, onPick }) {
  let regions = null;
  let results = [];
  let active = -1;
  const names = new Map();

  const load = async () => {
    if (!regions) {
      regions = (await getJSON('/api/v1/regions')).items;
      for (const r of regions) names.set(r.code, r.name);
    }
  };
  const close = () => {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const render = () => {
    const t = strings();
    if (results.length === 0) {
      listbox.innerHTML = `<li class="muted" role="presentation">${esc(t.noMatch)}</li>`;
    } else {
      listbox.innerHTML = results.map((r, i) => {
        const within = r.parent && names.has(r.parent) && r.level !== levels[0] ? ` · ${names.get(r.parent)}` : '';
        return `<li role="option" id="search-opt-${i}" data-i="${i}" aria-selected="${i === active}">` +
          `<span>${esc(r.name)}</span><small>${esc(t[r.level])}${esc(within)} · ${esc(r.code)}</small></li>`;
      }).join('');
    }
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    if (active >= 0) input.setAttribute('aria-activedescendant', `search-opt-${active}`);
  };
  const pick = (i) => {
    const r = results[i];
    if (!r) return;
    input.value = r.name;
    close();
    onPick(r);
  };

  input.addEventListener('focus', () => { load().catch(() => {}); });
  input.addEventListener('input', async () => {
    await load();
    results = matchRegions(regions, input.value);
    active = results.length ? 0 : -1;
    if (input.value.trim()) render(); else close();
  });
  input.addEventListener('keydown', (e) => {
    if (listbox.hidden) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = results.length;
      if (n) active = (active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
      render();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(active);
    } else if (e.key === 'Escape') {
      close();
    }
  });
  listbox.addEventListener('mousedown', (e) => {
    const li = e.target.closest('[data-i]');
    if (li) { e.preventDefault(); pick(Number(li.dataset.i)); }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
}
