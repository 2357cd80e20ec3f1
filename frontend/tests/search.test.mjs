// Pinyin search over the seeded region names, in Node without a browser:
// whole spellings and initials find the region, counties first.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { matchRegions, pinyinOf } from '../src/search.js';

const csv = readFileSync(new URL('../../seeds/nantong/divisions_2023.csv', import.meta.url), 'utf8').trim().split('\n').slice(1);
const regions = csv.map((l) => l.split(',')).map(([code, name, level, parent]) => ({ code, name, level, parent }));

test('pinyin of a name, whole and by initials', () => {
  assert.deepEqual(pinyinOf('如皋市'), { full: 'rugaoshi', initials: 'rgs' });
  assert.deepEqual(pinyinOf('海门区'), { full: 'haimenqu', initials: 'hmq' });
});

test('"rugao" and "rg" find 如皋市 first', () => {
  for (const q of ['rugao', 'RuGao', 'rg']) {
    const found = matchRegions(regions, q);
    assert.equal(found[0]?.name, '如皋市', `${q}: ${found.map((r) => r.name).join(', ')}`);
  }
});

test('every county is found by its initials', () => {
  for (const c of regions.filter((r) => r.level === 'county')) {
    const q = pinyinOf(c.name).initials;
    assert.ok(matchRegions(regions, q).some((r) => r.code === c.code), `${c.name} by ${q}`);
  }
});

test('Chinese and codes still match as before', () => {
  assert.equal(matchRegions(regions, '如皋')[0].name, '如皋市');
  assert.equal(matchRegions(regions, '320682')[0].code, '320682');
});
