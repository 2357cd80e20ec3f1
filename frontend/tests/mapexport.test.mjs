// Browser tests of the map's export menu against the real service: the
// print-ready PNG of the view (its size, legend and map drawn in it), every
// layer shown downloaded from the menu and compared with the API's answer
// for the same view (asked from Node), and the OGC API link, offered to
// analysts and not to viewers.
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { PNG } from 'pngjs';
import { metresPerPixel } from '../src/mapimage.js';
import { legendRows, openApp, settle, useRig } from './page.mjs';
import { artifacts, browserSkip, screenshot } from './harness.mjs';

let atlas;
let chrome;
let auth;
const call = async (method, path, body) => {
  const r = await fetch(atlas.base + path, {
    method, headers: { ...auth, 'Content-Type': 'application/json' }, body: body && JSON.stringify(body),
  });
  assert.equal(r.status, method === 'POST' && path === '/api/v1/users' ? 201 : 200, `${method} ${path}`);
  return r.json();
};
const api = (path) => call('GET', path);
const post = (path, body) => call('POST', path, body);

const county = '320612'; // 通州区
const analyst = { username: 'mapper', password: 'layers-for-qgis-1' };
const viewer = { username: 'leader', password: 'meeting-room-2014' };

/** Opens the export menu and chooses an entry; resolves to the download's name and bytes. */
async function download(page, selector) {
  await page.click('#map-export summary');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`#map-export ${selector}`)]);
  return { name: dl.suggestedFilename(), body: await readFile(await dl.path()) };
}

/** A layer's GeoJSON download: the properties of its features. */
async function layerProps(page, layer) {
  const { name, body } = await download(page, `a[data-layer=${layer}][data-format=geojson]`);
  assert.match(name, /\.geojson$/, `${layer}: ${name}`);
  return JSON.parse(body.toString('utf8')).features.map((f) => f.properties);
}

const sorted = (list) => [...list].sort();

describe('map export menu', { timeout: 300_000, skip: browserSkip }, () => {
  const rig = useRig();
  before(async () => {
    ({ atlas, chrome, auth } = rig);
    await post('/api/v1/users', { ...analyst, role: 'analyst', region: '' });
    await post('/api/v1/users', { ...viewer, role: 'viewer', region: '' });
  });

  test("the view's layers download in every format with the API's features", async (t) => {
    const app = await openApp(chrome.browser, atlas.base, `/?level=township&in=${county}&fac=1&grid=1`, { login: analyst });
    const { page } = app;
    const s = await page.evaluate(() => window.atlas.state);
    const offered = await page.locator('#map-export .export-layer a[data-format=geojson]').evaluateAll((as) => as.map((a) => a.dataset.layer));
    assert.deepEqual(offered, ['regions', 'facilities', 'grids', 'gaps', 'overlaps'], 'the layers shown, and only those');

    const obs = (await api(`/api/v1/observations?indicator=${s.indicator}&level=township&parent=${county}&period=${s.period}`)).items;
    const regions = await layerProps(page, 'regions');
    assert.ok(obs.length > 1);
    assert.deepEqual(sorted(regions.map((p) => `${p.code} ${p.value}`)), sorted(obs.map((o) => `${o.code} ${o.value}`)));
    const facilities = (await api(`/api/v1/facilities?region=${county}`)).items;
    assert.ok(facilities.length > 0);
    assert.deepEqual(sorted((await layerProps(page, 'facilities')).map((p) => p.id)), sorted(facilities.map((f) => f.id)));
    const grids = (await api(`/api/v1/grids?parent=${county}`)).items;
    assert.deepEqual(sorted((await layerProps(page, 'grids')).map((p) => p.code)), sorted(grids.map((g) => g.code)));
    const gaps = await api(`/api/v1/coverage/grid/gaps?parent=${county}`);
    assert.ok(gaps.features.length > 0, 'the seed has gaps');
    assert.deepEqual(sorted((await layerProps(page, 'gaps')).map((p) => `${p.id} ${p.households}`)),
      sorted(gaps.features.map((f) => `${f.id} ${f.properties.estimated_households}`)));
    const overlaps = await api(`/api/v1/coverage/grid/overlaps?parent=${county}`);
    assert.deepEqual(sorted((await layerProps(page, 'overlaps')).map((p) => p.id)), sorted(overlaps.features.map((f) => f.id)));

    // The other formats of the regions: a GeoPackage (SQLite), a zipped
    // Shapefile and a CSV with a row per region.
    const gpkg = await download(page, 'a[data-layer=regions][data-format=gpkg]');
    assert.equal(gpkg.name, `regions_township_${county}_${s.period}_${s.indicator}_epsg4326.gpkg`);
    assert.equal(gpkg.body.subarray(0, 16).toString('latin1'), 'SQLite format 3\0');
    const shp = await download(page, 'a[data-layer=regions][data-format="shp.zip"]');
    assert.equal(shp.body.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
    for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg']) {
      assert.ok(shp.body.includes(Buffer.from(`.${ext}`)), `no .${ext} in the zip`);
    }
    // The geometry as WKT first, then the attributes.
    const csv = (await download(page, 'a[data-layer=regions][data-format=csv]')).body.toString('utf8').trim().split('\n');
    assert.equal(csv.length, 1 + obs.length, 'a header and a row per region');
    for (const o of obs) assert.ok(csv.some((line) => line.startsWith('"MULTIPOLYGON') && line.includes(`",${o.code},`)), `no row for ${o.code}`);
    app.assertNoErrors();
  });

  test('the health circle, uncovered clusters, siting and a what-if download as the API answers them', async (t) => {
    const best = (await post('/api/v1/coverage/health/siting', { k: 1, parent: county })).features[0];
    const [lon, lat] = best.geometry.coordinates.map((v) => v.toFixed(6));
    const app = await openApp(chrome.browser, atlas.base,
      `/?level=township&in=${county}&ind=health_covered_share&iso=1&unc=1&site=1&sk=3&wi=1&add=${lon},${lat},health_station`, { login: analyst });
    const { page } = app;
    const offered = await page.locator('#map-export .export-layer a[data-format=geojson]').evaluateAll((as) => as.map((a) => a.dataset.layer));
    assert.deepEqual(offered, ['regions', 'isochrones', 'uncovered', 'siting', 'whatif']);
    await page.click('#map-export summary');
    const names = await page.locator('#map-export .export-layer-name').evaluateAll((els) => els.map((el) => ({
      text: el.textContent, colour: getComputedStyle(el).color, paper: getComputedStyle(el.closest('ul')).backgroundColor,
    })));
    assert.deepEqual(names.map((n) => n.text), ['区域及当前指标', '等时圈', '未覆盖人口聚集区', '选址建议', '模拟结果(覆盖前后)']);
    for (const n of names) assert.notEqual(n.colour, n.paper, `${n.text} is not readable`);
    t.diagnostic(await screenshot(page, 'map-export-menu-open'));
    // MAP_EXPORT_SHOT=1 also saves this view's image, with its markers, to
    // look at (test-artifacts/map-export-health.png).
    if (process.env.MAP_EXPORT_SHOT) {
      await page.keyboard.press('Escape');
      const { body } = await download(page, 'button[data-png]');
      await writeFile(join(artifacts, 'map-export-health.png'), body);
      await page.click('#map-export summary');
    }
    await page.keyboard.press('Escape');

    const cov = await api(`/api/v1/coverage/health?level=township&parent=${county}`);
    assert.deepEqual((await layerProps(page, 'regions')).map((p) => `${p.code} ${p.covered}`),
      cov.items.map((i) => `${i.code} ${i.covered_population}`));
    const isos = await api(`/api/v1/isochrones.geojson?parent=${county}`);
    assert.deepEqual((await layerProps(page, 'isochrones')).map((p) => `${p.mode} ${p.area_km2}`),
      isos.features.map((f) => `${f.properties.mode} ${f.properties.area_km2}`));
    const unc = await api(`/api/v1/coverage/health/uncovered?parent=${county}`);
    assert.ok(unc.features.length > 0);
    assert.deepEqual((await layerProps(page, 'uncovered')).map((p) => `${p.rank} ${p.population}`),
      unc.features.map((f) => `${f.properties.rank} ${f.properties.population}`));
    const sites = await post('/api/v1/coverage/health/siting', { k: 3, parent: county });
    assert.deepEqual((await layerProps(page, 'siting')).map((p) => `${p.rank} ${p.gain} ${p.community}`),
      sites.features.map((f) => `${f.properties.rank} ${f.properties.gain} ${f.properties.community}`));
    const add = [{ lon: Number(lon), lat: Number(lat), type: 'health_station' }];
    const wi = await post('/api/v1/coverage/health/whatif', { level: 'township', parent: county, add, remove: [] });
    assert.ok(wi.items.some((i) => i.covered_population_change > 0), 'the clinic covers somebody');
    assert.deepEqual((await layerProps(page, 'whatif')).map((p) => `${p.code} ${p.base_cov} ${p.covered} ${p.change}`),
      wi.items.map((i) => `${i.code} ${i.baseline_covered_population} ${i.covered_population} ${i.covered_population_change}`));
    app.assertNoErrors();
  });

  test('the map image has the print size, its legend and the map drawn in it', async (t) => {
    const app = await openApp(chrome.browser, atlas.base, `/?level=township&in=${county}&fac=1`, { login: analyst });
    const { page } = app;
    const s = await page.evaluate(() => window.atlas.state);
    const [w, h] = await page.evaluate(() => [window.atlas.map.getContainer().clientWidth, window.atlas.map.getContainer().clientHeight]);
    const classes = (await legendRows(page)).filter((r) => Number(r.count) > 0);
    assert.ok(classes.length >= 2);
    const { name, body } = await download(page, 'button[data-png]');
    assert.equal(name, `map_${s.indicator}_${s.period}_${county}.png`);
    const png = PNG.sync.read(body);
    await mkdir(artifacts, { recursive: true });
    await writeFile(join(artifacts, 'map-export.png'), body);
    t.diagnostic(join(artifacts, 'map-export.png'));
    // Twice the map's size on screen, with the frame: a 280 px legend
    // column, a 64 px title band and a 34 px credit line (README).
    assert.equal(png.width, 2 * (w + 280));
    assert.equal(png.height, 2 * (64 + h + 34));
    const at = (x, y) => {
      const i = 4 * (y * png.width + x);
      return `#${[...png.data.subarray(i, i + 3)].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    };
    const tally = (x0, x1, y0, y1) => {
      const n = new Map();
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) n.set(at(x, y), (n.get(at(x, y)) ?? 0) + 1);
      return n;
    };
    const legend = tally(2 * w, png.width, 2 * 64, 2 * (64 + h));
    const map = tally(0, 2 * w, 2 * 64, 2 * (64 + h));
    const inked = (png.width - 2 * w) * 2 * h - (legend.get('#ffffff') ?? 0);
    assert.ok(inked > 5000, `the legend column has ${inked} pixels drawn`);
    for (const c of classes) {
      assert.ok((legend.get(c.colour) ?? 0) > 100, `legend swatch ${c.colour} (${c.label}) not drawn`);
      assert.ok((map.get(c.colour) ?? 0) > 100, `no region of class ${c.label} (${c.colour}) on the map`);
    }
    // The title band carries text.
    const title = tally(0, png.width, 0, 2 * 64);
    assert.ok(title.size > 10, 'no title');
    // The scale bar's metres per pixel are MapLibre's own scale control's.
    const shown = await page.evaluate(() => {
      const map = window.atlas.map;
      const el = document.querySelector('.maplibregl-ctrl-scale');
      return { zoom: map.getZoom(), lat: map.getCenter().lat, px: parseFloat(el.style.width), text: el.textContent };
    });
    const [, n, unit] = shown.text.match(/([\d.]+)\s*(km|m)/);
    const metres = Number(n) * (unit === 'km' ? 1000 : 1);
    const mpp = metresPerPixel(shown.zoom, shown.lat);
    assert.ok(Math.abs(metres / shown.px - mpp) / mpp < 0.03, `scale bar ${mpp} m/px, MapLibre ${metres / shown.px}`);
    // The map on screen is back at the screen's pixel ratio.
    assert.equal(await page.evaluate(() => window.atlas.map.getPixelRatio()), 1);
    await settle(page);
    t.diagnostic(await screenshot(page, 'map-export-after'));
    app.assertNoErrors();
  });

  test('the OGC API is in the menu for an analyst, in the language of the page, and not for a viewer', async () => {
    const a = await openApp(chrome.browser, atlas.base, `/?level=county`, { login: analyst });
    await a.page.click('#map-export summary');
    const link = a.page.locator('#map-export a[data-format=ogc]');
    assert.ok(await link.isVisible(), 'no OGC link for an analyst');
    assert.equal(await link.getAttribute('href'), '/ogc?lang=zh');
    assert.equal(await a.page.evaluate(() => fetch('/ogc?lang=zh').then((r) => r.status)), 200);
    await a.page.keyboard.press('Escape');
    await a.page.click('#lang');
    await settle(a.page);
    assert.equal(await a.page.locator('#map-export a[data-format=ogc]').getAttribute('href'), '/ogc?lang=en');
    assert.equal(await a.page.locator('#map-export summary').innerText(), 'Export map');

    const v = await openApp(chrome.browser, atlas.base, `/?level=county`, { login: viewer });
    await v.page.click('#map-export summary');
    assert.equal(await v.page.locator('#map-export a[data-format=ogc]').count(), 0, 'OGC link offered to a viewer');
    assert.equal(await v.page.locator('#map-export a.export-item[data-layer]').count(), 0, 'layer data offered to a viewer');
    assert.equal(await v.page.locator('#map-export [data-layer][aria-disabled=true]').count(), 4);
    assert.equal(await v.page.locator('#map-export .export-note').innerText(), '下载数据需分析员及以上权限');
    assert.ok(await v.page.locator('#map-export button[data-png]').isVisible(), 'the image is for viewers too');
    // Asked with the page's cookie, outside the page (a refusal there is
    // logged as a console error).
    assert.equal((await v.page.context().request.get(`${atlas.base}/ogc?lang=zh`)).status(), 403);
    a.assertNoErrors();
    v.assertNoErrors();
  });
});
