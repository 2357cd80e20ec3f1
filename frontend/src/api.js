// Requests to the Community Atlas API. Answers are cached per URL for the
// life of the page: they change only with an import, and a reload fetches
// them again.

const cache = new Map();

/** An API answer that was not 2xx, with the problem document's detail. */
export class ApiError extends Error {
  constructor(url, status, detail) {
    super(`${status} ${detail} (${url})`);
    this.status = status;
    this.detail = detail;
  }
}

/** GETs JSON, once per URL. */
export function getJSON(url) {
  if (!cache.has(url)) {
    const p = fetch(url).then(async (r) => {
      if (!r.ok) {
        const problem = await r.json().catch(() => ({}));
        throw new ApiError(url, r.status, problem.detail || r.statusText);
      }
      return r.json();
    });
    p.catch(() => cache.delete(url)); // a failure is not remembered
    cache.set(url, p);
  }
  return cache.get(url);
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
  });
}

/** The observations of one indicator for the regions of a level inside parent. */
export function observationsURL(indicator, level, parent, period) {
  return url('/api/v1/observations', { indicator, level, parent, period });
}
