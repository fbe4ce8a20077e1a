import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../harness/browser.js';
import { guideEnvFor } from '../../integration/harness/idp/profiles/fixture.js';
import { bindDesktopApi, startDesktopBench, type DesktopBench } from './bench.js';
import { checkScreen, watchPageProblems } from './page-checks.js';
import { ensureRendererBuilt, serveRenderer, type RendererServer } from './renderer-server.js';

// Keycloak (bench profile, broker as docs/admin.md says): a user whose "Email verified" flag is
// off signs in; the desktop app names the fix in English and German.
describe('desktop: an unverified Keycloak user is told the fix', () => {
  let browser: Browser;
  let page: Page;
  let server: RendererServer;
  let db: DesktopBench;

  beforeAll(async () => {
    await ensureRendererBuilt();
    [browser, server, db] = await Promise.all([
      launchChromium(),
      serveRenderer(),
      startDesktopBench({ idp: { profile: 'keycloak' }, envFor: guideEnvFor('keycloak') }),
    ]);
    db.loginAs = db.bench.idp.users.mallory;
    page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await bindDesktopApi(page, browser, db, server);
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await db?.stop();
  });

  it('shows the Keycloak fix in the alert, in English and German', async () => {
    const problems = watchPageProblems(page);
    await page.getByRole('textbox', { name: 'Email address' }).fill(db.loginAs.email);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText(/Keycloak does not confirm your email address/).waitFor();
    expect(await alert.textContent()).toContain('switch on “Email verified” for your user');
    expect(await checkScreen(page, 'unverified-keycloak')).toEqual({
      axe: [],
      english: [],
      overflow: [],
    });
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    expect(await page.getByRole('alert').textContent()).toContain(
      'Keycloak bestätigt Ihre E-Mail-Adresse nicht',
    );
    await page.getByRole('combobox', { name: /Sprache/ }).selectOption('en');
    expect(problems.errors).toEqual([]);
  });
});
