// Numbers, units and targets as people read them.

/** Formats a value with its unit in a language. */
export function formatValue(t, value, unit) {
  if (value === null || value === undefined) return t.noData;
  if (unit === 'yes/no') return value >= 1 ? t.yes : t.no;
  // Rates always with one decimal, so a column of them lines up.
  const digits = unit === '%' ? 1 : Number.isInteger(value) || Math.abs(value) >= 100 ? 0 : 1;
  const n = value.toLocaleString(t.locale, {
    minimumFractionDigits: digits, maximumFractionDigits: digits,
  });
  const u = t.units[unit] ?? unit;
  if (!u) return n;
  return u === '%' || u === '×' ? n + u : `${n} ${u}`;
}

/**
 * The comparator that judges an indicator at a level: above the data level
 * a share-of-units roll-up has its own (always "at least") target.
 */
export function comparatorAt(indicator, level) {
  if (level !== indicator.data_level && indicator.rollup?.target) return indicator.rollup.target.comparator;
  return indicator.target.comparator;
}

/** A target as text: "≥ 90%", "≤ 0", "7–9 人". */
export function formatTarget(t, comparator, min, max, unit) {
  const f = (v) => formatValue(t, v, unit === 'yes/no' ? '' : unit);
  if (comparator === 'range' && min !== undefined && max !== undefined) {
    return `${formatValue(t, min, '')}–${f(max)}`;
  }
  if (comparator === 'le') return `≤ ${f(max ?? min)}`;
  return `≥ ${f(min)}`;
}

/** Target text for a choropleth item, which carries a single target number. */
export function itemTarget(t, indicator, level, item, kind, unit) {
  if (item.target === null || item.target === undefined) return '—';
  const cmp = comparatorAt(indicator, level);
  if (cmp === 'range' && kind && indicator.target[kind]) {
    const b = indicator.target[kind];
    return formatTarget(t, 'range', b.min, b.max, unit);
  }
  return formatTarget(t, cmp, item.target, item.target, unit);
}

/** Whether a target was met, as words. */
export function formatMeets(t, meets) {
  if (meets === null || meets === undefined) return t.notJudged;
  return meets ? t.meets : t.misses;
}

/** Escapes text for HTML. */
export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/**
 * A gap to a target with its sign: percentage points for a rate
 * ("−47.1 个百分点", "−47.1 pp"), the unit otherwise.
 */
export function formatGap(t, gap, unit) {
  if (typeof gap !== 'number') return '';
  const sign = gap > 0 ? '+' : gap < 0 ? '−' : '±';
  if (unit === '%') {
    const n = Math.abs(gap).toLocaleString(t.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    return `${sign}${n} ${t.points}`;
  }
  return sign + formatValue(t, Math.abs(gap), unit === 'yes/no' ? '' : unit);
}
