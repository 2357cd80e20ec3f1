// The optional basemap: ATLAS_BASEMAP_URL names an XYZ raster template; the
// app draws it under the regions. A tile server on loopback stands in for
// Tianditu and records what the browser asks for.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { closeApps, openApp, pixelColours } from './page.mjs';
import { browserSkip, screenshot, startAtlas, startBrowser } from './harness.mjs';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => (buf.reduce((c, b) => crcTable[(c ^ b) & 0xff] ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0;

/** A 256×256 PNG of one colour. */
function solidPNG([r, g, b]) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(256, 0);
  ihdr.writeUInt32BE(256, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: 256 }, () => [r, g, b]).flat())]);
  const raw = Buffer.concat(Array.from({ length: 256 }, () => row));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

let tiles;
let tileBase;
const asked = [];
let atlas;
let chrome;

describe('basemap', { timeout: 120_000, skip: browserSkip }, () => {
  before(async () => {
    const png = solidPNG([200, 225, 205]);
    tiles = createServer((req, res) => {
      asked.push(req.url);
      res.writeHead(200, { 'Content-Type': 'image/png', 'Access-Control-Allow-Origin': '*' });
      res.end(png);
    });
    await new Promise((r) => tiles.listen(0, '127.0.0.1', r));
    tileBase = `http://127.0.0.1:${tiles.address().port}`;
    [atlas, chrome] = await Promise.all([
      startAtlas({ ATLAS_PUBLIC_READ: 'true', ATLAS_BASEMAP_URL: `${tileBase}/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=test`, ATLAS_BASEMAP_ATTRIBUTION: '测试底图' }),
      startBrowser(),
    ]);
  });
  after(async () => {
    await closeApps();
    await chrome?.stop();
    await atlas?.stop();
    await new Promise((r) => tiles?.close(r));
  });

  test('a configured basemap is drawn under the regions', async (t) => {
    const config = await (await fetch(`${atlas.base}/api/v1/config`)).json();
    assert.equal(config.basemap_url, `${tileBase}/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=test`);
    // Public reading: the map opens without a login, with a button to sign in.
    const app = await openApp(chrome.browser, atlas.base, '/', { login: null });
    const { page } = app;
    assert.equal(await page.locator('#sign').innerText(), '登录');
    const order = await page.evaluate(() => window.atlas.map.getStyle().layers.map((l) => l.id));
    assert.ok(order.indexOf('basemap') >= 0 && order.indexOf('basemap') < order.indexOf('county-fill'), `layer order ${order}`);
    // Nantong at the initial zoom: every basemap tile asked for lies over it.
    const z = Math.round(await page.evaluate(() => window.atlas.map.getZoom()));
    const wanted = asked.map((u) => new URL(u, tileBase).searchParams)
      .map((q) => ({ z: Number(q.get('TILEMATRIX')), x: Number(q.get('TILECOL')), y: Number(q.get('TILEROW')), tk: q.get('tk') }));
    assert.ok(wanted.length > 0, 'no basemap tile was requested');
    for (const w of wanted) {
      const lon = (w.x / 2 ** w.z) * 360 - 180;
      const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * w.y) / 2 ** w.z))) * 180) / Math.PI;
      assert.ok(lon > 115 && lon < 123 && lat > 30 && lat < 36, `tile ${JSON.stringify(w)} at ${lon},${lat} is not near Nantong (zoom ${z})`);
      assert.equal(w.tk, 'test');
    }
    // Off the coast nothing covers the basemap: its own colour is on the screen.
    assert.deepEqual(await pixelColours(page, [[121.9, 32.6]]), ['#c8e1cd']);
    assert.match(await page.locator('.maplibregl-ctrl-attrib').innerText(), /测试底图/);
    t.diagnostic(await screenshot(page, 'basemap'));
    app.assertNoErrors();
  });
});
