// Browser test of history and undo: a data manager imports a redrawn county
// boundary (from Node, through the API), sees it on the map, undoes the
// import from the panel's list of batches, and the map shows the old
// boundary again. Expected extents come from the API, asked from Node.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { openApp, settle, useRig } from './page.mjs';
import { browserSkip, screenshot } from './harness.mjs';

const manager = { username: 'county-dm', password: 'undo-the-boundary-1' };

/** [minLon, minLat, maxLon, maxLat] of a GeoJSON geometry's coordinates. */
function extent(coords, box = [Infinity, Infinity, -Infinity, -Infinity]) {
  if (typeof coords[0] === 'number') {
    return [Math.min(box[0], coords[0]), Math.min(box[1], coords[1]), Math.max(box[2], coords[0]), Math.max(box[3], coords[1])];
  }
  return coords.reduce((b, c) => extent(c, b), box);
}

/** The extent of what the map draws for a county, from its rendered features. */
function drawnExtent(page, code) {
  return page.evaluate((code) => {
    const map = window.atlas.map;
    const feats = map.querySourceFeatures('county', { sourceLayer: 'county', filter: ['==', ['get', 'code'], code] });
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    const walk = (c) => {
      if (typeof c[0] === 'number') {
        box[0] = Math.min(box[0], c[0]); box[1] = Math.min(box[1], c[1]);
        box[2] = Math.max(box[2], c[0]); box[3] = Math.max(box[3], c[1]);
      } else c.forEach(walk);
    };
    feats.forEach((f) => walk(f.geometry.coordinates));
    return box;
  }, code);
}

function near(a, b, tol) {
  return a.every((v, i) => Math.abs(v - b[i]) <= tol);
}

describe('history and undo', { timeout: 180_000, skip: browserSkip }, () => {
  const rig = useRig();
  let atlas;
  let auth;
  const call = async (method, path, body, headers = auth) => {
    const r = await fetch(atlas.base + path, { method, headers: { ...headers, ...(body && !(body instanceof FormData) ? { 'Content-Type': 'application/json' } : {}) }, body: body instanceof FormData ? body : body && JSON.stringify(body) });
    const text = await r.text();
    return { status: r.status, json: text ? JSON.parse(text) : null };
  };
  before(() => ({ atlas, auth } = rig));

  test('a data manager undoes a boundary import and the map shows the old boundary', async () => {
    const created = await call('POST', '/api/v1/users', { ...manager, role: 'data_manager' });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const login = await call('POST', '/api/v1/auth/login', manager, {});
    const dm = { Authorization: `Bearer ${login.json.token}` };

    const county = (await call('GET', '/api/v1/regions?level=county')).json.items[0];
    const old = (await call('GET', `/api/v1/regions/${county.code}?format=geojson`)).json;
    const oldBox = extent(old.geometry.coordinates);
    // A small square in the middle of the county, as the new boundary.
    const [cx, cy] = [(oldBox[0] + oldBox[2]) / 2, (oldBox[1] + oldBox[3]) / 2];
    const square = [[[cx - 0.05, cy - 0.05], [cx + 0.05, cy - 0.05], [cx + 0.05, cy + 0.05], [cx - 0.05, cy + 0.05], [cx - 0.05, cy - 0.05]]];
    const file = { type: 'FeatureCollection', features: [{ type: 'Feature',
      properties: { code: county.code, name: county.name, level: 'county', parent: county.parent, population: county.population },
      geometry: { type: 'Polygon', coordinates: square } }] };
    const form = new FormData();
    form.append('file', new Blob([JSON.stringify(file)]), 'redrawn.geojson');
    const imported = await call('POST', '/api/v1/imports/boundaries', form, dm);
    assert.equal(imported.status, 201, JSON.stringify(imported.json));
    const batch = imported.json.batch.ID; // the import answer's batch has Go's field names

    const { page, assertNoErrors } = await openApp(rig.chrome.browser, atlas.base, '/?level=county&ind=registered_volunteers', { login: manager });
    const squareBox = extent(square);
    assert.ok(near(await drawnExtent(page, county.code), squareBox, 0.01), 'the map does not show the imported square');

    const undo = page.locator(`#panel button[data-action=undo][data-batch="${batch}"]`);
    await undo.waitFor({ timeout: 30_000 });
    page.once('dialog', (d) => d.accept());
    const reloaded = page.waitForEvent('load');
    await undo.click();
    await reloaded;
    await page.waitForFunction(() => window.atlas?.metrics?.firstRenderMs, null, { timeout: 60_000 });
    await settle(page);
    const drawn = await drawnExtent(page, county.code);
    // Tiles simplify and clip a little; the square was 0.1° wide, the county far wider.
    assert.ok(near(drawn, oldBox, 0.01), `after the undo the map draws ${drawn}, want the old extent ${oldBox}`);
    await screenshot(page, 'undo-boundary');

    const after = (await call('GET', `/api/v1/regions/${county.code}?format=geojson`)).json;
    assert.deepEqual(after.geometry, old.geometry, 'the API does not give back the old boundary exactly');
    const list = (await call('GET', '/api/v1/batches?limit=1', null, dm)).json.items[0];
    assert.equal(list.kind, 'undo');
    assert.equal(list.undoes, batch);
    assert.equal(list.user, manager.username);
    assertNoErrors();
  });
});
