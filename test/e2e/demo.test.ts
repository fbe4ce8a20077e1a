import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../harness/browser.js';
import { defaultUsers } from '../harness/idp/accounts.js';
import { completeLoginInBrowser } from '../harness/idp/browser-login.js';
import { processesOfRun, RUN_MARK } from '../harness/processes.js';

const DEMO = join(import.meta.dirname, '..', 'demo', 'demo.ts');

/** Resolves with the first stdout match of `pattern` printed by the demo. */
function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = pattern.exec(out);
      if (match) {
        child.stdout?.off('data', onData);
        resolve(match[1] ?? match[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`demo exited (${String(code)}) before ${pattern}`)),
    );
  });
}

describe('npm run demo (no display, no Electron binary)', () => {
  const runId = `demo-${randomUUID()}`;
  let demo: ChildProcess;
  let browser: Browser;
  let appUrl = '';

  beforeAll(async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, [RUN_MARK]: runId };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    demo = spawn(process.execPath, ['--import', 'tsx', DEMO], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    [appUrl, browser] = await Promise.all([
      waitForLine(demo, /\[demo\] app: (\S+)/),
      launchChromium(),
    ]);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    if (demo && demo.exitCode === null) demo.kill('SIGKILL');
  });

  it('serves the app marked as a demo, bound to the real core: sign in as a demo user', async () => {
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(appUrl);
    await page.getByRole('note').getByText('Demo:', { exact: false }).waitFor();
    const alice = defaultUsers().alice;
    await page.getByRole('textbox', { name: 'Email address' }).fill(alice.email);
    const signInUrl = waitForLine(demo, /sign-in page[^:]*: (\S+)/);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const idpPage = await browser.newPage();
    await completeLoginInBrowser(idpPage, await signInUrl, alice);
    await page.getByText(`Signed in as ${alice.email}`).waitFor();
    await page.getByText('You have no app passwords yet.').waitFor();
  });

  it('stops everything it started on Ctrl-C', async () => {
    const exited = new Promise<number | null>((resolve) => demo.once('exit', resolve));
    demo.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(await processesOfRun(runId)).toEqual([]);
  });
});
