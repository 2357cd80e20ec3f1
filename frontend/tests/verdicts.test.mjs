// Browser test of the notice's urban and rural verdicts in the map's region
// panel: a county's value shows the urban and the rural verdict the API
// gives, each against its own bar, and the overall verdict fails when one
// kind does. Expected values come from the API, asked from Node.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { countyAt, openApp, settle, useRig } from './page.mjs';
import { browserSkip, screenshot } from './harness.mjs';

let atlas;
let chrome;
let auth;
const api = async (path) => {
  const r = await fetch(atlas.base + path, { headers: auth });
  assert.equal(r.status, 200, `GET ${path}`);
  return r.json();
};

describe('urban and rural verdicts in the region panel', { timeout: 300_000, skip: browserSkip }, () => {
  const rig = useRig();
  before(async () => {
    ({ atlas, chrome, auth } = rig);
  });

  test('a county split by the notice shows each kind against its own bar', async (t) => {
    // 2013 is the year the notice's targets are dated for; find, from the
    // API, a county whose overall verdict fails on one kind alone.
    const items = (await api('/api/v1/observations?indicator=open_plan_office&level=county&period=2013')).items;
    const split = items.find((o) => o.split && o.urban && o.rural && o.urban.meets !== o.rural.meets);
    assert.ok(split, 'the seeds hold a county meeting the notice on one kind only');
    assert.equal(split.meets, false, 'the overall verdict fails when one kind does');
    const county = await api(`/api/v1/regions/${split.code}`);
    const app = await openApp(chrome.browser, atlas.base, '/?ind=open_plan_office&year=2013');
    const { page } = app;
    await page.mouse.click(...(await countyAt(page, county.label_point)));
    await settle(page);
    assert.equal(await page.locator('#panel h2').innerText(), county.name);
    for (const kind of ['urban', 'rural']) {
      const row = page.locator(`#panel ul.kinds li[data-kind="${kind}"]`);
      assert.equal(await row.locator('.kind-value').innerText(), `${split[kind].value.toFixed(1)}%`, `${kind} value`);
      assert.equal(await row.locator('.badge').getAttribute('class'), `badge ${split[kind].meets ? 'meets' : 'misses'}`, `${kind} verdict`);
    }
    assert.equal(await page.locator('#panel .value-block .badge').getAttribute('class'), 'badge misses');
    assert.equal(await page.locator('#panel .split-note').count(), 1);
    t.diagnostic(await screenshot(page, 'urban-rural-verdicts'));
    app.assertNoErrors();
  });
});
