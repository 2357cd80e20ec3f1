// Builds the web app into dist/: for each page (the map, the dashboard, the round) one
// JS and one CSS bundle with content hashes in their names, a gzip twin of
// each, and the page's HTML naming them.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('.', import.meta.url).pathname;
const dist = join(root, 'dist');
const assets = join(dist, 'assets');

// Empty dist but for .gitkeep, which keeps `go:embed all:dist` compiling.
for (const name of readdirSync(dist, { withFileTypes: true })) {
  if (name.name !== '.gitkeep') rmSync(join(dist, name.name), { recursive: true, force: true });
}
mkdirSync(assets, { recursive: true });

const result = await build({
  entryPoints: { app: join(root, 'src/main.js'), dashboard: join(root, 'src/dashboard.js'), rounds: join(root, 'src/rounds.js') },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022'],
  outdir: assets,
  entryNames: '[name]-[hash]',
  metafile: true,
  legalComments: 'linked',
  logLevel: 'warning',
});

// Each page, its entry point, and the full licences of what its bundle holds.
const pages = [
  { html: 'index.html', entry: 'src/main.js', licences: { 'maplibre-gl': 'maplibre-gl/LICENSE.txt' } },
  {
    html: 'dashboard.html', entry: 'src/dashboard.js',
    licences: { echarts: 'echarts/LICENSE', 'echarts notice': 'echarts/NOTICE', zrender: 'zrender/LICENSE' },
  },
  { html: 'rounds.html', entry: 'src/rounds.js', licences: {} },
];
const size = (n) => `${(readFileSync(join(assets, n)).length / 1024).toFixed(0)} KiB`;
for (const page of pages) {
  const [path, out] = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint === page.entry);
  const js = basename(path);
  const css = basename(out.cssBundle);
  const html = readFileSync(join(root, 'src', page.html), 'utf8').replace('{{js}}', js).replace('{{css}}', css);
  writeFileSync(join(dist, page.html), html);

  // The bundle's licence comments point at this file; give it the full licences.
  const legal = join(assets, `${js}.LEGAL.txt`);
  let text = existsSync(legal) ? readFileSync(legal, 'utf8') : '';
  for (const [name, file] of Object.entries(page.licences)) {
    text += `\n${name} licence:\n\n${readFileSync(join(root, 'node_modules', file), 'utf8')}`;
  }
  writeFileSync(legal, text);

  for (const name of [js, css]) {
    writeFileSync(join(assets, `${name}.gz`), gzipSync(readFileSync(join(assets, name)), { level: 9 }));
  }
  console.log(`dist/${page.html}, assets/${js} (${size(js)}, gzip ${size(`${js}.gz`)}), assets/${css} (${size(css)})`);
}
