// Builds the web app into dist/: one JS and one CSS bundle with content
// hashes in their names, a gzip twin of each, and index.html naming them.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  entryPoints: [join(root, 'src/main.js')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022'],
  outdir: assets,
  entryNames: 'app-[hash]',
  metafile: true,
  legalComments: 'linked',
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs).map((p) => basename(p));
const js = outputs.find((n) => n.endsWith('.js'));
const css = outputs.find((n) => n.endsWith('.css'));
const html = readFileSync(join(root, 'src/index.html'), 'utf8').replace('{{js}}', js).replace('{{css}}', css);
writeFileSync(join(dist, 'index.html'), html);

// The bundle's licence comments point at this file; give it MapLibre's full licence.
const legal = join(assets, `${js}.LEGAL.txt`);
const licence = readFileSync(join(root, 'node_modules/maplibre-gl/LICENSE.txt'), 'utf8');
writeFileSync(legal, `${readFileSync(legal, 'utf8')}\nmaplibre-gl licence:\n\n${licence}`);

for (const name of [js, css]) {
  writeFileSync(join(assets, `${name}.gz`), gzipSync(readFileSync(join(assets, name)), { level: 9 }));
}
const size = (n) => `${(readFileSync(join(assets, n)).length / 1024).toFixed(0)} KiB`;
console.log(`dist/index.html, assets/${js} (${size(js)}, gzip ${size(`${js}.gz`)}), assets/${css} (${size(css)})`);
