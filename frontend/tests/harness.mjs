// Test harness: builds the real atlas binary, starts it on a free loopback
// port with a fresh data directory (it seeds Nantong), and drives Debian's
// Chromium through playwright-core. Nothing is downloaded.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const repo = new URL('../..', import.meta.url).pathname;
export const artifacts = join(repo, 'test-artifacts');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Why the browser tests cannot run on this machine, or false. Under CI a
 * missing Chromium fails the tests instead (.ci/run installs it).
 */
export const browserSkip = !existsSync(chromiumPath) && process.env.CI !== 'true'
  ? `no Chromium at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH)` : false;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(base, proc, log) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`atlas exited with ${proc.exitCode}:\n${log.join('')}`);
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`atlas was not ready within 120 s:\n${log.join('')}`);
}

/** The account the tests sign in with: the service creates it as its first admin. */
export const account = { username: 'planner', password: 'nantong-2013-targets' };

/** Builds and starts the service; env adds ATLAS_* settings. */
export async function startAtlas(env = {}) {
  if (!existsSync(join(repo, 'frontend/dist/index.html'))) {
    throw new Error('frontend/dist/index.html is missing: run `npm --prefix frontend run build` (or `make frontend`) first');
  }
  const dir = mkdtempSync(join(tmpdir(), 'atlas-web-'));
  const bin = join(dir, 'atlas');
  execFileSync('go', ['build', '-o', bin, './server/cmd/atlas'], { cwd: repo, stdio: 'inherit' });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = [];
  const proc = spawn(bin, ['-addr', `127.0.0.1:${port}`, '-data-dir', join(dir, 'data')], {
    env: { ...process.env, ATLAS_BOOTSTRAP_ADMIN: `${account.username}:${account.password}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout.on('data', (d) => log.push(String(d)));
  proc.stderr.on('data', (d) => log.push(String(d)));
  await waitReady(base, proc, log);
  return {
    base, log,
    /** Signs in from Node; returns the headers that carry the session. */
    async authHeaders() {
      const r = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(account),
      });
      if (!r.ok) throw new Error(`login: ${r.status} ${await r.text()}`);
      return { Authorization: `Bearer ${(await r.json()).token}` };
    },
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Launches headless Chromium; playwright gives each launch a fresh, temporary profile. */
export async function startBrowser() {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      // WebGL without a GPU: Chromium's software renderer.
      '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
    ],
  });
  return { browser, stop: () => browser.close() };
}

/** Saves a screenshot as test-artifacts/NAME.png and returns its path. */
export async function screenshot(page, name) {
  mkdirSync(artifacts, { recursive: true });
  const path = join(artifacts, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
