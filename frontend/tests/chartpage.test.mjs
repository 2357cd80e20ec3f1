// Browser test of the standalone chart pages (GET /api/v1/charts/{kind}
// ?format=html) against the real service, seeded with Nantong, in headless
// Chromium under the service's own content security policy: every kind
// must draw (a canvas with painted pixels) with no CSP violation or error.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { useRig } from './page.mjs';
import { browserSkip, screenshot } from './harness.mjs';

let atlas;
let chrome;
let auth;
let pages;

describe('chart pages', { timeout: 180_000, skip: browserSkip }, () => {
  const rig = useRig();
  before(async () => {
    ({ atlas, chrome, auth } = rig);
    const get = async (path) => (await fetch(atlas.base + path, { headers: auth })).json();
    const { latest } = await get('/api/v1/periods');
    // The radar scores judged indicators only: draw it for the first year the
    // catalogue's targets are dated for (the notice's year).
    const judged = Math.min(...(await get('/api/v1/indicators')).items.map((i) => i.applies?.from).filter(Boolean));
    const county = (await get('/api/v1/regions?level=county')).items[0].code;
    const scope = `level=county&period=${latest}`;
    pages = {
      ranking: `ranking?indicator=registered_volunteers&${scope}`,
      heatmap: `heatmap?${scope}`,
      radar: `radar?region=${county}&period=${judged}`,
      trend: `trend?indicator=registered_volunteers&${scope}`,
      boxplot: `boxplot?indicator=registered_volunteers&${scope}`,
      attainment: `attainment?${scope}`,
    };
  });

  test('every chart kind draws on its own page, with no inline script', async (t) => {
    const context = await chrome.browser.newContext({ viewport: { width: 1100, height: 700 }, extraHTTPHeaders: auth });
    try {
      for (const [kind, query] of Object.entries(pages)) {
        const page = await context.newPage();
        const problems = [];
        page.on('response', (r) => {
          if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
        });
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        page.on('console', (m) => {
          if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(`console: ${m.text()}`);
        });
        const resp = await page.goto(`${atlas.base}/api/v1/charts/${query}&format=html`);
        assert.equal(resp.status(), 200, `${kind}: status`);
        assert.match(resp.headers()['content-security-policy'], /script-src 'self';/, `${kind}: the service's CSP applies`);
        await page.waitForSelector('#chart canvas', { timeout: 30_000 });
        // Wait out the entry animation, then count the painted pixels.
        await page.waitForTimeout(1500);
        const painted = await page.evaluate(() => {
          const c = document.querySelector('#chart canvas');
          const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
          return { n, of: c.width * c.height };
        });
        t.diagnostic(`${kind}: ${painted.n} of ${painted.of} pixels painted; ${await screenshot(page, `chart-page-${kind}`)}`);
        assert.ok(painted.n > 0.01 * painted.of, `${kind}: the chart is drawn (${painted.n} painted pixels)`);
        assert.deepEqual(problems, [], `${kind}: errors or CSP violations`);
        await page.close();
      }
    } finally {
      await context.close();
    }
  });
});
