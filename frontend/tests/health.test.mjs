// Browser tests of the 15-minute health circle on the map against the real
// service: the covered-share choropleth, isochrones and uncovered clusters,
// siting suggestions and the what-if mode. Expected values are the API's,
// asked from Node with the same request the page makes.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { countyAt, openApp, regionColours, settle, useRig } from './page.mjs';
import { browserSkip, screenshot } from './harness.mjs';

let atlas;
let chrome;
let auth;
const call = async (method, path, body) => {
  const r = await fetch(atlas.base + path, {
    method, headers: { ...auth, 'Content-Type': 'application/json' }, body: body && JSON.stringify(body),
  });
  assert.equal(r.status, 200, `${method} ${path}`);
  return r.json();
};
const api = (path) => call('GET', path);
const post = (path, body) => call('POST', path, body);

const county = '320612'; // 通州区
const pct = (share) => `${(share * 100).toFixed(1)}%`;
const people = (n) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toLocaleString('zh-CN')}`;

/** Distinct values of a property over the features a source holds. */
const sourceValues = (page, source, prop) => page.evaluate(([source, prop]) => [...new Set(window.atlas.map
  .querySourceFeatures(source).map((f) => f.properties[prop]))].sort(), [source, prop]);

describe('15-minute health circle', { timeout: 180_000, skip: browserSkip }, () => {
  const rig = useRig();
  before(() => ({ atlas, chrome, auth } = rig));

  test("covered-share choropleth, isochrones and uncovered clusters are the API's, marked as estimates", async (t) => {
    const app = await openApp(chrome.browser, atlas.base, `/?level=township&in=${county}&ind=health_covered_share&iso=1&unc=1`);
    const { page } = app;
    const cov = await api(`/api/v1/coverage/health?level=township&parent=${county}`);
    assert.ok(cov.estimate, 'the seed has no road network: every answer is an estimate');
    assert.deepEqual(await regionColours(page, 'township'), Object.fromEntries(cov.items.map((i) => [i.code, i.colour])));
    const uncovered = await api(`/api/v1/coverage/health/uncovered?parent=${county}`);
    assert.deepEqual(await sourceValues(page, 'uncovered', 'rank'), uncovered.features.map((f) => f.properties.rank).sort());
    const isos = await api(`/api/v1/isochrones.geojson?parent=${county}`);
    assert.deepEqual(await sourceValues(page, 'isochrones', 'mode'), isos.features.map((f) => f.properties.mode).sort());
    assert.equal(await page.locator('#legend li[data-class=uncovered] .legend-count').innerText(), String(uncovered.features.length));
    assert.equal(await page.locator('#legend li[data-class=isochrones] .legend-count').innerText(),
      String(isos.features.reduce((n, f) => n + f.properties.facilities, 0)));
    // Said in words, and why (for screen readers too, not only on hover).
    assert.match(await page.locator('#legend .legend-sub .badge.estimate').innerText(), /^直线距离估算\s*: 未导入路网.*绕行系数 1\.3/);
    assert.match(page.url(), /iso=1&unc=1/);
    t.diagnostic(await screenshot(page, 'health-layers'));

    await page.click('#lang');
    await settle(page);
    assert.match(await page.locator('#legend .legend-sub .badge.estimate').innerText(), /^straight-line estimate\s*: No road network/);
    assert.equal(await page.locator('#health legend').innerText(), '15-minute health circle');
    app.assertNoErrors();
  });

  test('siting suggestions are markers at the points the API answers, with their gains', async (t) => {
    const app = await openApp(chrome.browser, atlas.base, `/?level=township&in=${county}&site=1&sk=4`);
    const { page } = app;
    const sites = await post('/api/v1/coverage/health/siting', { k: 4, parent: county });
    assert.equal(sites.features.length, 4);
    const placed = await page.evaluate((coords) => {
      const map = window.atlas.map;
      const box = map.getContainer().getBoundingClientRect();
      return [...document.querySelectorAll('.site-marker')].map((el) => {
        const r = el.getBoundingClientRect();
        const want = map.project(coords[Number(el.dataset.rank) - 1]);
        return { rank: Number(el.dataset.rank), dx: r.left + r.width / 2 - box.left - want.x, dy: r.top + r.height / 2 - box.top - want.y };
      });
    }, sites.features.map((f) => f.geometry.coordinates));
    assert.deepEqual(placed.map((p) => p.rank).sort(), [1, 2, 3, 4]);
    for (const p of placed) assert.ok(Math.hypot(p.dx, p.dy) < 1.5, `marker ${p.rank} is ${p.dx}, ${p.dy} px off`);
    const gains = await page.locator('#scenario .sites .site-gain').allInnerTexts();
    assert.deepEqual(gains, sites.features.map((f) => `+${f.properties.gain.toLocaleString('zh-CN')} 人`));
    assert.ok(await page.locator('#scenario .badge.estimate').isVisible(), 'the estimate is said');
    t.diagnostic(await screenshot(page, 'siting'));

    // Trying a suggestion drops a clinic there in the what-if mode.
    await page.click('#scenario button[data-action=try][data-rank="1"]');
    await settle(page);
    const s = await page.evaluate(() => window.atlas.state);
    const [lon, lat] = sites.features[0].geometry.coordinates;
    assert.equal(s.whatif, true);
    assert.deepEqual(s.add.map((c) => [c.lon.toFixed(6), c.lat.toFixed(6)]), [[lon.toFixed(6), lat.toFixed(6)]]);
    app.assertNoErrors();
  });

  test('what-if: a click on the map drops a clinic and the panel shows the before and after of the API', async (t) => {
    const app = await openApp(chrome.browser, atlas.base, `/?level=township&in=${county}`);
    const { page } = app;
    await page.focus('#whatif');
    await page.keyboard.press('Space');
    await settle(page);
    assert.equal(await page.locator('#whatif').getAttribute('aria-pressed'), 'true');
    assert.match(page.url(), /wi=1/);
    assert.match(page.url(), /ind=health_covered_share/, 'the map shows the health circle');

    // Drop it where the API's best site is, so it covers people.
    const best = (await post('/api/v1/coverage/health/siting', { k: 1, parent: county })).features[0];
    await page.mouse.click(...(await countyAt(page, best.geometry.coordinates)));
    await settle(page);
    const added = (await page.evaluate(() => window.atlas.state)).add;
    assert.equal(added.length, 1);
    assert.match(page.url(), /add=/);
    const body = { level: 'township', parent: county, add: added, remove: [] };
    const want = await post('/api/v1/coverage/health/whatif', body);
    const changed = want.items.filter((i) => i.covered_population_change !== 0);
    assert.ok(changed.length > 0, 'the clinic covers somebody');
    const rows = await page.locator('#scenario table.whatif tbody tr').evaluateAll((trs) => trs.map((tr) => ({
      code: tr.dataset.code, name: tr.querySelector('th').textContent, before: tr.querySelector('.before').textContent,
      after: tr.querySelector('.after').textContent, change: tr.querySelector('.change').textContent,
    })));
    assert.deepEqual(rows.sort((a, b) => a.code.localeCompare(b.code)), changed.map((i) => ({
      code: i.code, name: i.name, before: pct(i.baseline_covered_share), after: pct(i.covered_share), change: people(i.covered_population_change),
    })).sort((a, b) => a.code.localeCompare(b.code)));
    const sum = (f) => want.items.reduce((n, i) => n + f(i), 0);
    const pop = sum((i) => i.population);
    assert.deepEqual(await page.locator('#scenario table.whatif tfoot td').allInnerTexts(), [
      pct(sum((i) => i.baseline_covered_population) / pop), pct(sum((i) => i.covered_population) / pop),
      people(sum((i) => i.covered_population_change)),
    ]);
    assert.equal(await page.locator('#scenario table.whatif + p').innerText(), `其余 ${want.items.length - changed.length} 个地区无变化`);
    assert.deepEqual(await regionColours(page, 'township'), Object.fromEntries(want.items.map((i) => [i.code, i.colour])),
      'the map shows the coverage after the change');
    // The new clinic's isochrone is the API's.
    const iso = await api(`/api/v1/isochrones?lon=${added[0].lon.toFixed(6)}&lat=${added[0].lat.toFixed(6)}`);
    const drawn = await page.evaluate(() => window.atlas.map.querySourceFeatures('whatif-iso').map((f) => f.properties.area_km2));
    assert.ok(drawn.length > 0 && drawn.every((a) => a === iso.properties.area_km2), `isochrone areas ${drawn}`);
    assert.ok(await page.locator('#scenario .badge.estimate').isVisible());
    t.diagnostic(await screenshot(page, 'whatif'));

    // From the keyboard: a clinic at the map centre, then one removed by its marker.
    await page.focus('#scenario button[data-action=drop-centre]');
    await page.keyboard.press('Enter');
    await settle(page);
    assert.equal((await page.evaluate(() => window.atlas.state)).add.length, 2);
    assert.equal(await page.locator('.clinic-marker').count(), 2);
    await page.click('.clinic-marker[data-i="0"]');
    await settle(page);
    const left = (await page.evaluate(() => window.atlas.state)).add;
    assert.equal(left.length, 1);
    assert.notDeepEqual(left[0], added[0], 'the first clinic was removed');
    const posts = app.responses.filter((r) => r.url.includes('/coverage/health/whatif'));
    assert.ok(posts.length >= 2 && posts.every((r) => r.status === 200), 'POSTs with the session cookie carry the CSRF token');
    app.assertNoErrors();
  });
});
