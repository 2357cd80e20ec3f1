// The phone layout at 390×844 with touch, in Chromium against the real
// service: nothing wider than the screen, a one-line title, the legend
// collapsed, the settings and the bottom sheet toggled by taps, no
// tooltip left after a tap; screenshots compared with the references.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { browserSkip } from './harness.mjs';
import { countyAt, openApp, settle, useRig } from './page.mjs';
import { compareScreenshot } from './pixeldiff.mjs';

const phone = { viewport: { width: 390, height: 844 }, context: { hasTouch: true, isMobile: true } };
// Share of pixels that may differ from a reference: text anti-aliasing, not layout.
const tolerance = 0.02;

const overflow = (page) => page.evaluate(() => ({
  scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth,
}));

/** The number of lines an element's text takes, from its text's line boxes. */
const lines = (page, sel) => page.evaluate((sel) => {
  const r = document.createRange();
  r.selectNodeContents(document.querySelector(sel));
  return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
}, sel);

describe('phone layout', { timeout: 180_000, skip: browserSkip }, () => {
  const rig = useRig();
  let counties;
  before(async () => {
    const r = await fetch(`${rig.atlas.base}/api/v1/regions?level=county`, { headers: rig.auth });
    counties = (await r.json()).items;
  });

  test('fits 390×844: no sideways scroll, one-line title, legend collapsed, settings hidden', async (t) => {
    const app = await openApp(rig.chrome.browser, rig.atlas.base, '/', phone);
    const { page } = app;
    const o = await overflow(page);
    assert.ok(o.scroll <= o.inner, `page is ${o.scroll} px wide in a ${o.inner} px screen`);
    assert.equal(await lines(page, '.brand h1'), 1, 'the title wraps');
    assert.ok(await page.locator('#legend.collapsed').count() === 1, 'legend not collapsed');
    assert.equal(await page.locator('#legend .legend-classes').isVisible(), false, 'legend classes shown');
    assert.equal(await page.locator('#indicator').isVisible(), false, 'settings open at start');
    const map = await page.locator('#map').boundingBox();
    assert.ok(map.width >= 380 && map.height >= 400, `map only ${map.width}×${map.height}`);
    const diff = await compareScreenshot(page, 'phone-default');
    t.diagnostic(`${(diff.share * 100).toFixed(2)}% of pixels differ; ${diff.path}`);
    assert.ok(diff.share <= tolerance, `phone-default differs from its reference in ${(diff.share * 100).toFixed(2)}% of pixels ${diff.why ?? ''}`);
    app.assertNoErrors();
  });

  test('taps open and close the settings, the legend and the sheet; no tooltip stays', async (t) => {
    const app = await openApp(rig.chrome.browser, rig.atlas.base, '/', phone);
    const { page } = app;
    await page.tap('#settings-toggle');
    assert.ok(await page.locator('#indicator').isVisible(), 'settings did not open');
    assert.equal(await page.getAttribute('#settings-toggle', 'aria-expanded'), 'true');
    const controls = await page.locator('#controls').boundingBox();
    assert.ok(controls.width >= 380, `settings only ${controls.width} px wide`);
    const diff = await compareScreenshot(page, 'phone-settings');
    t.diagnostic(`${(diff.share * 100).toFixed(2)}% of pixels differ; ${diff.path}`);
    assert.ok(diff.share <= tolerance, `phone-settings differs in ${(diff.share * 100).toFixed(2)}% of pixels ${diff.why ?? ''}`);
    await page.tap('#settings-toggle');
    assert.equal(await page.locator('#indicator').isVisible(), false, 'settings did not close');

    await page.tap('#legend .legend-title');
    assert.ok(await page.locator('#legend .legend-classes').isVisible(), 'legend did not expand');
    await page.tap('#legend .legend-title');
    assert.equal(await page.locator('#legend .legend-classes').isVisible(), false, 'legend did not collapse');

    // A tap on a county selects it: its details in the opened sheet, no tooltip left.
    const c = counties.find((x) => x.name === '如皋市') ?? counties[0];
    const [x, y] = await countyAt(page, c.label_point);
    await page.touchscreen.tap(x, y);
    await settle(page);
    await page.waitForTimeout(50);
    assert.equal(await page.locator('#tooltip').isVisible(), false, 'a tooltip stayed after the tap');
    assert.ok(await page.locator('#panel.open').count() === 1, 'the sheet did not open on a selection');
    assert.match(await page.locator('#panel h2').first().innerText(), new RegExp(c.name));
    await page.tap('#panel .sheet-handle');
    assert.equal(await page.locator('#panel.open').count(), 0, 'the sheet did not close');
    const o = await overflow(page);
    assert.ok(o.scroll <= o.inner, `page is ${o.scroll} px wide after the taps`);
    app.assertNoErrors();
  });

  test('large type: the legend with every overlay stays inside the map and scrolls', async () => {
    const app = await openApp(rig.chrome.browser, rig.atlas.base,
      '/?large=1&fac=1&grid=1&iso=1&uncovered=1&level=township&parent=320682', { viewport: { width: 1280, height: 720 } });
    const { page } = app;
    const [legend, wrap] = await Promise.all([page.locator('#legend').boundingBox(), page.locator('.mapwrap').boundingBox()]);
    assert.ok(legend.y >= wrap.y && legend.y + legend.height <= wrap.y + wrap.height + 0.5, `legend ${JSON.stringify(legend)} outside the map ${JSON.stringify(wrap)}`);
    assert.ok(legend.x + legend.width <= wrap.x + wrap.width, 'legend wider than the map');
    const scroll = await page.evaluate(() => {
      const el = document.getElementById('legend');
      return { overflowY: getComputedStyle(el).overflowY, over: el.scrollHeight > el.clientHeight };
    });
    assert.equal(scroll.overflowY, 'auto');
    assert.ok(scroll.over, 'the test did not fill the legend past its height');
    app.assertNoErrors();
  });
});
