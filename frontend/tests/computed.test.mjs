// Browser tests of the catalogue's computed indicators (health circle, grid
// management, floor area, police): the service derives their values from
// the geometry, and the map must draw them like any indicator — with the
// API's colours, no page errors, and the API's value and provenance in a
// region's panel. Expected values come from the API, asked from Node.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { choroplethQuery, countyAt, openApp, regionColours, settle, useRig } from './page.mjs';
import { browserSkip, screenshot } from './harness.mjs';

let atlas;
let chrome;
let auth;
let latest;
const api = async (path) => {
  const r = await fetch(atlas.base + path, { headers: auth });
  assert.equal(r.status, 200, `GET ${path}`);
  return r.json();
};

/** The panel's big figure for a value, spelt out here: one decimal for %, whole m² otherwise. */
function shown(value, unit) {
  if (unit === '%') return `${value.toFixed(1)}%`;
  return value.toLocaleString('zh-CN', { maximumFractionDigits: 0 });
}

describe('computed indicators in the map', { timeout: 300_000, skip: browserSkip }, () => {
  const rig = useRig();
  before(async () => {
    ({ atlas, chrome, auth } = rig);
    latest = (await api('/api/v1/periods')).latest;
  });

  test('each computed indicator draws the API colours, and a county panel shows its value and provenance', async (t) => {
    const computed = (await api('/api/v1/indicators')).items.filter((i) => i.computed);
    assert.deepEqual(computed.map((i) => i.id).sort(), ['county_centre_area', 'grid_management', 'health_circle_15min',
      'police_officers', 'service_centre_floor_area', 'township_centre_area']);
    const county = await api('/api/v1/regions/320681');
    const app = await openApp(chrome.browser, atlas.base, '/');
    const { page } = app;
    for (const ind of computed) {
      await page.selectOption('#indicator', ind.id);
      await settle(page);
      const want = await api(choroplethQuery({ indicator: ind.id, level: 'county', period: latest }));
      assert.ok(want.items.some((i) => i.value !== null), `${ind.id}: the API has values`);
      assert.deepEqual(await regionColours(page, 'county'), Object.fromEntries(want.items.map((i) => [i.code, i.colour])),
        `${ind.id}: feature-state colours`);
      await page.mouse.click(...(await countyAt(page, county.label_point)));
      await settle(page);
      const obs = (await api(`/api/v1/observations?indicator=${ind.id}&level=county&period=${latest}`)).items
        .find((o) => o.code === county.code);
      assert.ok(obs.computed, `${ind.id}: the API marks the value computed`);
      await page.locator('#panel .provenance[data-computed]').waitFor();
      assert.ok((await page.locator('#panel .value-block .big').innerText()).includes(shown(obs.value, obs.unit)),
        `${ind.id}: the panel shows the API's value ${obs.value}`);
      assert.equal(await page.locator('#panel .disagrees').count(), obs.computed.disagrees ? 1 : 0, `${ind.id}: the flag`);
      await page.keyboard.press('Escape');
    }
    t.diagnostic(await screenshot(page, 'computed-indicator'));
    app.assertNoErrors();
  });
});
