import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../harness/browser.js';
import { bindDesktopApi, startDesktopBench, type DesktopBench } from './bench.js';
import { checkScreen } from './page-checks.js';
import { ensureRendererBuilt, serveRenderer, type RendererServer } from './renderer-server.js';

describe('broker down at start: the sign-in is kept, with Retry', () => {
  let browser: Browser;
  let server: RendererServer;
  let db: DesktopBench;

  async function openApp(): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await bindDesktopApi(page, browser, db, server);
    await page.goto(server.url);
    return page;
  }

  beforeAll(async () => {
    await ensureRendererBuilt();
    [browser, server, db] = await Promise.all([
      launchChromium(),
      serveRenderer(),
      startDesktopBench(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await db?.stop();
  });

  it('says the server cannot be reached, retries, and never falls back to the sign-in form', async () => {
    const first = await openApp();
    await first.getByRole('textbox', { name: 'Email address' }).fill(db.loginAs.email);
    await first.getByRole('button', { name: 'Sign in' }).click();
    await first.getByText('You have no app passwords yet.').waitFor();
    await Promise.all(db.logins);
    await first.context().close();

    await db.bench.broker.close();
    const page = await openApp();
    await page.getByRole('heading', { name: 'Can’t reach the server' }).waitFor();
    await page
      .getByText(`You are still signed in as ${db.loginAs.email}`, { exact: false })
      .waitFor();
    expect(await page.getByRole('textbox', { name: 'Email address' }).count()).toBe(0);
    // Which server, as the command says it too.
    const host = new URL(db.bench.broker.url).host;
    await page
      .getByText(
        `Can’t reach the AppPass server. Check your internet connection and try again. (${host})`,
      )
      .waitFor();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page.getByText(`(${host})`, { exact: false }).waitFor();
    expect(await page.getByText('AppPass-Server', { exact: false }).count()).toBeGreaterThan(0);
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
    expect(await checkScreen(page, 'unreachable')).toEqual({ axe: [], english: [], overflow: [] });
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('heading', { name: 'Can’t reach the server' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Email address' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });
});
