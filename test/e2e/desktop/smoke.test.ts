import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesktopApi } from '../../../main/desktop/api.js';
import { launchChromium } from '../../harness/browser.js';
import { bindPreload, pageEmitter } from './preload-host.js';
import { ensureRendererBuilt, serveRenderer, type RendererServer } from './renderer-server.js';
import { checkScreen, tabUntilFocused, unnamedControls, watchPageProblems } from './page-checks.js';

describe('built renderer in Chromium, bound to the real desktop API', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let server: RendererServer;
  let dataDir: string;
  let problems: ReturnType<typeof watchPageProblems>;

  beforeAll(async () => {
    await ensureRendererBuilt();
    [browser, server, dataDir] = await Promise.all([
      launchChromium(),
      serveRenderer(),
      mkdtemp(join(tmpdir(), 'apppass-e2e-')),
    ]);
    context = await browser.newContext({ locale: 'en-US' });
    page = await context.newPage();
    problems = watchPageProblems(page);
    const api = createDesktopApi({
      dataDir,
      openInBrowser: async () => undefined,
      clipboard: { writeText: () => undefined, readText: () => '' },
      emit: pageEmitter(page),
      chooseSavePath: async () => null,
    });
    await bindPreload(page, api, server.url);
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('renders the sign-in screen without CSP violations or page errors', async () => {
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Email address' }).isVisible()).toBe(true);
    expect(problems.csp).toEqual([]);
    expect(problems.errors).toEqual([]);
  });

  it('gives every control an accessible name', async () => {
    expect(await page.getByRole('button').count()).toBeGreaterThan(0);
    expect(await unnamedControls(page)).toEqual([]);
  });

  it('reaches the sign-in button with the keyboard alone', async () => {
    const button = page.getByRole('button', { name: 'Sign in' });
    expect(await tabUntilFocused(page, button)).not.toBeNull();
  });

  it('switches to German', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
  });

  it('passes axe-core in light and dark, English and German, with no English left in German', async () => {
    expect(await checkScreen(page, 'sign-in')).toEqual({ axe: [], english: [], overflow: [] });
    expect(problems.csp).toEqual([]);
  });
});
