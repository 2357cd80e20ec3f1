// Layers computed by the coverage and standards analyses, offered in the
// indicator picker beside the catalogue's indicators. The choropleth API
// answers only catalogue indicators (it refuses these ids with a 400), so
// these are coloured here:
//  - health_covered_share: the coverage API classes and colours each region
//    itself (its legend: fixed RdYlBu breaks); the app uses those colours.
//  - the grid and standards layers: a fixed sequential scale (ColorBrewer
//    YlGnBu, 5 colours) over the values shown, by scaleClasses below.
// Values are percentages (the APIs' shares × 100).

import { getJSON, url } from './api.js';

/** ColorBrewer YlGnBu, 5 classes (the choropleth API's default palette). */
const sequential = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'];
const noDataColour = '#cccccc';

const pct = (share) => (typeof share === 'number' ? Math.round(share * 1e8) / 1e6 : null);

/** The computed layers: how to ask for them and read value, target and verdict. */
export const computedLayers = [
  {
    id: 'grid_covered_share', task: 13, kind: 'grid',
    name: { zh: '网格化管理面积覆盖率', en: 'Grid coverage (share of area)' },
    request: (s) => url('/api/v1/coverage/grid', { level: s.level, parent: s.parent }),
    read: (it, answer) => ({ value: pct(it.covered_share), target: pct(answer.full_cover_share), meets: it.full_coverage }),
  },
  {
    id: 'standard_floor_area', task: 15, kind: 'standards',
    name: { zh: '服务用房面积达标率', en: 'Floor-area standard: share meeting it' },
    request: (s) => url('/api/v1/standards', { level: s.level, parent: s.parent }),
    read: (it) => ({ value: it.floor_area.total.units ? pct(it.floor_area.rate) : null, target: pct(it.floor_area.target), meets: it.floor_area.meets }),
  },
  {
    id: 'standard_police', task: 4, kind: 'standards',
    name: { zh: '社区警务室配备率', en: 'Police posts: share of communities with one' },
    request: (s) => url('/api/v1/standards', { level: s.level, parent: s.parent }),
    read: (it) => ({ value: it.police.communities.units ? pct(it.police.rate) : null, target: 100, meets: it.police.meets }),
  },
  {
    id: 'standard_health', task: 2, kind: 'standards',
    name: { zh: '卫生服务设施配置达标率', en: 'Health facilities standard: share of communities meeting it' },
    request: (s) => url('/api/v1/standards', { level: s.level, parent: s.parent }),
    read: (it) => ({ value: it.health.communities.units ? pct(it.health.rate) : null, target: 100, meets: it.health.meets }),
  },
  {
    id: 'health_covered_share', task: 2, kind: 'health',
    name: { zh: '15分钟健康服务圈人口覆盖率', en: '15-minute health circle: share of residents covered' },
    request: (s) => url('/api/v1/coverage/health', healthParams(s, { level: s.level, parent: s.parent })),
    read: (it) => ({ value: pct(it.covered_share), target: 100, meets: it.meets }),
  },
];

/** The health-circle options of a state as query parameters, plus extra. */
export function healthParams(s, extra = {}) {
  return { ...extra, mode: s.hmode, minutes: s.minutes === 15 ? '' : s.minutes };
}

/** The computed layer of an id, or undefined. */
export function computedLayer(id) {
  return computedLayers.find((l) => l.id === id);
}

/**
 * An indicator-like description of a computed layer, so the picker, the
 * tooltip and the ranking treat it like a catalogue indicator: a percentage,
 * judged "at least" its target at every level.
 */
export function asIndicator(layer) {
  return {
    id: layer.id, task: layer.task, name: layer.name, unit: '%', layer, departments: [],
    data_level: 'community', target: { comparator: 'ge' },
  };
}

/**
 * Classes of the values shown on a fixed sequential scale: with at most
 * five distinct values, one class each (colours spread over the scale);
 * otherwise five equal intervals from the least to the greatest, a value v
 * in class i when b[i] ≤ v < b[i+1], the top class holding the greatest.
 */
function scaleClasses(values) {
  const distinct = [...new Set(values.filter((v) => typeof v === 'number'))].sort((a, b) => a - b);
  const n = sequential.length;
  if (distinct.length === 0) return { classOf: () => -1, classes: [] };
  if (distinct.length <= n) {
    const d = distinct.length;
    const colour = (i) => sequential[d === 1 ? 2 : Math.round((i * (n - 1)) / (d - 1))];
    return {
      classOf: (v) => distinct.indexOf(v),
      classes: distinct.map((v, i) => ({ from: v, to: v, colour: colour(i) })),
    };
  }
  const lo = distinct[0];
  const hi = distinct[distinct.length - 1];
  const b = sequential.map((_, i) => lo + ((hi - lo) * i) / n).concat(hi);
  return {
    classOf: (v) => {
      if (typeof v !== 'number') return -1;
      for (let i = n - 1; i >= 0; i--) if (v >= b[i]) return i;
      return 0;
    },
    classes: sequential.map((colour, i) => ({ from: b[i], to: b[i + 1], colour })),
  };
}

function label(c) {
  const digits = c.to - c.from < 0.5 && c.to !== c.from ? 2 : 1;
  const f = (v) => `${v.toFixed(digits)}%`;
  return c.from === c.to ? f(c.from) : `${f(c.from)} – ${f(c.to)}`;
}

/** Legend classes of the health coverage API: its breaks are lower bounds, the last full coverage. */
function healthClasses(legend) {
  const b = legend.breaks;
  return legend.colours.map((colour, i) => ({ from: b[i] * 100, to: i + 1 < b.length ? b[i + 1] * 100 : 100, colour, below: i + 1 < b.length }));
}

function healthLabel(c) {
  if (!c.below) return '100%';
  return `${c.from.toFixed(0)}% – <${c.to.toFixed(0)}%`;
}

/**
 * Builds a choropleth answer (the shape /api/v1/choropleth answers) from a
 * coverage or standards answer. For the health layer, items keep the
 * API's class and colour.
 */
export function buildComputed(layer, answer, level) {
  const rows = answer.items.map((it) => ({ it, ...layer.read(it, answer) }));
  let classes;
  let classOf;
  if (layer.kind === 'health') {
    classes = healthClasses(answer.legend);
    classOf = (r) => r.it.class;
  } else {
    const scale = scaleClasses(rows.map((r) => r.value));
    classes = scale.classes;
    classOf = (r) => scale.classOf(r.value);
  }
  const items = rows.map((r) => {
    const cls = r.value === null ? -1 : classOf(r);
    const colour = layer.kind === 'health' ? r.it.colour : cls >= 0 ? classes[cls].colour : noDataColour;
    const gap = typeof r.value === 'number' && typeof r.target === 'number' ? r.value - r.target : null;
    return { code: r.it.code, name: r.it.name, value: r.value, class: cls, colour, target: r.target, meets: r.meets, gap, raw: r.it };
  });
  const count = (i) => items.filter((x) => x.class === i).length;
  const legend = classes.map((c, i) => ({
    class: i, label: layer.kind === 'health' ? healthLabel(c) : label(c), from: c.from, to: c.to, colour: c.colour, count: count(i),
  }));
  return {
    indicator: layer.id, level, period: '', method: layer.kind === 'health' ? 'fixed' : 'scale', unit: '%',
    legend, no_data: { class: -1, label: 'no data', label_zh: '无数据', colour: answer.legend?.no_data_colour ?? noDataColour, count: count(-1) },
    items, computed: layer, answer, estimate: Boolean(answer.estimate),
  };
}

/** Fetches and builds a computed layer's choropleth for a state. */
export async function loadComputed(layer, state) {
  return buildComputed(layer, await getJSON(layer.request(state)), state.level);
}
