// Browser test of the yearly round, played through the round page: the
// admin opens a round; a township data manager downloads the template,
// pastes the values into the grid from "Excel" (tab-separated text, one
// cell of it not a number, which the grid marks), saves and submits; the
// county reviewer returns the township with a comment; the data manager
// changes a value (a change that needs a reason), gives the reason and
// resubmits; the reviewer approves, the value is published at
// /api/v1/observations, and a leader's map shows it. The template's upload is tested in Go
// (server/roundtemplate_test.go), where excelize can fill it in.
// Expected values come from the API, asked from Node.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { choroplethQuery, openApp, regionColours, settle, useRig } from './page.mjs';
import { browserSkip, screenshot } from './harness.mjs';

const manager = { username: 'town-dm', password: 'fill-the-round-1' };
const reviewer = { username: 'county-rev', password: 'check-the-round-1' };
const leader = { username: 'city-leader', password: 'read-the-round-1' };
const indicator = 'committee_members';

describe('the yearly round', { timeout: 300_000, skip: browserSkip }, () => {
  const rig = useRig();
  let atlas;
  let auth;
  const call = async (method, path, body, headers = auth) => {
    const r = await fetch(atlas.base + path, {
      method, headers: { ...headers, ...(body ? { 'Content-Type': 'application/json' } : {}) }, body: body && JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, json: text ? JSON.parse(text) : null };
  };
  const tokenOf = async (user) => ({ Authorization: `Bearer ${(await call('POST', '/api/v1/auth/login', user, {})).json.token}` });
  before(() => ({ atlas, auth } = rig));

  test('open, fill by paste, submit, return, fix, approve, publish', async () => {
    // A township and its county, from the API; the round's year follows the latest with data.
    // The township: one of at least two communities whose first (by code)
    // has last year's value, so that changing it needs a reason.
    const latest = Math.max(...(await call('GET', '/api/v1/periods')).json.items);
    const period = latest + 1;
    const towns = (await call('GET', '/api/v1/regions?level=township')).json.items;
    const last = (await call('GET', `/api/v1/observations?indicator=${indicator}&level=community&period=${latest}`)).json.items;
    const town = towns.find((tw) => {
      const mine = last.filter((o) => o.parent === tw.code).sort((a, b) => a.code.localeCompare(b.code));
      return mine.length >= 2 && mine[0].value !== null;
    });
    assert.ok(town, `no township with ${indicator} in ${latest}`);
    const county = town.parent;
    for (const [u, region] of [[manager, town.code], [reviewer, county]]) {
      const created = await call('POST', '/api/v1/users', { ...u, role: 'data_manager', region });
      assert.equal(created.status, 201, JSON.stringify(created.json));
    }
    const dmAuth = await tokenOf(manager);

    // The admin opens the round on the page.
    {
      const { page, assertNoErrors } = await openApp(rig.chrome.browser, atlas.base, '/rounds');
      await page.click('#open-round summary');
      await page.fill('#open-period', String(period));
      await page.selectOption('#open-level', 'community');
      await page.fill('#open-deadline', '2099-12-31');
      await page.fill('#open-reviewers', county);
      await page.check(`#open-indicators input[value="${indicator}"]`);
      await page.click('#open-form button[type=submit]');
      await settle(page);
      // The admin's grid holds every community; it draws a window of them,
      // and the keyboard and a paste reach past it (nothing is saved here).
      const all = (await call('GET', `/api/v1/rounds/${(await call('GET', '/api/v1/rounds')).json.items[0].id}/values`)).json.rows.length;
      assert.ok(all > 600, `only ${all} communities`);
      assert.ok(await page.locator('#grid tbody tr:not(.pad)').count() < all);
      await page.focus('#grid input[data-row="0"][data-col="0"]');
      for (let i = 0; i < 250; i++) await page.keyboard.press('ArrowDown');
      assert.equal(await page.evaluate(() => document.activeElement.dataset.row), '250');
      await page.evaluate(() => {
        const dt = new DataTransfer();
        dt.setData('text/plain', Array.from({ length: 300 }, () => '5').join('\r\n'));
        document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      });
      assert.equal((await page.evaluate(() => window.atlas.changed)).length, 300);
      await page.evaluate(() => window.atlas.discard());
      assertNoErrors();
    }
    const rounds = (await call('GET', '/api/v1/rounds')).json.items;
    const round = rounds.find((r) => r.period === period);
    assert.ok(round, `no round for ${period}: ${JSON.stringify(rounds)}`);
    assert.deepEqual([round.level, round.deadline, round.indicators, round.reviewers], ['community', '2099-12-31', [indicator], [county]]);
    const base = `/api/v1/rounds/${round.id}`;
    const sheet = async (who = dmAuth) => (await call('GET', `${base}/values`, null, who)).json;

    // The data manager: the template, then the grid.
    const expected = await sheet();
    assert.ok(expected.rows.length >= 2);
    const dm = await openApp(rig.chrome.browser, atlas.base, `/rounds?round=${round.id}`, { login: manager });
    const page = dm.page;
    // The refused submission below answers 422 on purpose: the page shows
    // its cells. Anything thrown in the page is a failure.
    const thrown = [];
    page.on('pageerror', (e) => thrown.push(e.message));
    assert.equal(await page.locator('#grid tbody tr').count(), expected.rows.length);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const chunks = [];
    for await (const c of await download.createReadStream()) chunks.push(c);
    const xlsx = Buffer.concat(chunks);
    assert.equal(xlsx.subarray(0, 2).toString(), 'PK', 'the template is no XLSX');

    // Pasted from Excel: last year's value where there is one (no change,
    // so no reason needed), 7 elsewhere, and one cell that is no number.
    const values = expected.rows.map((r) => r.cells[indicator].last ?? 7);
    const text = values.map((v, i) => (i === 0 ? 'n/a' : String(v))).join('\r\n') + '\r\n';
    await page.focus('#grid input[data-row="0"][data-col="0"]');
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', text);
      document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, text);
    for (const [i, v] of values.entries()) {
      if (i > 0) assert.equal(await page.inputValue(`#grid input[data-row="${i}"]`), String(v));
    }
    assert.match(await page.getAttribute('#grid input[data-row="0"] >> xpath=..', 'class'), /bad/, 'the grid does not mark a cell that is no number');
    await page.click('#save');
    await settle(page);
    assert.equal(await page.locator('#grid-problems li').count(), 2, 'the save lists the cell that is no number');
    assert.equal((await sheet()).rows.every((r) => r.status === 'not_started'), true, 'a save with a bad cell wrote');

    // Fixed from the keyboard: arrows move between cells.
    await page.focus('#grid input[data-row="1"][data-col="0"]');
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.row), '0');
    await page.keyboard.type(String(values[0]));
    await page.click('#submit');
    await settle(page);
    let now = await sheet();
    assert.deepEqual(now.rows.map((r) => [r.status, r.cells[indicator].value]), values.map((v) => ['submitted', v]));

    // The reviewer returns the township with a comment.
    const rev = await openApp(rig.chrome.browser, atlas.base, `/rounds?round=${round.id}`, { login: reviewer });
    const box = rev.page.locator(`.review-town[data-township="${town.code}"]`);
    await screenshot(rev.page, 'rounds-review');
    await box.locator('.review-comment').fill('请核对第一个社区');
    await box.locator('button[data-action=return]').click();
    await settle(rev.page);
    now = await sheet();
    assert.ok(now.rows.every((r) => r.status === 'returned' && r.comment === '请核对第一个社区'), JSON.stringify(now.rows));

    // The data manager sees the comment, changes the first value (a change
    // from last year where every other region stands still: it needs a
    // reason), gives the reason, and resubmits.
    await page.reload();
    await page.waitForFunction(() => window.atlas?.metrics?.firstRenderMs);
    await settle(page);
    assert.match(await page.textContent('#grid tbody tr:first-child .st'), /请核对第一个社区/);
    const fixed = values[0] + 1;
    await page.fill('#grid input[data-row="0"][data-col="0"]', String(fixed));
    await page.click('#submit');
    await settle(page);
    {
      assert.notEqual(expected.rows[0].cells[indicator].last, null);
      assert.notEqual((await sheet()).rows[0].status, 'submitted', 'a change needing a reason was submitted without one');
      assert.ok(await page.locator('#grid-problems li').count() > 0);
      await page.focus('#grid input[data-row="0"][data-col="0"]');
      await page.fill('#cell-reason', '换届后增设一名委员');
      await screenshot(page, 'rounds-grid');
      await page.click('#submit');
      await settle(page);
    }
    now = await sheet();
    assert.ok(now.rows.every((r) => r.status === 'submitted'), JSON.stringify(now.rows.map((r) => r.status)));
    assert.equal(now.rows[0].cells[indicator].value, fixed);

    // The reviewer approves; the value is published.
    await rev.page.reload();
    await rev.page.waitForFunction(() => window.atlas?.metrics?.firstRenderMs);
    await settle(rev.page);
    await rev.page.locator(`.review-town[data-township="${town.code}"] button[data-action=approve]`).click();
    await settle(rev.page);
    now = await sheet();
    assert.ok(now.rows.every((r) => r.status === 'approved'));
    const obs = (await call('GET', `/api/v1/observations?indicator=${indicator}&level=community&period=${period}&parent=${town.code}`)).json.items;
    const got = Object.fromEntries(obs.map((o) => [o.code, o.value]));
    assert.equal(got[expected.rows[0].region], fixed);
    for (const [i, r] of expected.rows.entries()) if (i > 0) assert.equal(got[r.region], values[i]);

    // The progress board shows the township approved.
    const progress = await rev.page.textContent(`#progress tr[data-code="${town.code}"]`);
    assert.match(progress, /已审定/);
    assert.deepEqual(thrown, []);
    assert.equal(await page.isVisible('#error'), false, await page.textContent('#error'));
    rev.assertNoErrors();

    // A leader (viewer) opens the map on the township: the approved value in
    // the panel, unmarked, and the colours of the published choropleth.
    assert.equal((await call('POST', '/api/v1/users', { ...leader, role: 'viewer', region: '' })).status, 201);
    const first = expected.rows[0].region;
    const lead = await openApp(rig.chrome.browser, atlas.base, `/?ind=${indicator}&level=community&in=${town.code}&year=${period}&sel=${first}`, { login: leader });
    await lead.page.locator('#panel .value-block .big').waitFor();
    assert.match(await lead.page.locator('#panel .value-block .big').textContent(), new RegExp(`^${fixed}\\b`));
    assert.equal(await lead.page.locator('#panel .badge.provisional').count(), 0);
    const published = (await call('GET', choroplethQuery({ indicator, level: 'community', period, parent: town.code }))).json;
    assert.deepEqual(await regionColours(lead.page, 'community'), Object.fromEntries(published.items.map((i) => [i.code, i.colour])));
    await screenshot(lead.page, 'rounds-leader-map');
    lead.assertNoErrors();
  });
});
