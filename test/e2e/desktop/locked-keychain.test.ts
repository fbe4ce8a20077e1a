import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../harness/browser.js';
import { discoveryDocumentFor, startBench, type Bench } from '../../harness/broker-bench.js';
import { startKeyring, type LockableKeyring } from '../../harness/keyring.js';
import { logInInSystemBrowser } from './bench.js';
import { startCoreChild, type CoreChild } from './core-child.js';
import { checkScreen } from './page-checks.js';
import { bindPreload } from './preload-host.js';
import { ensureRendererBuilt, serveRenderer, type RendererServer } from './renderer-server.js';

// A real gnome-keyring, locked while the app runs (as a screen lock does): the app says
// "locked", not "missing", offers Try again, and finds it unlocked again after that.

describe('desktop app with a locked keychain', () => {
  let browser: Browser;
  let server: RendererServer;
  let bench: Bench;
  let keyring: LockableKeyring;
  let dir: string;
  let page: Page;
  let core: CoreChild | undefined;
  const logins: Promise<void>[] = [];

  beforeAll(async () => {
    await ensureRendererBuilt();
    [browser, server, bench, keyring, dir] = await Promise.all([
      launchChromium(),
      serveRenderer(),
      startBench(),
      startKeyring(),
      mkdtemp(join(tmpdir(), 'apppass-locked-keychain-')),
    ]);
    const dataDir = join(dir, 'data');
    const config = join(dir, 'discovery.json');
    await mkdir(dataDir);
    const doc = discoveryDocumentFor(bench, ['imap_access', 'smtp_access'], {
      imap: { host: 'mail.example.test', port: 993, security: 'tls' },
      smtp: { host: 'mail.example.test', port: 465, security: 'tls' },
    });
    await writeFile(config, JSON.stringify(doc));
    page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    const env = {
      PATH: process.env.PATH,
      HOME: join(dir, 'home'),
      APPPASS_INSECURE_HTTP: '1',
      ...keyring.env,
    };
    core = startCoreChild(
      env,
      { dataDir, config },
      { page, open: (url) => logins.push(logIn(url)) },
    );
    await bindPreload(page, core.api, server.url);
    await page.goto(server.url);
  });

  const logIn = (url: string) => logInInSystemBrowser(browser, bench, url, bench.idp.users.alice);

  afterAll(async () => {
    await core?.stop();
    await browser?.close();
    await server?.stop();
    await bench?.stop();
    await keyring?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const lockedNotice = () => page.getByRole('group', { name: 'Your keychain is locked' });

  it('says the keychain is locked (not missing), with Try again', async () => {
    const email = bench.idp.users.alice.email;
    await page.getByRole('textbox', { name: 'Email address' }).fill(email);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('You have no app passwords yet.').waitFor();
    await Promise.all(logins);
    expect(await lockedNotice().count()).toBe(0);

    await keyring.lock();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await lockedNotice().waitFor();
    await lockedNotice().getByText('Unlock it and try again', { exact: false }).waitFor();
    expect(await page.getByText('no usable keychain', { exact: false }).count()).toBe(0);
    expect(await checkScreen(page, 'keychain-locked')).toEqual({
      axe: [],
      english: [],
      overflow: [],
    });
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page.getByRole('heading', { name: 'Ihr Schlüsselbund ist gesperrt' }).waitFor();
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
  });

  it('shows a new password once while locked, saying why it is not stored', async () => {
    await page.getByRole('button', { name: 'New app password' }).click();
    await page.getByRole('button', { name: 'Create password' }).click();
    await page
      .getByText('Not stored on this device: The keychain is locked. Unlock it and try again.')
      .waitFor();
    await page.getByRole('button', { name: 'Copy password' }).click();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('heading', { name: 'Your app passwords' }).waitFor();
  });

  it('Try again finds the keychain unlocked once it is', async () => {
    await lockedNotice().getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('row', { name: /Thunderbird/ }).waitFor();
    await lockedNotice().waitFor();
    await keyring.unlock();
    // The check the first Try again started may still be waiting on the locked keychain (up to
    // the vault's keychain timeout) and may answer after the unlock, taking the notice away
    // between our look and our click: so click Try again while the notice is there, until it goes.
    await expect
      .poll(
        async () => {
          if ((await lockedNotice().count()) === 0) return 'gone';
          const retry = lockedNotice().getByRole('button', { name: 'Try again' });
          await retry.click({ timeout: 2000 }).catch(() => undefined);
          return 'shown';
        },
        { timeout: 60_000, interval: 2000 },
      )
      .toBe('gone');
    expect(await page.getByText('no usable keychain', { exact: false }).count()).toBe(0);
  });
});
