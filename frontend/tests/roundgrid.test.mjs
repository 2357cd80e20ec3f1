// The round grid's reading of pasted and typed text, and its keyboard
// moves. Runs in Node, without a browser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { draftRows, isBlock, move, parsePaste, parseValue } from '../src/roundgrid.js';

test('a block copied from Excel: CRLF lines, tab cells, the trailing line dropped, quotes undone', () => {
  assert.deepEqual(parsePaste('1\t2\r\n3\t"a\tb"\r\n'), [['1', '2'], ['3', 'a\tb']]);
  assert.deepEqual(parsePaste('7\n\n8'), [['7'], [''], ['8']]);
  assert.deepEqual(parsePaste('"a""b"\t"x\ny"\r\n5'), [['a"b', 'x\ny'], ['5']]);
  assert.equal(isBlock('12.5'), false);
  assert.equal(isBlock('12.5\r\n'), false, 'one cell copied from Excel ends with a line break');
  assert.equal(isBlock('1\t2'), true);
  assert.equal(isBlock('1\n2'), true);
});

test('typed values: empty, numbers as offices write them, and what is no number', () => {
  assert.equal(parseValue(''), null);
  assert.equal(parseValue('  '), null);
  assert.equal(parseValue('1,234.5'), 1234.5);
  assert.equal(parseValue('１２'), 12);
  assert.equal(parseValue('45%'), 45);
  assert.equal(parseValue('-3e2'), -300);
  for (const bad of ['n/a', '—', '七', '1.2.3', '12人']) assert.ok(Number.isNaN(parseValue(bad)), bad);
});

test('arrows and Enter move inside the grid; left and right only from the text edge', () => {
  const at = { row: 1, col: 1, rows: 3, cols: 3 };
  assert.deepEqual(move('ArrowUp', at), { row: 0, col: 1 });
  assert.deepEqual(move('Enter', at), { row: 2, col: 1 });
  assert.deepEqual(move('Enter', { ...at, shift: true }), { row: 0, col: 1 });
  assert.deepEqual(move('ArrowRight', at), { row: 1, col: 2 });
  assert.equal(move('ArrowRight', { ...at, atEnd: false }), null);
  assert.equal(move('ArrowLeft', { ...at, atStart: false }), null);
  assert.equal(move('ArrowDown', { ...at, row: 2 }), null, 'past the last row');
  assert.equal(move('a', at), null);
});

test('the draft rows of the regions changed: every value each has, with its reasons', () => {
  const rows = [
    { region: 'A', cells: { x: { value: 1, reason: 'r' }, y: { value: null } } },
    { region: 'B', cells: { x: { value: 2 }, y: { value: 3 } } },
  ];
  assert.deepEqual(draftRows(rows, ['x', 'y'], new Set(['A'])), [{ region: 'A', values: { x: 1 }, reasons: { x: 'r' } }]);
});
