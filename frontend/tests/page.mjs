// Page helpers for the browser tests: open the app, wait for it, and read
// what MapLibre drew (feature-state, pixels) and what the legend shows.
import assert from 'node:assert/strict';
import { after, afterEach, before } from 'node:test';
import { account, startAtlas, startBrowser } from './harness.mjs';

/** The choropleth request the tests expect, spelled out independently of the app. */
export function choroplethQuery({ indicator, level, period, parent = '', method = 'quantile', classes = 5, palette = 'YlGnBu' }) {
  const q = new URLSearchParams({ indicator, level, period: String(period), method });
  if (parent) q.set('parent', parent);
  if (method !== 'target' && method !== 'manual') q.set('classes', String(classes));
  if (method !== 'target') q.set('palette', palette);
  return `/api/v1/choropleth?${q}`;
}

/**
 * The service and the browser a suite shares. Call it first inside
 * describe(): its before() starts both (settled, not all: if one fails, the
 * other is still stopped, or its process would keep node alive) and signs
 * in, so that the suite's own before() finds rig.atlas, rig.chrome and
 * rig.auth filled in; pages are closed after each test, both stopped after
 * the suite.
 */
export function useRig(env = {}) {
  const rig = {};
  before(async () => {
    const [a, c] = await Promise.allSettled([startAtlas(env), startBrowser()]);
    [rig.atlas, rig.chrome] = [a.value, c.value];
    for (const r of [a, c]) if (r.status === 'rejected') throw r.reason;
    rig.auth = await rig.atlas.authHeaders();
  });
  afterEach(closeApps);
  after(async () => {
    await rig.chrome?.stop();
    await rig.atlas?.stop();
  });
  return rig;
}

const contexts = [];

/** Closes every context openApp opened. */
export async function closeApps() {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
}

/**
 * Opens the app at path in a new context and waits for its first render.
 * Records responses and page errors; assertNoErrors fails on any error.
 * context adds options of the browser context (hasTouch, deviceScaleFactor).
 */
export async function openApp(browser, base, path, { viewport = { width: 1440, height: 900 }, login = account, context: extra = {} } = {}) {
  const context = await browser.newContext({ viewport, ...extra });
  contexts.push(context);
  const page = await context.newPage();
  const responses = [];
  const errors = [];
  context.on('response', (r) => responses.push({ url: r.url(), status: r.status() }));
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  const rendered = async () => {
    try {
      await page.waitForFunction(() => window.atlas?.metrics?.firstRenderMs, null, { timeout: 60_000 });
    } catch (err) {
      throw new Error(`${err.message}\n${errors.join('\n')}`);
    }
    await settle(page);
  };
  await page.goto(base + path);
  await page.waitForFunction(() => window.atlas?.metrics?.firstRenderMs || !document.getElementById('login').hidden,
    null, { timeout: 60_000 });
  const asked = await page.locator('#login').isVisible();
  if (asked && login) await signIn(page, login);
  if (!asked || login) await rendered();
  return {
    page, responses,
    assertNoErrors() {
      // The manual-breaks test provokes one 400 on purpose; the app shows it.
      // The sign-in test provokes a 401 too.
      const unexpected = errors.filter((e) => !/status of (400|401)/.test(e));
      assert.deepEqual(unexpected, [], 'errors in the page');
    },
  };
}

/** Fills in and sends the login form. */
export async function signIn(page, { username, password }) {
  await page.fill('#login-user', username);
  await page.fill('#login-pass', password);
  await page.click('#login-form button[type=submit]');
}

/** Waits until the app has applied its state and the map is idle. */
export function settle(page) {
  return page.evaluate(() => window.atlas.settled());
}

/** code → feature-state colour of every region of level drawn on the map. */
export function regionColours(page, level) {
  return page.evaluate((level) => {
    const map = window.atlas.map;
    const out = {};
    for (const f of map.queryRenderedFeatures({ layers: [`${level}-fill`] })) {
      const code = f.properties.code;
      out[code] = map.getFeatureState({ source: level, sourceLayer: level, id: code }).colour;
    }
    return out;
  }, level);
}

/** The colours of the rendered pixels at [lon, lat] points, read from the WebGL canvas. */
export function pixelColours(page, points) {
  return page.evaluate((points) => new Promise((resolve) => {
    const map = window.atlas.map;
    map.once('render', () => {
      // Inside 'render' the frame is still in the drawing buffer.
      const canvas = map.getCanvas();
      const gl = canvas.getContext('webgl2') || canvas.getContext('webgl');
      const ratio = canvas.width / canvas.clientWidth;
      resolve(points.map((p) => {
        const xy = map.project(p);
        const px = new Uint8Array(4);
        gl.readPixels(Math.round(xy.x * ratio), Math.round(canvas.height - xy.y * ratio), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
        return `#${[...px.slice(0, 3)].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
      }));
    });
    map.triggerRepaint();
  }), points);
}

/** Page coordinates of a [lon, lat] point on the map. */
export function countyAt(page, point) {
  return page.evaluate((p) => {
    const map = window.atlas.map;
    const r = map.getContainer().getBoundingClientRect();
    const xy = map.project(p);
    return [r.left + xy.x, r.top + xy.y];
  }, point);
}

/** The legend's class rows: swatch colour (hex), label, count. */
export function legendRows(page) {
  return page.evaluate(() => [...document.querySelectorAll('#legend .legend-classes li')].map((li) => {
    const rgb = getComputedStyle(li.querySelector('.swatch')).backgroundColor.match(/\d+/g).slice(0, 3);
    return {
      colour: `#${rgb.map((v) => Number(v).toString(16).padStart(2, '0')).join('')}`,
      label: li.querySelector('.legend-label').textContent,
      count: li.querySelector('.legend-count').textContent,
    };
  }));
}
