// Browser tests of the web app against the real service: the built binary,
// seeded with Nantong, driven in headless Chromium. Expected values come
// from the API, asked separately from Node, never from the page.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { choroplethQuery, countyAt, legendRows, openApp, pixelColours, regionColours, settle, signIn, useRig } from './page.mjs';
import { account, browserSkip, screenshot } from './harness.mjs';

let atlas;
let chrome;
let latest;
let auth;
const api = async (path) => {
  const r = await fetch(atlas.base + path, { headers: auth });
  assert.equal(r.status, 200, `GET ${path}`);
  return r.json();
};

describe('web app', { timeout: 120_000, skip: browserSkip }, () => {
  const rig = useRig();
  before(async () => {
    ({ atlas, chrome, auth } = rig);
    latest = (await api('/api/v1/periods')).latest;
  });

  test('the app asks for a login, refuses a wrong one, and signs out', async (t) => {
    const app = await openApp(chrome.browser, atlas.base, '/?ind=registered_volunteers', { login: null });
    const { page } = app;
    assert.ok(await page.locator('#login').isVisible(), 'no login form');
    assert.equal(await page.evaluate(() => window.atlas.map), undefined, 'the map started before a login');
    await signIn(page, { username: account.username, password: 'not-the-password' });
    await page.locator('#login-error').filter({ hasText: '用户名或密码不正确' }).waitFor();
    t.diagnostic(await screenshot(page, 'login-refused'));
    await signIn(page, account);
    await page.waitForFunction(() => window.atlas?.metrics?.firstRenderMs);
    await settle(page);
    assert.equal(await page.locator('#who').innerText(), account.username);
    assert.match(page.url(), /ind=registered_volunteers/, 'the link survived the login');
    await page.click('#sign');
    await page.locator('#login').waitFor({ state: 'visible' });
    assert.equal(await page.evaluate(async () => (await (await fetch('/api/v1/auth/me')).json()).signed_in), false, 'still signed in');
    app.assertNoErrors();
  });

  test('the map loads: canvas, tiles answered, regions coloured, first render timed', async (t) => {
    const app = await openApp(chrome.browser, atlas.base, '/');
    const { page } = app;
    assert.ok(await page.locator('#map canvas.maplibregl-canvas').count() === 1, 'no map canvas');
    const tiles = app.responses.filter((r) => r.url.includes('/tiles/') && r.url.endsWith('.mvt'));
    assert.ok(tiles.some((r) => r.url.includes('/tiles/county/') && r.status === 200), 'no county tile answered 200');
    assert.deepEqual(tiles.filter((r) => r.status >= 400), [], 'tiles that failed');
    assert.ok(!tiles.some((r) => r.url.includes('/tiles/community/')), 'community tiles loaded while showing counties');
    const counties = (await api('/api/v1/regions?level=county')).items;
    const colours = await regionColours(page, 'county');
    assert.deepEqual(Object.keys(colours).sort(), counties.map((c) => c.code).sort(), 'counties drawn');
    t.diagnostic(`first render ${await page.evaluate(() => window.atlas.metrics.firstRenderMs)} ms (loopback, software WebGL)`);
    t.diagnostic(await screenshot(page, 'county-default'));
    app.assertNoErrors();
  });

  test('changing the indicator recolours regions with exactly the API colours', async (t) => {
    const app = await openApp(chrome.browser, atlas.base, '/');
    const { page } = app;
    await page.selectOption('#indicator', 'elderly_health_records');
    await settle(page);
    const want = await api(choroplethQuery({ indicator: 'elderly_health_records', level: 'county', period: latest }));
    const expected = Object.fromEntries(want.items.map((i) => [i.code, i.colour]));
    assert.ok(new Set(Object.values(expected)).size >= 3, 'the API answer has too few colours to tell anything');
    assert.deepEqual(await regionColours(page, 'county'), expected, 'feature-state colours');
    // What is on the screen: the pixel at each county's label point.
    const counties = (await api('/api/v1/regions?level=county')).items;
    const pixels = await pixelColours(page, counties.map((c) => c.label_point));
    counties.forEach((c, i) => assert.equal(pixels[i], expected[c.code], `pixel colour of ${c.name}`));
    assert.match(page.url(), /ind=elderly_health_records/);
    t.diagnostic(await screenshot(page, 'indicator-changed'));
    app.assertNoErrors();
  });

  test('the legend shows the API legend: labels, colours, counts', async (t) => {
    const app = await openApp(chrome.browser, atlas.base, '/?ind=registered_volunteers&level=township&method=jenks&k=6&pal=Blues');
    const { page } = app;
    const want = await api(choroplethQuery({ indicator: 'registered_volunteers', level: 'township', period: latest, method: 'jenks', classes: 6, palette: 'Blues' }));
    const rows = want.legend.map((e) => ({ colour: e.colour, label: e.label, count: String(e.count) }));
    if (want.no_data.count > 0) rows.push({ colour: want.no_data.colour, label: '无数据', count: String(want.no_data.count) });
    assert.deepEqual(await legendRows(page), rows);
    assert.equal(want.legend.reduce((n, e) => n + e.count, 0) + want.no_data.count, want.items.length);

    await page.selectOption('#method', 'target');
    await settle(page);
    const target = await api(choroplethQuery({ indicator: 'registered_volunteers', level: 'township', period: latest, method: 'target' }));
    assert.deepEqual((await legendRows(page)).slice(0, 3),
      target.legend.map((e) => ({ colour: e.colour, label: e.label_zh, count: String(e.count) })));
    t.diagnostic(await screenshot(page, 'legend-target'));

    await page.selectOption('#method', 'manual');
    await page.fill('#breaks', '0,5,10,15,40');
    await page.press('#breaks', 'Enter');
    await settle(page);
    const manual = await api(`${choroplethQuery({ indicator: 'registered_volunteers', level: 'township', period: latest, method: 'manual' })}&breaks=0,5,10,15,40`);
    assert.deepEqual((await legendRows(page)).map((r) => r.label).slice(0, 4), manual.legend.map((e) => e.label));
    await page.fill('#breaks', '10,5');
    await page.press('#breaks', 'Enter');
    await settle(page);
    assert.match(await page.locator('#error').innerText(), /breaks/, 'a bad break list is explained');
    app.assertNoErrors();
  });

  test('a refusal is explained in the interface\'s language, whatever the browser\'s', async (t) => {
    // The browser says English; the interface is Chinese until switched.
    const path = '/?ind=registered_volunteers&level=township&method=manual&breaks=10,5';
    const app = await openApp(chrome.browser, atlas.base, path, { context: { locale: 'en-US' } });
    const { page } = app;
    const q = `${choroplethQuery({ indicator: 'registered_volunteers', level: 'township', period: latest, method: 'manual' })}&breaks=10,5`;
    const detail = async (lang) => {
      const r = await fetch(atlas.base + q, { headers: { ...auth, 'Accept-Language': lang } });
      assert.equal(r.status, 400, `GET ${q} in ${lang}`);
      return (await r.json()).detail;
    };
    const [zh, en] = [await detail('zh-CN'), await detail('en')];
    assert.notEqual(zh, en);
    assert.ok((await page.locator('#error').innerText()).includes(zh), 'the Chinese interface shows the Chinese detail');
    await page.click('#lang');
    await settle(page);
    assert.ok((await page.locator('#error').innerText()).includes(en), 'the English interface shows the English detail');
    t.diagnostic(await screenshot(page, 'refusal-in-english'));
    app.assertNoErrors();
  });

  test('clicking a county opens its details; drill-down shows its townships; the breadcrumb goes back', async (t) => {
    const app = await openApp(chrome.browser, atlas.base, '/?ind=elderly_health_records');
    const { page } = app;
    const county = (await api('/api/v1/regions/320681'));
    await page.mouse.click(...(await countyAt(page, county.label_point)));
    await settle(page);
    assert.equal(await page.locator('#panel h2').innerText(), county.name);
    const obs = (await api(`/api/v1/observations?indicator=elderly_health_records&level=county&period=${latest}`)).items
      .find((o) => o.code === county.code);
    assert.equal(await page.locator('#panel .value-block .big').innerText(), `${obs.value.toFixed(1)}%`);
    assert.equal(await page.locator('#panel svg.trend circle').count(), (await api('/api/v1/periods')).items.length);
    const townships = (await api(`/api/v1/regions?level=township&parent=${county.code}`)).items;
    assert.equal(await page.locator('#panel ol.children li').count(), townships.length, 'children ranked');
    const brief = page.locator('#panel a[data-brief="pdf"]');
    assert.equal(await brief.innerText(), '简报 PDF');
    const href = await brief.getAttribute('href');
    assert.match(href, new RegExp(`^/api/v1/regions/${county.code}/brief\\.pdf\\?.*indicator=elderly_health_records`));
    const pdf = await page.request.get(new URL(href, atlas.base).href);
    assert.equal(pdf.headers()['content-type'], 'application/pdf', 'the brief link answers a PDF');
    assert.match(page.url(), new RegExp(`sel=${county.code}`));
    t.diagnostic(await screenshot(page, 'county-detail'));

    await page.click('#panel button.drill');
    await settle(page);
    const state = await page.evaluate(() => window.atlas.state);
    assert.equal(state.level, 'township');
    assert.equal(state.parent, county.code);
    const want = await api(choroplethQuery({ indicator: 'elderly_health_records', level: 'township', parent: county.code, period: latest }));
    assert.deepEqual(await regionColours(page, 'township'), Object.fromEntries(want.items.map((i) => [i.code, i.colour])));
    assert.deepEqual(want.items.map((i) => i.code).sort(), townships.map((r) => r.code).sort());
    assert.deepEqual(await page.locator('#breadcrumb li').allInnerTexts(), ['南通市', county.name]);
    t.diagnostic(await screenshot(page, 'township-drill'));

    await page.goBack();
    await settle(page);
    assert.equal((await page.evaluate(() => window.atlas.state)).level, 'county', 'the back button undoes the drill');
    await page.goForward();
    await settle(page);
    await page.click('#breadcrumb button[data-code=""]');
    await settle(page);
    const back = await page.evaluate(() => window.atlas.state);
    assert.deepEqual([back.level, back.parent, back.selected], ['county', '', county.code]);
    assert.equal(Object.keys(await regionColours(page, 'county')).length, 8);
    app.assertNoErrors();
  });

  test('the English switch translates the interface and is kept in the URL', async (t) => {
    const app = await openApp(chrome.browser, atlas.base, '/?ind=registered_volunteers');
    const { page } = app;
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    await page.click('#lang');
    await settle(page);
    const ind = (await api('/api/v1/indicators')).items.find((i) => i.id === 'registered_volunteers');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.locator('#level option[value=county]').innerText(), 'Counties');
    assert.equal(await page.locator('#indicator option:checked').innerText(), ind.name.en);
    assert.match(await page.locator('#legend .legend-title').first().innerText(), new RegExp(ind.name.en));
    // The top of the breadcrumb is the root region's name, data like the
    // regions under it: Chinese in both languages.
    const roots = (await api('/api/v1/levels')).roots.map((r) => r.name);
    assert.deepEqual(roots, ['南通市']);
    assert.equal(await page.locator('#breadcrumb li').first().innerText(), roots[0]);
    assert.match(page.url(), /lang=en/);
    await page.reload();
    await page.waitForFunction(() => window.atlas?.metrics?.firstRenderMs);
    await settle(page);
    assert.equal(await page.locator('label[for=indicator]').innerText(), 'Indicator');
    t.diagnostic(await screenshot(page, 'english'));
    app.assertNoErrors();
  });

  test('a link restores the whole view', async (t) => {
    const link = '/?lang=en&level=township&in=320612&ind=registered_volunteers&year=2013&method=jenks&k=4&pal=Blues&sel=320612001';
    const app = await openApp(chrome.browser, atlas.base, link);
    const { page } = app;
    const values = await page.evaluate(() => ['level', 'indicator', 'period', 'method', 'classes', 'palette']
      .map((id) => document.getElementById(id).value));
    assert.deepEqual(values, ['township', 'registered_volunteers', '2013', 'jenks', '4', 'Blues']);
    const want = await api(choroplethQuery({ indicator: 'registered_volunteers', level: 'township', parent: '320612', period: 2013, method: 'jenks', classes: 4, palette: 'Blues' }));
    assert.deepEqual(await regionColours(page, 'township'), Object.fromEntries(want.items.map((i) => [i.code, i.colour])));
    assert.equal(await page.locator('#panel h2').innerText(), (await api('/api/v1/regions/320612001')).name);
    assert.equal(await page.locator('label[for=level]').innerText(), 'Level');
    t.diagnostic(await screenshot(page, 'link-restored'));
    app.assertNoErrors();
  });

  test('search finds a region by name or code and shows it', async () => {
    const app = await openApp(chrome.browser, atlas.base, '/');
    const { page } = app;
    const rugao = (await api('/api/v1/regions?level=county')).items.find((r) => r.name === '如皋市');
    await page.fill('#search', '如皋');
    await page.locator('#search-list li[role=option]').first().waitFor();
    assert.equal(await page.locator('#search-list li[role=option] span').first().innerText(), '如皋市');
    await page.press('#search', 'Enter');
    await settle(page);
    assert.equal((await page.evaluate(() => window.atlas.state)).selected, rugao.code);
    assert.equal(await page.locator('#panel h2').innerText(), '如皋市');

    const township = (await api('/api/v1/regions?level=township&parent=320612')).items[0];
    await page.fill('#search', township.code);
    await page.locator('#search-list li[role=option]').first().waitFor();
    await page.press('#search', 'ArrowDown');
    await page.press('#search', 'ArrowUp');
    await page.press('#search', 'Enter');
    await settle(page);
    const s = await page.evaluate(() => window.atlas.state);
    assert.deepEqual([s.level, s.parent, s.selected], ['township', '320612', township.code]);
    app.assertNoErrors();
  });

  test('the facility layer shows points coloured by type', async (t) => {
    const app = await openApp(chrome.browser, atlas.base, '/?level=township&in=320613');
    const { page } = app;
    await page.check('#facilities');
    await settle(page);
    const types = await page.evaluate(() => [...new Set(window.atlas.map.queryRenderedFeatures({ layers: ['facility-circle'] })
      .map((f) => f.properties.type))].sort());
    assert.ok(types.length >= 3, `facility types drawn: ${types}`);
    assert.ok(app.responses.some((r) => r.url.includes('/tiles/facility/') && r.status === 200), 'no facility tile answered 200');
    assert.equal(await page.locator('#legend .legend-facilities li').count(), 5);
    assert.match(page.url(), /fac=1/);
    t.diagnostic(await screenshot(page, 'facilities'));
    app.assertNoErrors();
  });

  test('large type for a projector', async (t) => {
    const app = await openApp(chrome.browser, atlas.base, '/?sel=320623', { viewport: { width: 1280, height: 720 } });
    const { page } = app;
    const small = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    await page.click('#large');
    await settle(page);
    const large = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    assert.ok(large >= small * 1.3, `font size ${small} → ${large}`);
    assert.equal(await page.locator('#large').getAttribute('aria-pressed'), 'true');
    assert.match(page.url(), /large=1/);
    t.diagnostic(await screenshot(page, 'large-type-1280x720'));
    app.assertNoErrors();
  });
});
