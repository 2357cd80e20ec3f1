// Browser test of the checklist of qualitative requirements: a data manager
// reports an item in the region panel and the task's attainment changes.
// Expected values come from the API, asked separately from Node.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { openApp, useRig } from './page.mjs';
import { browserSkip, screenshot } from './harness.mjs';

let atlas;
let chrome;
let auth;
const api = async (path) => {
  const r = await fetch(atlas.base + path, { headers: auth });
  assert.equal(r.status, 200, `GET ${path}`);
  return r.json();
};

/** Task 20's attainment of a county, from the API. */
async function task20(code, parent, period) {
  const a = await api(`/api/v1/compare/tasks?level=county&parent=${parent}&period=${period}`);
  const task = a.items.find((x) => x.key === '20');
  assert.ok(task, 'task 20 is missing from the attainment');
  return task.regions.find((r) => r.code === code);
}

describe('checklist', { timeout: 120_000, skip: browserSkip }, () => {
  const rig = useRig();
  before(() => ({ atlas, chrome, auth } = rig));

  test('a data manager reports task 20 done and the task attainment changes', async (t) => {
    const code = '320612';
    const { parent } = await api(`/api/v1/regions/${code}`);
    const { latest } = await api('/api/v1/periods');
    const before = await task20(code, parent, latest);
    assert.equal(before.share, null, 'task 20 judged before anything was reported');

    const app = await openApp(chrome.browser, atlas.base, `/?ind=registered_volunteers&sel=${code}`);
    const { page } = app;
    const block = page.locator('#checklist details.ck-task[data-task="20"]');
    await block.waitFor();
    assert.match(await block.locator('.ck-share').innerText(), /尚无评价/);
    await block.locator('summary').click();
    const item = block.locator('.ck-item[data-item="t20_coordination_body"]');
    await item.locator('select[name=status]').selectOption('done');
    await item.locator('textarea[name=evidence]').fill('成立城乡社区建设协调领导小组');
    await item.locator('input[name=link]').fill('https://example.org/notice');
    await item.locator('button[type=submit]').click();
    await page.locator('#checklist .ck-item[data-item="t20_coordination_body"] .ck-msg').filter({ hasText: '已保存' }).waitFor();

    const after = await task20(code, parent, latest);
    assert.deepEqual([after.judged, after.met, after.share, after.checklist], [1, 1, 100, { judged: 1, met: 1 }]);
    const shown = await page.locator('#checklist .ck-share[data-task="20"]').innerText();
    assert.match(shown, /任务达成率 100\.0%/, `panel shows ${shown}`);
    assert.match(shown, /1\/1 项达标/);
    const saved = page.locator('#checklist .ck-item[data-item="t20_coordination_body"]');
    assert.equal(await saved.locator('select[name=status]').inputValue(), 'done');
    assert.match(await saved.locator('.ck-meta').innerText(), /待审核/);
    t.diagnostic(await screenshot(page, 'checklist-reported'));

    // The same panel in English.
    const en = await openApp(chrome.browser, atlas.base, `/?lang=en&ind=registered_volunteers&sel=${code}`);
    const share = en.page.locator('#checklist .ck-share[data-task="20"]');
    await share.waitFor();
    assert.match(await share.innerText(), /Task attainment 100\.0% · 1 of 1 met \(checklist 1 of 1\)/);
    app.assertNoErrors();
    en.assertNoErrors();
  });
});
