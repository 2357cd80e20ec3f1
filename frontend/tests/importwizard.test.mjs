// Browser tests of the import wizard against the real service: a boundary
// file dropped, reported, previewed over the map, fixed through an option,
// committed and drawn; and a region-limited data manager shown the rows
// outside the region. Expected values come from the API, asked from Node.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { openApp, settle, useRig } from './page.mjs';
import { browserSkip, screenshot } from './harness.mjs';

let rig;
const api = async (path, init = {}) => {
  const r = await fetch(rig.atlas.base + path, { ...init, headers: { ...rig.auth, ...init.headers } });
  assert.ok(r.ok, `${init.method ?? 'GET'} ${path}: ${r.status}`);
  return r.status === 204 ? null : r.json();
};

/** Drops a file on the wizard's drop zone, as a drag from the desktop would. */
function dropFile(page, name, text, kind) {
  return page.evaluate(([name, text, kind]) => {
    document.getElementById('import-kind').value = kind;
    const dt = new DataTransfer();
    dt.items.add(new File([text], name));
    document.getElementById('import-drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, text, kind]);
}

/** key → statuses of the preview features the map draws. */
const previewStatuses = (page) => page.evaluate(() => {
  const out = {};
  for (const f of window.atlas.map.queryRenderedFeatures({ layers: ['import-preview-line'] })) {
    (out[f.properties.key] ??= new Set()).add(f.properties.status);
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v].sort()]));
});

/** A square of half-side d degrees about [x, y]. */
const square = ([x, y], d) => [[[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]];

describe('import wizard', { skip: browserSkip }, () => {
  rig = useRig();
  let township;
  let community;
  let outsider;
  before(async () => {
    const counties = (await api('/api/v1/regions?level=county')).items;
    township = (await api(`/api/v1/regions?level=township&parent=${counties[0].code}`)).items[0];
    community = (await api(`/api/v1/regions?level=community&parent=${township.code}`)).items[0];
    outsider = (await api(`/api/v1/regions?level=community&parent=${counties[1].code}`)).items[0];
  });

  test('a boundary file: report, preview, an option fixed, commit, the map redrawn', async () => {
    const { page, assertNoErrors } = await openApp(rig.chrome.browser, rig.atlas.base, `/?level=community&parent=${township.code}`);
    const ring = square(community.label_point, 0.002);
    // The code column is found by its values; the name column, under a
    // header the reader does not know, only once mapped.
    const newName = `${community.name}（新）`;
    const file = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature',
      properties: { zid: community.code, zlabel: newName }, geometry: { type: 'Polygon', coordinates: ring } }] });
    await page.click('#import-open');
    await dropFile(page, 'boundary.geojson', file, 'boundaries');
    await page.waitForSelector('#import-counts');
    assert.equal(await page.textContent('#import-counts'), '新增 0，变更 1，未变 0');
    const unnamed = await page.textContent(`#import-changes tr[data-key="${community.code}"]`);
    assert.ok(!unnamed.includes(newName), `before the mapping the name is not read: ${unnamed}`);

    // The upload survives a reload of the page.
    await page.reload();
    await page.waitForFunction(() => window.atlas?.metrics?.firstRenderMs);
    await page.waitForSelector('#import-counts');
    assert.match(await page.textContent('#importwizard'), /boundary\.geojson/);

    await page.fill('#import-opt-map', 'name=zlabel');
    await page.click('#import-options button[type=submit]');
    await page.waitForSelector(`#import-changes tr[data-key="${community.code}"] >> text=${newName}`);
    const named = await page.$$eval(`#import-changes tr[data-key="${community.code}"]`, (rows) => rows.map((r) => r.textContent));
    assert.ok(named.some((r) => r.includes('name') && r.includes(community.name) && r.includes(newName)),
      `the name before and after: ${named}`);
    await page.waitForFunction(() => window.atlas.map.getLayer('import-preview-line') && window.atlas.map.loaded());
    await settle(page);
    await page.evaluate(() => new Promise((r) => { window.atlas.map.once('idle', r); window.atlas.map.triggerRepaint(); }));
    assert.deepEqual(await previewStatuses(page), { [community.code]: ['before', 'changed'] });
    await screenshot(page, 'import-preview');

    await Promise.all([page.waitForNavigation(), page.click('[data-act=commit]')]);
    await page.waitForFunction(() => window.atlas?.metrics?.firstRenderMs);
    await settle(page);
    assert.match(await page.textContent('.import-message'), /已写入批次 \d+（1 行）/);
    const stored = await api(`/api/v1/regions/${community.code}?format=geojson`);
    assert.equal(stored.properties.name, `${community.name}（新）`);
    // The map's community tiles now hold the new square.
    const drawn = await page.evaluate((code) => window.atlas.map.querySourceFeatures('community', { sourceLayer: 'community' })
      .filter((f) => f.properties.code === code).flatMap((f) => f.geometry.coordinates.flat(Infinity)), community.code);
    assert.ok(drawn.length > 0, 'the community is drawn');
    const xs = drawn.filter((_, i) => i % 2 === 0);
    const ys = drawn.filter((_, i) => i % 2 === 1);
    const [x0, y0] = ring[0][0];
    const [x1, y1] = ring[0][2];
    const near = (a, b) => Math.abs(a - b) < 2e-4; // a tile's grid at zoom 14 is about 1e-5°
    assert.ok(near(Math.min(...xs), x0) && near(Math.max(...xs), x1) && near(Math.min(...ys), y0) && near(Math.max(...ys), y1),
      `drawn extent ${[Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]} is the new square ${[x0, y0, x1, y1]}`);
    assert.deepEqual((await api('/api/v1/uploads')).items, [], 'the committed upload is gone');
    await screenshot(page, 'import-committed');
    assertNoErrors();
  });

  test('a region-limited data manager sees the rows outside the region', async () => {
    const login = { username: 'townmanager', password: 'town-manager-password' };
    await api('/api/v1/users', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...login, role: 'data_manager', region: township.code }) });
    const { page } = await openApp(rig.chrome.browser, rig.atlas.base, '/?lang=en', { login });
    const csv = `indicator,region,period,value\nregistered_volunteers,${community.code},2013,12\nregistered_volunteers,${outsider.code},2013,13\n`;
    await page.click('#import-open');
    await dropFile(page, 'values.csv', csv, 'observations');
    await page.waitForSelector('#import-outside');
    const keys = await page.$$eval('#import-outside li', (li) => li.map((l) => l.dataset.key));
    assert.deepEqual(keys, [`registered_volunteers/${outsider.code}/2013`]);
    assert.match(await page.textContent('#importwizard'), new RegExp(`limited to region ${township.code}`));
    assert.equal(await page.isDisabled('[data-act=commit]'), false, 'the rows inside may be committed');
    await screenshot(page, 'import-outside');
    await page.click('[data-act=discard]');
    await page.waitForSelector('.import-message');
  });
});
