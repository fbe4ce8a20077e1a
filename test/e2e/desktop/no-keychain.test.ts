import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../harness/browser.js';
import { startBareDbus, type Keyring } from '../../harness/keyring.js';
import { discoveryDocumentFor, startBench, type Bench } from '../../harness/broker-bench.js';
import { logInInSystemBrowser } from './bench.js';
import { startCoreChild, type CoreChild } from './core-child.js';
import { bindPreload } from './preload-host.js';
import { SCREENSHOT_DIR } from './page-checks.js';
import { ensureRendererBuilt, serveRenderer, type RendererServer } from './renderer-server.js';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Files under `dir` that contain `secret`, by name only (the secret is never printed). */
async function filesHolding(dir: string, secret: string): Promise<string[]> {
  const files = await filesUnder(dir);
  const holding = await Promise.all(
    files.map(async (f) => ((await readFile(f, 'latin1')).includes(secret) ? f : null)),
  );
  return holding.filter((f): f is string => f !== null);
}

describe('desktop app on Linux without a Secret Service keychain', () => {
  let browser: Browser;
  let server: RendererServer;
  let bench: Bench;
  let bus: Keyring;
  let dir: string;
  let page: Page;
  const cores: CoreChild[] = [];
  const logins: Promise<void>[] = [];
  const paths = () => ({ dataDir: join(dir, 'data'), config: join(dir, 'discovery.json') });

  async function openApp(): Promise<Page> {
    const p = await (await browser.newContext({ locale: 'en-US' })).newPage();
    const core = startCoreChild(
      {
        PATH: process.env.PATH,
        HOME: join(dir, 'home'),
        XDG_DATA_HOME: join(dir, 'home', 'data'),
        XDG_CONFIG_HOME: join(dir, 'home', 'config'),
        APPPASS_INSECURE_HTTP: '1',
        ...bus.env,
      },
      paths(),
      { page: p, open: (url) => logins.push(logIn(url)) },
    );
    cores.push(core);
    await bindPreload(p, core.api, server.url);
    await p.goto(server.url);
    return p;
  }

  const logIn = (url: string) => logInInSystemBrowser(browser, bench, url, bench.idp.users.alice);

  beforeAll(async () => {
    await ensureRendererBuilt();
    [browser, server, bench, bus, dir] = await Promise.all([
      launchChromium(),
      serveRenderer(),
      startBench(),
      startBareDbus(),
      mkdtemp(join(tmpdir(), 'apppass-no-keychain-')),
    ]);
    await mkdir(paths().dataDir);
    const doc = discoveryDocumentFor(bench, ['imap_access', 'smtp_access'], {
      imap: { host: 'mail.example.test', port: 993, security: 'tls' },
      smtp: { host: 'mail.example.test', port: 465, security: 'tls' },
    });
    await writeFile(paths().config, JSON.stringify(doc));
    page = await openApp();
  });

  afterAll(async () => {
    for (const core of cores) await core.stop();
    await browser?.close();
    await server?.stop();
    await bench?.stop();
    await bus?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('signs in for this session and says plainly what to install', async () => {
    const email = bench.idp.users.alice.email;
    await page.getByRole('textbox', { name: 'Email address' }).fill(email);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(`Signed in as ${email}`).waitFor();
    await Promise.all(logins);
    const notice = page.getByText('This device has no usable keychain', { exact: false });
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toMatch(/no Secret Service/);
    expect(text).toMatch(/apt install gnome-keyring/);
    expect(text).toMatch(/shown once and not stored, and you sign in again at every start/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'no-keychain-list.png'), fullPage: true });
  });

  it('shows a new password once, stores it nowhere, and lists it as not on this device', async () => {
    await page.getByRole('button', { name: 'New app password' }).click();
    await page.getByRole('button', { name: 'Create password' }).click();
    const field = page.getByLabel('App password', { exact: true });
    await field.waitFor();
    const password = await field.inputValue();
    expect(password.length).toBeGreaterThanOrEqual(24);
    await page.getByText('Not stored on this device:', { exact: false }).waitFor();
    await page.screenshot({
      path: join(SCREENSHOT_DIR, 'no-keychain-show-once.png'),
      fullPage: true,
    });

    // Only the non-secret sign-in state is on disk: no index entry, no password, no token.
    const dataFiles = (await filesUnder(paths().dataDir)).map((f) =>
      f.slice(paths().dataDir.length + 1),
    );
    // creates.json is the create journal (ids, names, an idempotency key; emptied when done).
    expect(dataFiles.filter((f) => f !== 'creates.json')).toEqual(['session.json']);
    expect(await filesHolding(dir, password)).toEqual([]);
    const state = JSON.parse(
      await readFile(join(paths().dataDir, 'session.json'), 'utf8'),
    ) as object;
    expect(Object.keys(state).filter((k) => /token|secret|password/i.test(k))).toEqual([]);

    await page.getByRole('button', { name: 'Done' }).click();
    // Not copied, not stored: leaving asks first, and says it is shown only this once.
    await page.getByText('It is shown only this once.', { exact: false }).last().waitFor();
    await page.getByRole('button', { name: 'Leave' }).click();
    const row = page.getByRole('row', { name: /Thunderbird/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/IMAP, SMTP.*No/);
  });

  it('asks to sign in again on the next start (the refresh token was kept in memory only)', async () => {
    const restarted = await openApp();
    await restarted.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await restarted.getByText('Signed in as', { exact: false }).count()).toBe(0);
    expect(await filesUnder(join(dir, 'home')).catch(() => [])).toEqual([]);
  });
});
