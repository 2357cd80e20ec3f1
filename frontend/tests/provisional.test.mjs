// Browser test of the switch to provisional values, on the map and on the
// dashboard: a round's submitted, not yet approved values drawn in place of
// the published ones, marked in the legend, the panel and the scorecard, for
// analysts and above; a leader (viewer) has no switch. Expected values come
// from the API, asked separately from Node.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { choroplethQuery, openApp, regionColours, settle, useRig } from './page.mjs';
import { cellOf } from './dashboard-page.mjs';
import { browserSkip, screenshot } from './harness.mjs';

let atlas;
let chrome;
let auth;

const township = '320612001';
const period = 2014;
const reporter = { username: 'xiandai-dm', password: 'xiandai-report-2014' };
const leader = { username: 'tongzhou-leader', password: 'tongzhou-leader-2014' };

async function call(method, path, body, headers = auth) {
  const r = await fetch(atlas.base + path, {
    method, headers: { ...headers, 'Content-Type': 'application/json' }, body: body && JSON.stringify(body),
  });
  const text = await r.text();
  assert.ok(r.ok, `${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

describe('provisional values on the map', { timeout: 180_000, skip: browserSkip }, () => {
  const rig = useRig();
  before(async () => {
    ({ atlas, chrome, auth } = rig);
    await call('POST', '/api/v1/users', { ...reporter, role: 'data_manager', region: township });
    await call('POST', '/api/v1/users', { ...leader, role: 'viewer', region: '' });
    const round = await call('POST', '/api/v1/rounds', {
      period, indicators: ['committee_members'], level: 'community', deadline: '2030-01-01', reviewers: ['320612'],
    });
    const { token } = await call('POST', '/api/v1/auth/login', reporter, {});
    const dm = { Authorization: `Bearer ${token}` };
    // Every community one committee member more than last year: a change
    // no one needs to explain.
    const sheet = await call('GET', `/api/v1/rounds/${round.id}/values`, undefined, dm);
    const rows = sheet.rows.map((r) => ({ region: r.region, values: { committee_members: (r.cells.committee_members.last ?? 6) + 1 } }));
    await call('PUT', `/api/v1/rounds/${round.id}/values`, { rows }, dm);
    await call('POST', `/api/v1/rounds/${round.id}/submit`, {}, dm);
  });

  test('the switch draws the submitted values, marked provisional in the legend and the panel', async (t) => {
    const base = choroplethQuery({ indicator: 'committee_members', level: 'community', period, parent: township });
    const published = await call('GET', base);
    const want = await call('GET', `${base}&values=provisional`);
    assert.equal(want.values, 'provisional');
    assert.ok(want.provisional >= 2, `submitted regions: ${want.provisional}`);
    assert.notDeepEqual(want.items.map((i) => i.value), published.items.map((i) => i.value), 'the submission changes the map');
    const app = await openApp(chrome.browser, atlas.base, `/?ind=committee_members&level=community&in=${township}&year=${period}&prov=1`);
    const { page } = app;
    await settle(page);
    assert.ok(await page.locator('#provisional').isChecked(), 'the switch is on');
    assert.equal(await page.locator('#to-rounds').getAttribute('href'), '/rounds', 'an admin has the way to the round page');
    const expected = Object.fromEntries(want.items.map((i) => [i.code, i.colour]));
    assert.deepEqual(await regionColours(page, 'community'), expected, 'the provisional colours');
    const note = await page.locator('.legend-provisional').textContent();
    assert.match(note, new RegExp(`暂定：${want.provisional} 个地区`));
    const first = want.items.find((i) => i.provisional);
    await page.goto(`${atlas.base}/?ind=committee_members&level=community&in=${township}&year=${period}&prov=1&sel=${first.code}`);
    await page.waitForFunction(() => window.atlas?.metrics?.firstRenderMs);
    await settle(page);
    await page.locator('#panel .value-block .badge.provisional').waitFor();
    assert.match(await page.locator('#panel .value-block .big').textContent(), new RegExp(`^${first.value}`));
    t.diagnostic(await screenshot(page, 'provisional-values'));
    // Off, the published colours again.
    await page.locator('#provisional').uncheck();
    await settle(page);
    const off = Object.fromEntries(published.items.map((i) => [i.code, i.colour]));
    assert.deepEqual(await regionColours(page, 'community'), off, 'the published colours');
    assert.equal(await page.locator('.legend-provisional').count(), 0);
    app.assertNoErrors();
  });

  test('a leader has no switch, and a link asking for provisional values shows the published ones', async () => {
    const app = await openApp(chrome.browser, atlas.base, `/?ind=committee_members&level=community&in=${township}&year=${period}&prov=1`, { login: leader });
    const { page } = app;
    await settle(page);
    assert.equal(await page.locator('#provisional-row').isVisible(), false);
    assert.equal(await page.locator('#to-rounds').count(), 0, 'a leader has no round page to go to');
    const published = await call('GET', choroplethQuery({ indicator: 'committee_members', level: 'community', period, parent: township }));
    const expected = Object.fromEntries(published.items.map((i) => [i.code, i.colour]));
    assert.deepEqual(await regionColours(page, 'community'), expected);
    assert.equal(await page.locator('.legend-provisional').count(), 0);
    app.assertNoErrors();
  });

  test('the dashboard switch takes the submitted values into the scorecard of the townships, marked', async (t) => {
    const compare = `/api/v1/compare?level=township&parent=320612&period=${period}`;
    const want = await call('GET', `${compare}&values=provisional`);
    const col = want.columns.findIndex((c) => c.indicator === 'committee_members');
    const cell = want.rows.find((r) => r.code === township).cells[col];
    assert.ok(cell.provisional && cell.value !== null, `the township's provisional cell: ${JSON.stringify(cell)}`);
    const app = await openApp(chrome.browser, atlas.base, `/dashboard?level=township&in=320612&year=${period}&prov=1`);
    const { page } = app;
    assert.ok(await page.locator('#provisional').isChecked(), 'the switch is on');
    let shown = await cellOf(page, township, 'committee_members');
    assert.equal(Number(shown.value), cell.value);
    assert.match(shown.cls, /\bprovisional\b/);
    assert.match(await page.locator('#summary').textContent(), new RegExp(`暂定：${want.provisional} 项`));
    assert.ok(await page.locator('.sc-swatch.provisional').isVisible(), 'the legend names the mark');
    t.diagnostic(await screenshot(page, 'provisional-dashboard'));
    // Off: the published figure, unmarked.
    const published = await call('GET', compare);
    const before = published.rows.find((r) => r.code === township).cells[col];
    await page.locator('#provisional').uncheck();
    await settle(page);
    shown = await cellOf(page, township, 'committee_members');
    assert.equal(shown.value, before.value === null ? '' : String(before.value));
    assert.doesNotMatch(shown.cls, /\bprovisional\b/);
    assert.equal(await page.locator('.sc-cell.provisional').count(), 0);
    app.assertNoErrors();
  });

  test('a leader on the dashboard has no switch and sees the published values', async () => {
    const app = await openApp(chrome.browser, atlas.base, `/dashboard?level=township&in=320612&year=${period}&prov=1`, { login: leader });
    const { page } = app;
    assert.equal(await page.locator('#provisional-field').isVisible(), false);
    assert.equal(await page.locator('.sc-cell.provisional').count(), 0);
    assert.doesNotMatch(await page.locator('#summary').textContent(), /暂定/);
    app.assertNoErrors();
  });
});
