// Browser test of a province above the city: after a boundary file adds
// the province 32 and a second city under it, the map opens on the cities
// (the default level GET /api/v1/levels gives), the breadcrumb starts at
// the province, and the dashboard compares the cities. Expected values come
// from the API.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { openApp, settle, useRig } from './page.mjs';
import { browserSkip, screenshot } from './harness.mjs';

describe('a province above the city', { timeout: 240_000, skip: browserSkip }, () => {
  const rig = useRig();
  const api = async (path, init = {}) => {
    const r = await fetch(rig.atlas.base + path, { ...init, headers: { ...rig.auth, ...init.headers } });
    assert.ok(r.ok, `${init.method ?? 'GET'} ${path}: ${r.status} ${await r.clone().text()}`);
    return r.json();
  };

  before(async () => {
    // The stored city's own boundary, a second city east of it, and a
    // province around both; levels and parents follow from the codes.
    const city = await api('/api/v1/regions/3206?format=geojson');
    const outer = city.geometry.coordinates.flatMap((poly) => poly[0]); // a MultiPolygon's outer rings
    const xs = outer.map((p) => p[0]);
    const ys = outer.map((p) => p[1]);
    const b = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    const box = (a, c, d, e) => ({ type: 'Polygon', coordinates: [[[a, c], [d, c], [d, e], [a, e], [a, c]]] });
    const feature = (code, name, geometry) => ({ type: 'Feature', properties: { code, name }, geometry });
    const file = {
      type: 'FeatureCollection', features: [
        feature('32', '江苏省', box(b[0] - 0.1, b[1] - 0.1, b[2] + 1.1, b[3] + 0.1)),
        feature('3206', '南通市', city.geometry),
        feature('3207', '连云港市', box(b[2] + 0.2, b[1], b[2] + 1, b[3])),
      ],
    };
    const form = new FormData();
    form.append('file', new Blob([JSON.stringify(file)], { type: 'application/geo+json' }), 'province.geojson');
    await api('/api/v1/imports/boundaries', { method: 'POST', body: form });
  });

  test('the map opens on the cities and the breadcrumb at the province', async () => {
    const levels = await api('/api/v1/levels');
    assert.equal(levels.default_level, 'city');
    assert.deepEqual(levels.roots.map((r) => r.name), ['江苏省']);
    const { page, assertNoErrors } = await openApp(rig.chrome.browser, rig.atlas.base, '/?ind=registered_volunteers');
    await settle(page);
    const state = await page.evaluate(() => window.atlas.state);
    assert.equal(state.level, 'city');
    assert.deepEqual(await page.$$eval('#level option', (o) => o.map((x) => x.value)), ['city', 'county', 'township', 'community']);
    assert.equal(await page.locator('#breadcrumb li').first().innerText(), '江苏省');
    const cities = (await api(`/api/v1/choropleth?indicator=registered_volunteers&period=${state.period}`)).items.map((i) => i.code);
    assert.deepEqual(cities, ['3206', '3207']);
    assert.deepEqual(await page.evaluate(() => window.atlas.choropleth.items.map((i) => i.code)), cities);
    await screenshot(page, 'province-map');
    assertNoErrors();
  });

  test('the dashboard compares the cities', async () => {
    const { page } = await openApp(rig.chrome.browser, rig.atlas.base, '/dashboard');
    await page.waitForSelector('#scorecard th[data-region]');
    assert.deepEqual(await page.$$eval('#scorecard th[data-region]', (t) => t.map((x) => x.dataset.region)), ['3206', '3207']);
    assert.equal(await page.locator('#level').inputValue(), 'city');
    await screenshot(page, 'province-dashboard');
  });
});
