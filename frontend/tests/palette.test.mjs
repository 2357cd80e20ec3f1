// The colours of statuses and overlays never repeat across layers: every
// pair is told apart (CIE76 ΔE in Lab) in normal vision and under
// simulated deuteranopia and protanopia (Machado et al. 2009, severity 1).
// Runs in Node, without a browser.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { facilityColours, overlayColours, statusColours } from '../src/palette.js';

const repo = new URL('../..', import.meta.url).pathname;

const machado = {
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
};

const toLinear = (c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const linear = (hex) => [1, 3, 5].map((i) => toLinear(parseInt(hex.slice(i, i + 2), 16) / 255));

function lab([r, g, b]) {
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

const clamp = (v) => Math.min(1, Math.max(0, v));
const simulate = (m, rgb) => m.map((row) => clamp(row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]));
const deltaE = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

// What shares the map at once: the target classes, every overlay and the health-centre dots.
const shown = {
  'meets': statusColours.meets, 'within reach': statusColours.near, 'misses': statusColours.misses,
  'no data': statusColours.noData, 'grid gaps': overlayColours.gap, 'overlaps': overlayColours.overlap,
  'health circle': overlayColours.isochrone, 'uncovered': overlayColours.uncovered, 'what-if reach': overlayColours.whatif,
  'grid outline': overlayColours.grid, 'health centres': facilityColours.health_centre,
};

function closestPair(colours, vision) {
  const entries = Object.entries(colours).map(([k, hex]) => [k, lab(vision ? simulate(vision, linear(hex)) : linear(hex))]);
  let worst = { d: Infinity };
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const d = deltaE(entries[i][1], entries[j][1]);
      if (d < worst.d) worst = { d, a: entries[i][0], b: entries[j][0] };
    }
  }
  return worst;
}

test('the target colours are the server\'s', () => {
  const go = readFileSync(`${repo}/analytics/classify/palette.go`, 'utf8');
  const target = go.match(/TargetColours = \[3\]string\{"(#\w+)", "(#\w+)", "(#\w+)"\}/).slice(1);
  assert.deepEqual(target, [statusColours.meets, statusColours.near, statusColours.misses]);
  assert.equal(go.match(/NoData = "(#\w+)"/)[1], statusColours.noData);
});

test('a black-on-white check of the colour maths', () => {
  assert.ok(Math.abs(deltaE(lab(linear('#000000')), lab(linear('#ffffff'))) - 100) < 0.01);
});

for (const [name, vision, min] of [['normal vision', null, 20], ['deuteranopia', machado.deuteranopia, 10], ['protanopia', machado.protanopia, 10]]) {
  test(`statuses and overlays are told apart in ${name}`, (t) => {
    const w = closestPair(shown, vision);
    t.diagnostic(`closest: ${w.a} / ${w.b}, ΔE ${w.d.toFixed(1)}`);
    assert.ok(w.d >= min, `${w.a} and ${w.b} are ΔE ${w.d.toFixed(1)} apart in ${name} (want ≥ ${min})`);
  });
}

test('only the misses class is red', () => {
  // Hue in Lab: red lies between about −20° and 45°, with some chroma.
  const reds = Object.entries(shown).filter(([, hex]) => {
    const [, a, b] = lab(linear(hex));
    const hue = (Math.atan2(b, a) * 180) / Math.PI;
    return Math.hypot(a, b) > 40 && hue > -20 && hue < 45;
  }).map(([k]) => k);
  assert.deepEqual(reds, ['misses']);
});

test('facility types differ from each other', () => {
  const w = closestPair(facilityColours, null);
  assert.ok(w.d >= 20, `${w.a} and ${w.b}: ΔE ${w.d.toFixed(1)}`);
});
