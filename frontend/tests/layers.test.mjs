// Browser tests of the grid-management layers and the computed choropleths
// (grid coverage, facility standards) against the real service. Expected
// values come from the API, asked from Node, and the colouring rule of the
// computed layers is worked out here again from the API's numbers.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { legendRows, openApp, pixelColours, regionColours, settle, useRig } from './page.mjs';
import { browserSkip, screenshot } from './harness.mjs';

let atlas;
let chrome;
let auth;
const api = async (path) => {
  const r = await fetch(atlas.base + path, { headers: auth });
  assert.equal(r.status, 200, `GET ${path}`);
  return r.json();
};

/** Distinct `id` properties of the features a GeoJSON source holds in its loaded tiles, optionally of one community. */
const sourceIds = (page, source, community = '') => page.evaluate(([source, community]) => [...new Set(window.atlas.map
  .querySourceFeatures(source).filter((f) => !community || f.properties.community === community)
  .map((f) => f.properties.id))].sort(), [source, community]);

/** Distinct `id` properties of the features drawn by a layer, optionally of one community. */
const renderedIds = (page, layer, community = '') => page.evaluate(([layer, community]) => [...new Set(window.atlas.map
  .queryRenderedFeatures({ layers: [layer] }).filter((f) => !community || f.properties.community === community)
  .map((f) => f.properties.id))].sort(), [layer, community]);

/** Fits the map to a region and waits until it is drawn. */
async function fitRegion(page, code) {
  const f = await api(`/api/v1/regions/${code}?format=geojson`);
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of f.geometry.coordinates.flat(2)) {
    b[0] = Math.min(b[0], x); b[1] = Math.min(b[1], y); b[2] = Math.max(b[2], x); b[3] = Math.max(b[3], y);
  }
  await page.evaluate((b) => new Promise((resolve) => {
    const map = window.atlas.map;
    map.once('idle', resolve);
    map.fitBounds(b, { padding: 40, duration: 0 });
  }), b);
}

// The computed layers' fixed scale, spelt out from the README: ColorBrewer
// YlGnBu with five colours; at most five distinct values get a class each,
// otherwise five equal intervals from the least value to the greatest.
const ylgnbu = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'];
function scaleColours(values) {
  const distinct = [...new Set(values.filter((v) => v !== null))].sort((a, b) => a - b);
  const d = distinct.length;
  return values.map((v) => {
    if (v === null) return '#cccccc';
    if (d <= 5) return ylgnbu[d === 1 ? 2 : Math.round((distinct.indexOf(v) * 4) / (d - 1))];
    const lo = distinct[0];
    const step = (distinct[d - 1] - lo) / 5;
    return ylgnbu[Math.min(4, Math.floor((v - lo) / step))];
  });
}

const expectedColours = (items, value) => {
  const colours = scaleColours(items.map(value));
  return Object.fromEntries(items.map((it, i) => [it.code, colours[i]]));
};

describe('grid management and standards layers', { timeout: 180_000, skip: browserSkip }, () => {
  const rig = useRig();
  before(() => ({ atlas, chrome, auth } = rig));

  test("the grid layer draws the API's gaps and overlaps: every feature of the view, and a community's", async (t) => {
    // 丁许村委会 has no grid: two gaps; 加马居委会 in the same township one.
    const township = '320682116';
    const community = '320682116202';
    const app = await openApp(chrome.browser, atlas.base, `/?level=community&in=${township}&grid=1&sel=${community}`);
    const { page } = app;
    const gaps = await api(`/api/v1/coverage/grid/gaps?parent=${township}`);
    const own = await api(`/api/v1/coverage/grid/gaps?community=${community}`);
    assert.equal(own.features.length, 2, 'the seed changed: pick another community');
    assert.ok(gaps.features.length > own.features.length, 'the township has more gaps than the community');
    assert.deepEqual(await sourceIds(page, 'grid-gaps'), gaps.features.map((f) => f.id).sort(), 'gap features in the view');
    await fitRegion(page, community);
    assert.deepEqual(await renderedIds(page, 'grid-gaps-fill', community), own.features.map((f) => f.id).sort(), "the community's gaps drawn");
    const legend = await page.locator('#legend .legend-overlays li[data-class=gaps] .legend-count').innerText();
    assert.equal(legend, String(gaps.features.length), 'the legend counts the gaps');
    assert.match(page.url(), /grid=1/);
    t.diagnostic(await screenshot(page, 'grid-gaps'));

    // Overlaps: 白李居委会's grids overlap in five places.
    await page.goto(`${atlas.base}/?level=community&in=320682107&grid=1`);
    await page.waitForFunction(() => window.atlas?.metrics?.firstRenderMs);
    await settle(page);
    const overlaps = await api('/api/v1/coverage/grid/overlaps?parent=320682107');
    const bai = await api('/api/v1/coverage/grid/overlaps?community=320682107008');
    assert.equal(bai.features.length, 5, 'the seed changed: pick another community');
    assert.deepEqual(await sourceIds(page, 'grid-overlaps'), overlaps.features.map((f) => f.id).sort(), 'overlap features in the view');
    await fitRegion(page, '320682107008');
    assert.deepEqual(await renderedIds(page, 'grid-overlaps-fill', '320682107008'), bai.features.map((f) => f.id).sort());
    t.diagnostic(await screenshot(page, 'grid-overlaps'));
    app.assertNoErrors();
  });

  test("a community's panel lists the API's grids with workers, households and band", async (t) => {
    const community = '320613009014'; // 二桥社区居委会: five grids, one without a worker, four overlaps
    const app = await openApp(chrome.browser, atlas.base, `/?level=community&in=320613009&sel=${community}&grid=1`);
    const { page } = app;
    const grids = (await api(`/api/v1/coverage/grid/grids?community=${community}`)).items;
    assert.ok(grids.length >= 3 && grids.some((g) => !g.worker), 'the seed changed: pick another community');
    const bands = { below: '偏少', in: '适中', above: '偏多' };
    const rows = await page.locator('#panel table.grids tbody tr').evaluateAll((trs) => trs.map((tr) => ({
      code: tr.dataset.grid,
      worker: tr.querySelector('.worker').textContent,
      households: tr.querySelector('.households').textContent,
      band: tr.querySelector('.band').textContent,
    })));
    assert.deepEqual(rows, grids.map((g) => ({
      code: g.code, worker: g.worker || '未配备', households: g.households.toLocaleString('zh-CN'), band: bands[g.band],
    })));
    const cov = (await api('/api/v1/coverage/grid?level=community&parent=320613009')).items.find((i) => i.code === community);
    assert.equal(await page.locator('#panel #grids-title').innerText(), `管理网格(${grids.length} 个)`);
    assert.match(await page.locator('#panel p.summary').last().innerText(),
      new RegExp(`覆盖率 ${(cov.covered_share * 100).toFixed(1)}% · 缺口 ${cov.gaps} 处 · 重叠 ${cov.overlaps} 处`));

    // A grid's button, pressed from the keyboard, outlines it on the map.
    const first = page.locator('#panel button.grid-code').first();
    await first.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((code) => JSON.stringify(window.atlas.map.getFilter('grid-highlight')).includes(code), grids[0].code);
    await page.evaluate(() => new Promise((r) => { window.atlas.map.once('idle', r); window.atlas.map.triggerRepaint(); }));
    const outlined = await page.evaluate(() => window.atlas.map.queryRenderedFeatures({ layers: ['grid-highlight'] })
      .map((f) => f.properties.code));
    assert.ok(outlined.length > 0 && outlined.every((c) => c === grids[0].code), `outlined: ${outlined}`);
    t.diagnostic(await screenshot(page, 'community-grids'));

    await page.click('#lang');
    await settle(page);
    assert.equal(await page.locator('#panel #grids-title').innerText(), `Management grids (${grids.length})`);
    assert.deepEqual(await page.locator('#panel table.grids thead th').allInnerTexts(), ['Grid', 'Worker', 'Households', 'Band']);
    app.assertNoErrors();
  });

  test('the grid coverage choropleth has the colours worked out from the API values', async (t) => {
    const app = await openApp(chrome.browser, atlas.base, '/?level=township&in=320612');
    const { page } = app;
    await page.selectOption('#indicator', 'grid_covered_share');
    await settle(page);
    const answer = await api('/api/v1/coverage/grid?level=township&parent=320612');
    const expected = expectedColours(answer.items, (i) => i.covered_share * 100);
    assert.ok(new Set(Object.values(expected)).size === 5, 'five classes expected for the equal-interval case');
    assert.deepEqual(await regionColours(page, 'township'), expected, 'feature-state colours');
    const townships = (await api('/api/v1/regions?level=township&parent=320612')).items;
    const pixels = await pixelColours(page, townships.map((r) => r.label_point));
    townships.forEach((r, i) => assert.equal(pixels[i], expected[r.code], `pixel colour of ${r.name}`));
    const legend = await legendRows(page);
    assert.deepEqual(legend.map((r) => r.colour), ylgnbu);
    assert.deepEqual(legend.map((r) => Number(r.count)), ylgnbu.map((c) => Object.values(expected).filter((x) => x === c).length));
    assert.equal(await page.locator('#period').isDisabled(), true, 'no periods for a computed layer');
    assert.match(page.url(), /ind=grid_covered_share/);
    // The ranking in the panel: best covered first, as the API says.
    const best = answer.items.reduce((a, b) => (b.covered_share > a.covered_share ? b : a));
    assert.equal(await page.locator('#panel ol.overview li .rank-v').first().innerText(), `${(best.covered_share * 100).toFixed(1)}%`);
    t.diagnostic(await screenshot(page, 'grid-coverage-choropleth'));
    app.assertNoErrors();
  });

  test('the standards choropleths have the colours worked out from the API values', async (t) => {
    const app = await openApp(chrome.browser, atlas.base, '/?ind=standard_floor_area');
    const { page } = app;
    const counties = (await api('/api/v1/standards?level=county')).items;
    assert.deepEqual(await regionColours(page, 'county'), expectedColours(counties, (i) => i.floor_area.rate * 100));
    t.diagnostic(await screenshot(page, 'standard-floor-area'));

    // Police posts per community: a community has one or not, so two values, two classes.
    await page.goto(`${atlas.base}/?ind=standard_police&level=community&in=320612001&sel=320612001001`);
    await page.waitForFunction(() => window.atlas?.metrics?.firstRenderMs);
    await settle(page);
    const comms = (await api('/api/v1/standards?level=community&parent=320612001')).items;
    const want = expectedColours(comms, (i) => i.police.rate * 100);
    assert.ok(new Set(Object.values(want)).size === 2, 'the seed changed: every community in the township alike');
    assert.deepEqual(await regionColours(page, 'community'), want);
    assert.equal(await page.locator('#panel .value-block .big').innerText(), `${(comms[0].police.rate * 100).toFixed(1)}%`);
    app.assertNoErrors();
  });
});
