// npm run bench:startup — the desktop app's start-up figures:
//  1. the renderer's JavaScript, gzipped (budget 150 KB);
//  2. loading the main process's modules before the first window, in Node (budget 100 ms):
//     every module main/app/main.ts imports except electron itself, built, in a fresh process;
//  3. the first screen in Chromium after the page's load event (budget 200 ms), with the
//     built preload bound to the real core, as in the e2e tests.
// Prints median and max of several rounds; the budgets are printed beside, never asserted.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createDesktopApi } from '../../main/desktop/api.js';
import { launchChromium } from '../harness/browser.js';
import { bindPreload, pageEmitter } from '../e2e/desktop/preload-host.js';
import {
  ensureRendererBuilt,
  RENDERER_DIST,
  serveRenderer,
} from '../e2e/desktop/renderer-server.js';

const rounds = Number(process.argv[2] ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (xs: number[], budget?: number) =>
  `median ${median(xs).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms` +
  (budget === undefined ? '' : ` (budget ${budget} ms)`);

async function rendererGzipKb(): Promise<number> {
  await ensureRendererBuilt();
  const assets = join(RENDERER_DIST, 'assets');
  let bytes = 0;
  for (const name of await readdir(assets)) {
    if (name.endsWith('.js'))
      bytes += gzipSync(await readFile(join(assets, name)), { level: 9 }).length;
  }
  return bytes / 1024;
}

// What main/app/main.ts loads before it creates the window: everything but electron and the
// two glue files that import it (security.ts, window.ts), whose own imports are listed. The
// core follows while the window is being created, before the page loads (printed apart).
const BEFORE_WINDOW = [
  'dist/main/core/vault/data-dir.js',
  'dist/main/app/paths.js',
  'dist/protocol/csp.js',
  'dist/main/app/external-links.js',
  'dist/main/app/menu-template.js',
  'dist/main/app/window-state.js',
];
const BEFORE_PAGE = [
  'dist/main/desktop/api.js',
  'dist/main/app/env-options.js',
  'dist/main/app/ipc.js',
  'dist/main/core/updates/updater.js',
];

function moduleLoadMs(modules: string[]): number {
  const paths = modules.map((m) => join(process.cwd(), m));
  const script = `
    const t0 = performance.now();
    for (const m of ${JSON.stringify(paths)}) await import(m);
    process.stdout.write(String(performance.now() - t0));`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script]).toString());
}

async function firstRenderMs(): Promise<Array<{ afterLoad: number; fromStart: number }>> {
  const [browser, server, dataDir] = await Promise.all([
    launchChromium(),
    serveRenderer(),
    mkdtemp(join(tmpdir(), 'apppass-bench-startup-')),
  ]);
  const results = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const page = await (await browser.newContext()).newPage();
      const api = createDesktopApi({
        dataDir,
        openInBrowser: async () => undefined,
        clipboard: { writeText: () => undefined, readText: () => '' },
        emit: pageEmitter(page),
        chooseSavePath: async () => null,
      });
      await bindPreload(page, api, server.url);
      // When the first screen (its h2) is in the DOM, measured in the page itself.
      await page.addInitScript(() => {
        const w = window as unknown as { firstScreenAt?: number };
        new MutationObserver((_, observer) => {
          if (document.querySelector('h2')) {
            w.firstScreenAt = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(server.url, { waitUntil: 'load' });
      await page.waitForFunction(() => 'firstScreenAt' in window);
      results.push(
        await page.evaluate(() => {
          const at = (window as unknown as { firstScreenAt: number }).firstScreenAt;
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          return { afterLoad: Math.max(0, at - nav.loadEventEnd), fromStart: at };
        }),
      );
      await page.context().close();
    }
  } finally {
    await browser.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  return results;
}

execFileSync('npm', ['run', 'build:node'], { stdio: 'ignore' });
console.log(`renderer JS gzipped: ${(await rendererGzipKb()).toFixed(1)} KB (budget 150 KB)`);
const loads = Array.from({ length: rounds }, () => moduleLoadMs(BEFORE_WINDOW));
console.log(`main-process modules before the first window (Node): ${fmt(loads, 100)}`);
const core = Array.from({ length: rounds }, () => moduleLoadMs(BEFORE_PAGE));
console.log(`core modules, while the window is created (Node): ${fmt(core)}`);
const renders = await firstRenderMs();
console.log(
  `first screen after the load event (Chromium): ${fmt(
    renders.map((r) => r.afterLoad),
    200,
  )}`,
);
console.log(
  `first screen after navigation start (Chromium): ${fmt(
    renders.map((r) => r.fromStart),
    200,
  )}`,
);
