// Screenshots compared with committed references (tests/reference/NAME.png)
// within a tolerance: anti-aliasing and text rendering move a few pixels
// between runs, a broken layout moves many. Set UPDATE_REFERENCES=1 to
// write the references again after a deliberate change, and review them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { artifacts } from './harness.mjs';

const references = new URL('./reference/', import.meta.url).pathname;

/**
 * Takes a screenshot of page and compares it with the reference NAME.png.
 * Answers {share, path}: the share of pixels that differ (by more than
 * pixelmatch's colour threshold 0.1) and where the difference image went;
 * throws when there is no reference, unless UPDATE_REFERENCES=1 writes it.
 */
export async function compareScreenshot(page, name) {
  const shot = PNG.sync.read(await page.screenshot());
  const ref = join(references, `${name}.png`);
  if (process.env.UPDATE_REFERENCES === '1') {
    mkdirSync(references, { recursive: true });
    writeFileSync(ref, PNG.sync.write(shot));
  }
  if (!existsSync(ref)) throw new Error(`no reference ${ref}: run with UPDATE_REFERENCES=1 once and commit it`);
  const want = PNG.sync.read(readFileSync(ref));
  if (want.width !== shot.width || want.height !== shot.height) {
    return { share: 1, path: ref, why: `${shot.width}×${shot.height}, reference ${want.width}×${want.height}` };
  }
  const diff = new PNG({ width: shot.width, height: shot.height });
  const n = pixelmatch(shot.data, want.data, diff.data, shot.width, shot.height, { threshold: 0.1 });
  mkdirSync(artifacts, { recursive: true });
  const path = join(artifacts, `${name}-diff.png`);
  writeFileSync(path, PNG.sync.write(diff));
  writeFileSync(join(artifacts, `${name}.png`), PNG.sync.write(shot));
  return { share: n / (shot.width * shot.height), path };
}
