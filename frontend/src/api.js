// Requests to the Community Atlas API. Answers are cached per URL for the
// life of the page: they change only with an import, and a reload fetches
// them again. Every request asks for the interface's language, so that a
// refusal's problem detail, which the app shows, is in it too.

const cache = new Map();

let language = 'zh-CN';

/** Sets the language requests ask for: the interface's ('zh' or 'en'). */
export function setLanguage(lang) {
  language = lang === 'en' ? 'en' : 'zh-CN';
}

/** headers with the Accept-Language of the interface's language added. */
export function withLanguage(headers = {}) {
  return { ...headers, 'Accept-Language': language };
}

/** An API answer that was not 2xx, with the problem document's detail (and the whole document). */
export class ApiError extends Error {
  constructor(url, status, detail, problem = {}) {
    super(`${status} ${detail} (${url})`);
    this.status = status;
    this.detail = detail;
    this.problem = problem;
  }
}

/** Fetches url once per key and reads its JSON; a failure is not remembered. */
function once(key, url, init = {}) {
  if (!cache.has(key)) {
    const p = fetch(url, { ...init, headers: withLanguage(init.headers) }).then((r) => answer(url, r));
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return cache.get(key);
}

/** GETs JSON, once per URL. */
export function getJSON(url) {
  return once(url, url);
}

/** GETs JSON afresh, past the cache and the browser's: an answer that changes with every write. */
export async function getFresh(url) {
  return answer(url, await fetch(url, { cache: 'no-store', headers: withLanguage() }));
}

let csrf = '';

/** Remembers the session's CSRF token (from /api/v1/auth/me) for POSTs. */
export function setCSRF(token) {
  csrf = token || '';
}

/**
 * POSTs JSON and reads a JSON answer, once per URL and body (the answers
 * compute without saving, so they change only with an import). A request
 * made with the session cookie carries the X-CSRF-Token header.
 */
export function postJSON(url, body) {
  const text = JSON.stringify(body);
  const headers = { 'Content-Type': 'application/json' };
  if (csrf) headers['X-CSRF-Token'] = csrf;
  return once(`POST ${url} ${text}`, url, { method: 'POST', headers, body: text });
}

async function answer(url, r) {
  if (!r.ok) {
    const problem = await r.json().catch(() => ({}));
    throw new ApiError(url, r.status, problem.detail || r.statusText, problem);
  }
  return r.json();
}

/** Sends a JSON body with a method that writes (PUT, POST), never cached. */
export async function sendJSON(method, url, body) {
  const headers = withLanguage({ 'Content-Type': 'application/json' });
  if (csrf) headers['X-CSRF-Token'] = csrf;
  return answer(url, await fetch(url, { method, headers, body: JSON.stringify(body) }));
}

/** POSTs a file in the multipart field "file", never cached. */
export async function sendFile(url, file) {
  const body = new FormData();
  body.append('file', file);
  const headers = withLanguage(csrf ? { 'X-CSRF-Token': csrf } : {});
  return answer(url, await fetch(url, { method: 'POST', headers, body }));
}

/** Builds a URL with query parameters, leaving out empty ones. */
export function url(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== '' && v !== undefined && v !== null) q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** The choropleth request for a state. */
export function choroplethURL(s) {
  const manual = s.method === 'manual';
  const target = s.method === 'target';
  return url('/api/v1/choropleth', {
    indicator: s.indicator, level: s.level, period: s.period, parent: s.parent, method: s.method,
    classes: manual || target ? '' : s.classes, palette: target ? '' : s.palette, breaks: manual ? s.breaks : '',
    values: s.provisional ? 'provisional' : '',
  });
}

/** The observations of one indicator for the regions of a level inside parent. */
/** The periods with data; with provisional, a round's year before it is published too. */
export function periodsURL(provisional = false) {
  return url('/api/v1/periods', { values: provisional ? 'provisional' : '' });
}

export function observationsURL(indicator, level, parent, period, provisional = false) {
  return url('/api/v1/observations', { indicator, level, parent, period, values: provisional ? 'provisional' : '' });
}
