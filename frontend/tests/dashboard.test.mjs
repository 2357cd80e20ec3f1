// Browser tests of the dashboard (/dashboard) against the real service,
// seeded with Nantong, in headless Chromium. Expected values come from the
// API, asked separately from Node, never from the page.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { openApp, settle, signIn, useRig } from './page.mjs';
import { assertCells, cellOf, chartIds, chartQueries, download, parseCSV } from './dashboard-page.mjs';
import { artifacts, browserSkip, screenshot } from './harness.mjs';

let atlas;
let chrome;
let latest;
let periods;
let auth;
const api = async (path) => {
  const r = await fetch(atlas.base + path, { headers: auth });
  assert.equal(r.status, 200, `GET ${path}`);
  return r.json();
};

describe('dashboard', { timeout: 180_000, skip: browserSkip }, () => {
  const rig = useRig();
  before(async () => {
    ({ atlas, chrome, auth } = rig);
    const p = await api('/api/v1/periods');
    latest = p.latest;
    periods = p.items;
  });

  test('loads for a period: the scorecard cells and every chart are the API answers', async (t) => {
    const period = periods[1];
    const app = await openApp(chrome.browser, atlas.base, `/dashboard?year=${period}&ind=registered_volunteers`);
    const { page } = app;
    const sc = await api(`/api/v1/compare?level=county&period=${period}`);
    assert.equal(sc.period, period);
    const heads = await page.locator('#scorecard thead th[data-region] .sc-name').allInnerTexts();
    assert.deepEqual(heads, sc.rows.map((r) => r.name), 'one column per county, in the API order');
    assert.equal(await page.locator('#scorecard tbody tr[data-indicator]').count(), sc.columns.length, 'one row per indicator');
    await assertCells(page, sc, ['registered_volunteers', 'elderly_health_records', 'mass_incidents', 'open_plan_office']);
    const judged = sc.rows.reduce((n, r) => n + r.judged, 0);
    const met = sc.rows.reduce((n, r) => n + r.met, 0);
    assert.match(await page.locator('#summary').innerText(), new RegExp(`已评价 ${judged} 项，达标 ${met} 项`));
    assert.match(await page.locator('#scorecard-legend').innerText(), new RegExp(`较${sc.previous}年`));

    const want = chartQueries({ indicator: 'registered_volunteers', period, region: sc.rows[0].code });
    for (const id of chartIds) {
      assert.deepEqual(await page.evaluate((id) => window.atlas.options[id], id), await api(want[id]), `the ${id} chart's option`);
    }
    t.diagnostic(`first render ${await page.evaluate(() => window.atlas.metrics.firstRenderMs)} ms (loopback, six charts)`);
    t.diagnostic(await screenshot(page, 'dashboard-counties'));
    app.assertNoErrors();
  });

  test('urban and rural verdicts: a split cell meets only if both kinds do; a year without a target is not judged', async (t) => {
    const period = periods[1];
    const app = await openApp(chrome.browser, atlas.base, `/dashboard?year=${period}`);
    const { page } = app;
    const sc = await api(`/api/v1/compare?level=county&period=${period}`);
    const split = ['open_plan_office', 'one_stop_service', 'registered_volunteers', 'harmonious_community'];
    await assertCells(page, sc, split);
    // Cells whose value meets the blended target shown but whose urban or
    // rural communities miss their own: red, with the failing kind marked.
    let hidden = 0;
    for (const id of split) {
      const i = sc.columns.findIndex((c) => c.indicator === id);
      for (const row of sc.rows) {
        const c = row.cells[i];
        if (!c.split || c.verdict !== 'unmet' || c.value < c.target.min) continue;
        hidden++;
        const got = await cellOf(page, row.code, id);
        assert.match(got.cls, /\bmisses\b/, `${row.name} × ${id} is red`);
        const failing = c.urban?.verdict === 'unmet' ? '城✗' : '农✗';
        assert.ok(got.parts.includes(failing), `${row.name} × ${id} marks ${failing}: ${got.parts}`);
      }
    }
    assert.ok(hidden > 0, 'the seeds have county-years the blend would pass');
    t.diagnostic(`${hidden} cells met the blend but miss the notice in ${period}`);
    t.diagnostic(await screenshot(page, 'dashboard-split-verdicts'));
    // The latest year (2014) has no target for one-stop service: not judged.
    await page.goto(`${atlas.base}/dashboard?year=${latest}`);
    // settle() only knows the requests a booted page has made: wait for the boot.
    await page.waitForFunction(() => window.atlas?.metrics?.firstRenderMs);
    await settle(page);
    const later = await api(`/api/v1/compare?level=county&period=${latest}`);
    await assertCells(page, later, ['one_stop_service', 'worker_training']);
    const got = await cellOf(page, later.rows[0].code, 'one_stop_service');
    assert.equal(got.notJudged, 'period');
    assert.match(got.title, new RegExp(`${latest}年无目标`));
    app.assertNoErrors();
  });

  test('the ranking chart draws exactly the series of the API option', async (t) => {
    // The notice's year, which has a target to draw as a line.
    const year = periods[1];
    const app = await openApp(chrome.browser, atlas.base, `/dashboard?ind=elderly_health_records&year=${year}`);
    const { page } = app;
    const option = await api(`/api/v1/charts/ranking?indicator=elderly_health_records&level=county&period=${year}&format=json`);
    const model = await page.evaluate(() => window.atlas.chartOption('ranking'));
    const pick = (data) => data.map((d) => ({ name: d.name, value: d.value, colour: d.itemStyle?.color }));
    assert.equal(model.series.length, option.series.length);
    option.series.forEach((s, i) => {
      assert.equal(model.series[i].type, s.type);
      assert.deepEqual(pick(model.series[i].data), pick(s.data), `series ${i} (${s.name})`);
    });
    assert.deepEqual(model.xAxis[0].data, option.xAxis[0].data, 'regions in rank order');
    assert.deepEqual(model.series[0].markLine.data.map((d) => d.yAxis), option.series[0].markLine.data.map((d) => d.yAxis), 'target line');
    assert.equal(model.title[0].text, option.title.text);
    const [w, h] = await page.evaluate(() => window.atlas.chartSize('ranking'));
    assert.ok(w > 400 && h > 300, `the chart has a size (${w}×${h})`);
    const shot = join(artifacts, 'dashboard-ranking.png');
    mkdirSync(artifacts, { recursive: true });
    await page.locator('#card-ranking').screenshot({ path: shot });
    t.diagnostic(shot);
    app.assertNoErrors();
  });

  test('the export menus download the scorecard and chart data, and the chart as PNG', async (t) => {
    const app = await openApp(chrome.browser, atlas.base, '/dashboard?ind=registered_volunteers');
    const { page } = app;
    const csv = await download(page, 'scorecard', 'csv');
    assert.equal(csv.suggestedFilename(), `compare_county_${latest}.csv`);
    const raw = readFileSync(await csv.path(), 'utf8');
    assert.ok(raw.startsWith('\uFEFF'), 'CSV without a BOM');
    const rows = parseCSV(raw);
    const sc = await api(`/api/v1/compare?level=county&period=${latest}`);
    assert.equal(rows.length, sc.rows.length * sc.columns.length, 'one CSV row per table cell');
    const cells = await page.evaluate(() => [...document.querySelectorAll('#scorecard td.sc-cell')].map((td) => ({
      key: `${td.dataset.region} ${td.dataset.indicator}`, value: td.dataset.value, meets: td.dataset.meets,
      rank: td.querySelector('.rk')?.textContent.replace(/\D/g, '') ?? '',
    })));
    assert.equal(cells.length, rows.length, 'table cells');
    const byKey = new Map(cells.map((c) => [c.key, c]));
    for (const r of rows) {
      const cell = byKey.get(`${r.code} ${r.indicator}`);
      assert.ok(cell, `no table cell for CSV row ${r.code} ${r.indicator}`);
      assert.equal(r.value === '' ? '' : Number(r.value), cell.value === '' ? '' : Number(cell.value), `value ${r.code} ${r.indicator}`);
      assert.equal(r.meets, cell.meets, `meets ${r.code} ${r.indicator}`);
      assert.equal(r.rank, cell.rank, `rank ${r.code} ${r.indicator}`);
    }

    const ranking = await download(page, 'ranking', 'csv');
    assert.equal(ranking.suggestedFilename(), `ranking_registered_volunteers_county_${latest}.csv`);
    const bars = (await page.evaluate(() => window.atlas.options.ranking)).series[0].data;
    // The CSV lists the regions in code order with their rank; ranked, they are the bars.
    const ranked = parseCSV(readFileSync(await ranking.path(), 'utf8')).sort((a, b) => a.rank - b.rank);
    assert.deepEqual(ranked.map((r) => [r.region, Number(r.value)]), bars.map((d) => [d.name, d.value]), 'ranking CSV rows are the bars');

    const xlsx = await download(page, 'departments', 'xlsx');
    assert.match(xlsx.suggestedFilename(), /^attainment_department_county_\d{4}\.xlsx$/);
    assert.equal(readFileSync(await xlsx.path()).subarray(0, 2).toString(), 'PK', 'XLSX is a zip');

    const json = await download(page, 'trend', 'json');
    assert.equal(json.suggestedFilename(), 'trend_registered_volunteers_county.json');
    assert.deepEqual(JSON.parse(readFileSync(await json.path(), 'utf8')), await page.evaluate(() => window.atlas.options.trend));

    const png = await download(page, 'radar', 'png');
    const bytes = readFileSync(await png.path());
    assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
    const [w, h] = await page.evaluate(() => window.atlas.chartSize('radar'));
    assert.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [2 * w, 2 * h], 'PNG at twice the chart size');
    assert.equal(png.suggestedFilename(), `radar_${sc.rows[0].code}_${latest}.png`);
    t.diagnostic(`${rows.length} CSV rows checked against the table`);
    app.assertNoErrors();
  });

  test('switching the period, the county and the language; the URL holds them', async (t) => {
    const app = await openApp(chrome.browser, atlas.base, '/dashboard?ind=registered_volunteers');
    const { page } = app;
    const first = periods[0];
    await page.selectOption('#period', String(first));
    await settle(page);
    assert.match(page.url(), new RegExp(`year=${first}`));
    await assertCells(page, await api(`/api/v1/compare?level=county&period=${first}`), ['registered_volunteers', 'one_stop_service']);
    assert.match(await page.locator('#scorecard-legend').innerText(), /无上一年度数据/, 'the first year has no change');

    const county = (await api('/api/v1/regions?level=county')).items[2];
    await page.click(`#scorecard button.sc-drill[data-county="${county.code}"]`);
    await settle(page);
    assert.match(page.url(), new RegExp(`level=township&in=${county.code}`));
    // Townships only: the zones and farms at their level are left out by default.
    const townships = (await api(`/api/v1/regions?level=township&parent=${county.code}`)).items.filter((r) => r.unit_type === 'township');
    const sc = await api(`/api/v1/compare?level=township&parent=${county.code}&period=${first}`);
    assert.deepEqual((await page.locator('#scorecard thead th[data-region]').evaluateAll((ths) => ths.map((th) => th.dataset.region))).sort(),
      townships.map((r) => r.code).sort(), 'the county\'s townships');
    await assertCells(page, sc, ['registered_volunteers']);
    assert.equal(await page.locator('#county').inputValue(), county.code);
    await page.selectOption('#radar-region', sc.rows[1].code);
    await settle(page);
    assert.match(page.url(), new RegExp(`sel=${sc.rows[1].code}`));
    assert.deepEqual(await page.evaluate(() => window.atlas.options.radar), await api(`/api/v1/charts/radar?region=${sc.rows[1].code}&period=${first}&format=json`));

    await page.click('#lang');
    await settle(page);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.locator('#h-scorecard').innerText(), 'Scorecard');
    assert.match(page.url(), /lang=en/);
    const want = chartQueries({ indicator: 'registered_volunteers', period: first, level: 'township', parent: county.code, region: sc.rows[1].code, lang: 'en' });
    for (const id of chartIds) {
      assert.deepEqual(await page.evaluate((id) => window.atlas.options[id], id), await api(want[id]), `the ${id} chart in English`);
    }
    t.diagnostic(await screenshot(page, 'dashboard-townships-en'));

    await page.reload();
    await page.waitForFunction(() => window.atlas?.metrics?.firstRenderMs);
    await settle(page);
    assert.deepEqual(await page.evaluate(() => window.atlas.state),
      { lang: 'en', period: String(first), indicator: 'registered_volunteers', selected: sc.rows[1].code, level: 'township', parent: county.code, units: '', provisional: false },
      'a reload opens the same dashboard');
    await page.goBack();
    await settle(page);
    assert.equal((await page.evaluate(() => window.atlas.state)).lang, 'zh', 'the back button undoes the language switch');
    app.assertNoErrors();
  });

  test('print: A4 landscape, no controls, every chart the width of the page', async (t) => {
    const app = await openApp(chrome.browser, atlas.base, '/dashboard?ind=registered_volunteers', { viewport: { width: 1123, height: 794 } });
    const { page } = app;
    const hidden = ['#controls', '#lang', '#print', '#to-map', '#card-scorecard .menu-slot', '#card-ranking .menu-slot', '#radar-region'];
    const visible = () => Promise.all(hidden.map((s) => page.locator(s).isVisible()));
    assert.deepEqual(await visible(), hidden.map(() => true), 'controls hidden on screen');
    await page.emulateMedia({ media: 'print' });
    await page.waitForFunction(() => window.atlas.chartSize('ranking')[0] === 1000);
    assert.deepEqual(await visible(), hidden.map(() => false), 'controls shown on paper');
    // 277 mm (A4 landscape less 10 mm margins) is 1047 CSS pixels.
    for (const id of chartIds) {
      const [w, h] = await page.evaluate((id) => window.atlas.chartSize(id), id);
      const box = await page.locator(`#chart-${id}`).boundingBox();
      assert.ok(w <= 1047 && box.width <= 1047 && h <= 600, `${id} chart is ${w}×${h}, box ${box.width} wide`);
      assert.equal(w, box.width, `${id} chart drawn at its box's width`);
    }
    const page1 = await page.evaluate(() => [...document.styleSheets].flatMap((s) => [...s.cssRules])
      .flatMap((r) => (r.cssRules ? [...r.cssRules] : [r])).find((r) => r instanceof CSSPageRule)?.style.size);
    assert.equal(page1?.toLowerCase(), 'a4 landscape');
    await page.screenshot({ path: join(artifacts, 'dashboard-print.png'), fullPage: true });
    t.diagnostic(join(artifacts, 'dashboard-print.png'));
    const pdf = await page.pdf({ path: join(artifacts, 'dashboard.pdf'), preferCSSPageSize: true, printBackground: true });
    const box = String(pdf).match(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/);
    assert.ok(box, 'no page size in the PDF');
    assert.ok(Math.abs(Number(box[1]) - 841.9) < 1 && Math.abs(Number(box[2]) - 595.3) < 1, `PDF page ${box[1]}×${box[2]} pt, want A4 landscape`);
    t.diagnostic(`${String(pdf).match(/\/Type \/Page\b/g).length} PDF pages: ${join(artifacts, 'dashboard.pdf')}`);
    await page.emulateMedia({ media: 'screen' });
    await page.waitForFunction(() => window.atlas.chartSize('ranking')[0] !== 1000);
    app.assertNoErrors();
  });

  test('asks for a login; a viewer may see everything but not download the scorecard or chart data', async () => {
    const r = await fetch(`${atlas.base}/api/v1/users`, {
      method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'leader', password: 'meeting-room-2014', role: 'viewer', region: '' }),
    });
    assert.equal(r.status, 201, await r.text());
    const app = await openApp(chrome.browser, atlas.base, '/dashboard', { login: null });
    const { page } = app;
    assert.ok(await page.locator('#login').isVisible(), 'no login form');
    await signIn(page, { username: 'leader', password: 'meeting-room-2014' });
    await page.waitForFunction(() => window.atlas?.metrics?.firstRenderMs);
    await settle(page);
    assert.equal(await page.locator('#who').innerText(), 'leader');
    assert.equal(await page.locator('#card-scorecard .export-item[aria-disabled="true"]').count(), 3, 'scorecard downloads offered to a viewer');
    assert.equal(await page.locator('#card-scorecard a.export-item').count(), 0);
    for (const card of chartIds) {
      const off = await page.locator(`#card-${card} .export-item[aria-disabled="true"]`).evaluateAll((els) => els.map((e) => e.dataset.format));
      assert.deepEqual(off, ['csv', 'xlsx'], `${card}: chart data offered to a viewer`);
    }
    const dl = await download(page, 'boxplot', 'png');
    assert.match(dl.suggestedFilename(), /^boxplot_.*\.png$/, 'the chart image is for viewers too');
    app.assertNoErrors();
  });

  test('the map links to the dashboard, which keeps its language, year and indicator', async (t) => {
    const app = await openApp(chrome.browser, atlas.base, `/?lang=en&ind=elderly_health_records&year=${periods[0]}`);
    const { page } = app;
    await page.click('#to-dashboard');
    await page.waitForURL(/\/dashboard/);
    await page.waitForFunction(() => window.atlas?.metrics?.firstRenderMs);
    await settle(page);
    const s = await page.evaluate(() => window.atlas.state);
    assert.deepEqual([s.lang, s.period, s.indicator, s.level], ['en', String(periods[0]), 'elderly_health_records', 'county']);
    assert.equal(await page.locator('#to-map').getAttribute('href'), `/?lang=en&ind=elderly_health_records&year=${periods[0]}`);
    t.diagnostic(await screenshot(page, 'dashboard-from-map'));
    app.assertNoErrors();
  });
});
