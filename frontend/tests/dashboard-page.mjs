// Page helpers for the dashboard's browser tests: the chart addresses it
// should draw, its scorecard cells against /api/v1/compare, its export
// menus, and the CSV the server writes.
import assert from 'node:assert/strict';

/** The chart cards, by the id of their chart. */
export const chartIds = ['ranking', 'trend', 'departments', 'tasks', 'radar', 'boxplot'];

/** The chart addresses the dashboard should draw, spelled out independently of the app. */
export function chartQueries({ indicator, period, level = 'county', parent = '', region, lang = '' }) {
  const scope = parent ? `level=${level}&parent=${parent}&period=${period}` : `level=${level}&period=${period}`;
  const l = lang ? `&lang=${lang}` : '';
  return {
    ranking: `/api/v1/charts/ranking?indicator=${indicator}&${scope}${l}&format=json`,
    trend: `/api/v1/charts/trend?indicator=${indicator}&${scope}${l}&format=json`,
    departments: `/api/v1/charts/attainment?by=department&${scope}${l}&format=json`,
    tasks: `/api/v1/charts/attainment?by=task&${scope}${l}&format=json`,
    radar: `/api/v1/charts/radar?region=${region}&period=${period}${l}&format=json`,
    boxplot: `/api/v1/charts/boxplot?indicator=${indicator}&${scope}${l}&format=json`,
  };
}

/** Parses CSV (RFC 4180; the server writes a UTF-8 BOM first). */
export function parseCSV(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h.split(' ').pop(), r[i]])));
}

/** What the scorecard shows in one cell: its data, state and text. */
export function cellOf(page, region, indicator) {
  return page.evaluate(([region, indicator]) => {
    const td = document.querySelector(`#scorecard td[data-region="${region}"][data-indicator="${indicator}"]`);
    return td && { value: td.dataset.value, meets: td.dataset.meets, cls: td.className, text: td.querySelector('.v').textContent,
      rank: td.querySelector('.rk')?.textContent ?? '', change: td.querySelector('.chg')?.textContent ?? '',
      verdict: td.dataset.verdict, notJudged: td.dataset.notJudged, urban: td.dataset.urban, rural: td.dataset.rural,
      parts: td.querySelector('.parts')?.textContent ?? '', title: td.title };
  }, [region, indicator]);
}

/** Checks the cells of some indicators, every region, against a /api/v1/compare answer. */
export async function assertCells(page, sc, indicators) {
  for (const id of indicators) {
    const i = sc.columns.findIndex((c) => c.indicator === id);
    assert.ok(i >= 0, `no column ${id}`);
    for (const row of sc.rows) {
      const want = row.cells[i];
      const got = await cellOf(page, row.code, id);
      const where = `${row.name} × ${id}`;
      assert.ok(got, `no cell for ${where}`);
      assert.equal(got.value === '' ? null : Number(got.value), want.value, `value of ${where}`);
      assert.equal(got.meets, want.meets === null ? '' : String(want.meets), `meets of ${where}`);
      assert.equal(got.verdict, want.verdict, `verdict of ${where}`);
      assert.equal(got.notJudged, want.not_judged ?? '', `why ${where} is not judged`);
      assert.equal(got.urban, want.urban?.verdict ?? '', `urban verdict of ${where}`);
      assert.equal(got.rural, want.rural?.verdict ?? '', `rural verdict of ${where}`);
      const cls = want.value === null ? 'nodata' : want.meets === null ? 'unjudged' : want.meets ? 'meets' : 'misses';
      assert.match(got.cls, new RegExp(`\\b${cls}\\b`), `colour class of ${where}`);
      if (want.value === null) continue;
      const unit = sc.columns[i].unit;
      if (unit === '%') assert.equal(got.text, `${want.value.toFixed(1)}%`, `text of ${where}`);
      if (want.rank !== null) assert.match(got.rank, new RegExp(`^(第|#)${want.rank}$`), `rank of ${where}`);
      if (unit === '%' && want.change) assert.equal(got.change, `${want.change > 0 ? '▲' : '▼'}${Math.abs(want.change).toFixed(1)}`, `change of ${where}`);
    }
  }
}

/** Opens a card's export menu and downloads its entry of format; resolves to the download. */
export async function download(page, card, format) {
  await page.click(`#card-${card} summary`);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`#card-${card} .export-item[data-format="${format}"]`)]);
  const failure = await dl.failure();
  assert.equal(failure, null, `download of ${card} ${format} failed`);
  return dl;
}
