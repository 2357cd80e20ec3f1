// Browser tests of what a page does before a login, and of where a user
// limited to a region lands: the real service without public reading,
// seeded with Nantong, in headless Chromium. Expected values come from the
// API, asked separately from Node, never from the page.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { choroplethQuery, legendRows, openApp, regionColours, settle, useRig } from './page.mjs';
import { browserSkip, screenshot } from './harness.mjs';

let atlas;
let chrome;
let auth;
const api = async (path) => {
  const r = await fetch(atlas.base + path, { headers: auth });
  assert.equal(r.status, 200, `GET ${path}`);
  return r.json();
};

// 海门区: its townships and, at the same level, 16 farms, zones and the like.
const county = '320614';
const official = { username: 'haimen', password: 'haimen-county-2014' };

/**
 * Opens path without a session and records every failed response and
 * every console error until the login form shows and the network is quiet.
 */
async function openSignedOut(browser, path) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const failed = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') failed.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => failed.push(`page error: ${e.message}`));
  await page.goto(atlas.base + path);
  await page.locator('#login').waitFor({ state: 'visible' });
  await page.waitForLoadState('networkidle');
  return { context, page, failed };
}

describe('before a login, and a user limited to a county', { timeout: 180_000, skip: browserSkip }, () => {
  const rig = useRig();
  before(async () => {
    ({ atlas, chrome, auth } = rig);
    const r = await fetch(`${atlas.base}/api/v1/users`, {
      method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...official, role: 'viewer', region: county }),
    });
    assert.equal(r.status, 201, await r.text());
  });

  for (const path of ['/', '/dashboard']) {
    test(`opening ${path} without a session fails no request and shows the login`, async (t) => {
      const { context, page, failed } = await openSignedOut(chrome.browser, path);
      try {
        assert.ok(await page.locator('#login-user').isVisible(), 'no login form');
        assert.deepEqual(failed, [], 'failed requests or console errors before the login');
        t.diagnostic(await screenshot(page, `signed-out${path.replace('/', '-') || '-map'}`));
      } finally {
        await context.close();
      }
    });
  }

  test('the map opens on the townships of the county, with a legend of several classes', async (t) => {
    const app = await openApp(chrome.browser, atlas.base, '/', { login: official });
    const { page } = app;
    const s = await page.evaluate(() => window.atlas.state);
    assert.deepEqual([s.level, s.parent], ['township', county], 'the view the county official lands on');
    const townships = (await api(`/api/v1/regions?level=township&parent=${county}`)).items;
    const colours = await regionColours(page, 'township');
    const drawn = Object.keys(colours).sort();
    assert.ok(drawn.length > 1, 'the townships are drawn');
    assert.deepEqual(drawn.filter((c) => !townships.some((r) => r.code === c)), [], 'regions drawn outside the county');
    const cho = await api(choroplethQuery({ indicator: s.indicator, level: 'township', parent: county, period: s.period }));
    const legend = await legendRows(page);
    assert.equal(legend.length, cho.legend.length, 'legend classes');
    assert.ok(legend.length > 1, `a legend of ${legend.length} class`);
    assert.deepEqual(legend.map((r) => r.colour), cho.legend.map((l) => l.colour));
    // The panel ranks the townships; the farms and zones follow apart, unranked.
    const ranked = await page.locator('#panel ol.overview:not(.unranked) li').count();
    const apart = await page.locator('#panel ol.overview.unranked li').count();
    assert.deepEqual([ranked, apart], [townships.filter((r) => r.unit_type === 'township').length,
      townships.filter((r) => r.unit_type === 'other').length], 'townships ranked, other units apart');
    assert.ok(apart > 0, 'no other units in the county');
    const crumbs = await page.locator('#breadcrumb li').allInnerTexts();
    assert.equal(crumbs.length, 1, `breadcrumb ${crumbs}: the county only, not the city it cannot read`);
    t.diagnostic(await screenshot(page, 'scope-county-map'));
    assert.deepEqual(app.responses.filter((r) => r.status >= 400), [], 'failed requests');
    app.assertNoErrors();
  });

  test('the dashboard compares the county\'s townships, without the card against the city', async (t) => {
    const app = await openApp(chrome.browser, atlas.base, '/dashboard', { login: official });
    const { page } = app;
    const s = await page.evaluate(() => window.atlas.state);
    assert.deepEqual([s.level, s.parent], ['township', county]);
    const sc = await api(`/api/v1/compare?level=township&parent=${county}&period=${s.period}`);
    const columns = () => page.locator('#scorecard thead th[data-region]').evaluateAll((ths) => ths.map((th) => th.dataset.region));
    assert.deepEqual(await columns(), sc.rows.map((r) => r.code), 'the scorecard\'s townships');
    assert.ok(sc.rows.length > 1 && sc.rows.every((r) => r.unit_type === 'township'), 'townships only by default');
    assert.ok(await page.locator('#card-radar').isHidden(), 'the card against the city is shown to a county official');
    assert.ok(await page.locator('#level-field').isHidden(), 'a choice of level that leads outside the county');
    assert.ok(!app.responses.some((r) => r.url.includes('/charts/radar')), 'the radar was asked for');
    await page.waitForFunction(() => window.atlas.options.ranking);
    const ranked = await page.evaluate(() => window.atlas.options.ranking.series[0].data.map((d) => d.name));
    assert.deepEqual(ranked.sort(), sc.rows.map((r) => r.name).sort(), 'the ranking chart ranks the townships');

    // With the other units: the scorecard shows them, marked.
    await page.check('#units');
    await page.waitForFunction(() => window.atlas.state.units === 'all');
    await settle(page);
    const all = await api(`/api/v1/compare?level=township&parent=${county}&period=${s.period}&units=all`);
    const others = all.rows.filter((r) => r.unit_type === 'other').map((r) => r.code);
    assert.ok(others.length > 0, 'no other units in the county');
    assert.deepEqual(await columns(), all.rows.map((r) => r.code), 'the scorecard with every unit');
    const marked = await page.locator('#scorecard th[data-unit-type="other"] .sc-unit').count();
    assert.equal(marked, others.length, 'units that are not townships marked');
    assert.match(page.url(), /units=all/);
    t.diagnostic(await screenshot(page, 'scope-county-dashboard'));
    assert.deepEqual(app.responses.filter((r) => r.status >= 400), [], 'failed requests');
    app.assertNoErrors();
  });
});
