import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSignInState } from '../../../main/core/auth/index.js';
import { launchChromium } from '../../harness/browser.js';
import { bindDesktopApi, startDesktopBench, type DesktopBench } from './bench.js';
import { de } from '../../../renderer/src/i18n/de.js';
import { en } from '../../../renderer/src/i18n/en.js';
import { checkScreen, type ScreenText } from './page-checks.js';
import { ensureRendererBuilt, serveRenderer, type RendererServer } from './renderer-server.js';

// The canary scan of the desktop app: every secret that enters it (the user's password typed
// at the IdP, the app passwords it creates and replaces, refresh and access tokens, the
// password a check logs in with, the broker's mailcow API key) is caught or planted, a whole
// session runs through the window, and then the text of every screenshot (rendered text,
// accessibility tree, labels, field values), every report copied, the broker's log and every
// file under the data folder are searched. A new password may be in one place only: the
// show-once field (and the clipboard when the person copies it).

const CHECK_PASSWORD = 'Canary-Check-Pw-7e3a51';
/** Access and ID tokens are JWTs on the bench: none may show anywhere. */
const JWT = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\./;
/** Where a new password must be, on the screens that show it once: its field, by any name. */
const SHOW_ONCE_FIELD = new RegExp(
  `^(field #new-password|accessibility tree - textbox "(${en.passwordLabel}|${de.passwordLabel})")`,
);
// The accessibility snapshot is YAML: a value with `#`, `:` and the like comes double-quoted.
const inShowOnceField = (t: ScreenText, passwords: ReadonlySet<string>) =>
  SHOW_ONCE_FIELD.test(t.place) &&
  [...passwords].some(
    (p) => t.text === p || t.text.endsWith(`: ${p}`) || t.text.endsWith(`: ${JSON.stringify(p)}`),
  );

describe('desktop canary scan: no secret on any screen but the show-once field', () => {
  let browser: Browser;
  let page: Page;
  let server: RendererServer;
  let db: DesktopBench;
  let shots: string;
  const texts: ScreenText[] = [];
  const secrets = new Map<string, string>();
  /** App passwords: shown once, copied on request. */
  const appPasswords = new Set<string>();
  const mailbox = () => db.bench.idp.users.alice.email;

  const shoot = (name: string) => checkScreen(page, name, { dir: shots, texts });
  const newestId = () => Math.max(...db.bench.mailcow.appPasswords(mailbox()).map((p) => p.id));

  async function refreshToken(): Promise<string | null> {
    const state = await readSignInState(db.dataDir);
    return state && db.vault.readRefreshToken(state.issuer, state.sub);
  }

  async function filesUnder(dir: string): Promise<string[]> {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    return Promise.all(
      entries.filter((e) => e.isFile()).map((e) => readFile(join(e.parentPath, e.name), 'latin1')),
    );
  }

  /** Shows the new password, copies it as the person would, and leaves the panel. */
  async function takeShownPassword(what: string): Promise<string> {
    const field = page.getByLabel('App password', { exact: true });
    await field.waitFor({ timeout: 60_000 });
    const password = await field.inputValue();
    expect(password.length).toBeGreaterThanOrEqual(24);
    secrets.set(what, password);
    appPasswords.add(password);
    return password;
  }

  async function runCheck(summary: RegExp) {
    await page.getByRole('button', { name: 'Run check' }).click();
    await page.getByText(summary).waitFor({ timeout: 60_000 });
    await page.getByText('Details', { exact: true }).click();
  }

  beforeAll(async () => {
    await ensureRendererBuilt();
    [browser, server, db] = await Promise.all([
      launchChromium(),
      serveRenderer(),
      startDesktopBench(),
    ]);
    shots = await mkdtemp(join(tmpdir(), 'apppass-canary-shots-'));
    page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await bindDesktopApi(page, browser, db, server);
    await page.goto(server.url);
    secrets.set('the user’s password typed at the IdP', db.bench.idp.users.alice.password);
    secrets.set('the broker’s mailcow API key', db.bench.mailcow.rwKey);
    secrets.set('the password the check logs in with', CHECK_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await db?.stop();
    if (shots) await rm(shots, { recursive: true, force: true });
  });

  it('runs a whole session, shooting every screen', async () => {
    await shoot('sign-in');
    await page.getByRole('textbox', { name: 'Email address' }).fill(mailbox());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('You have no app passwords yet.').waitFor();
    await Promise.all(db.logins);
    const token = await refreshToken();
    if (token) secrets.set('the refresh token at sign-in', token);
    await shoot('list-empty');

    await page.getByRole('button', { name: 'New app password' }).click();
    await page.getByRole('textbox', { name: /^Name/ }).fill('Canary phone');
    await shoot('create');
    await page.getByRole('button', { name: 'Create password' }).click();
    const created = await takeShownPassword('the app password created');
    await shoot('show-once');
    await page.getByRole('button', { name: 'Copy password' }).click();
    await page.getByText('Copied.', { exact: false }).waitFor();
    await shoot('show-once-copied');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('row', { name: /Canary phone/ }).waitFor();
    await page.getByRole('button', { name: 'Copy Canary phone' }).click();
    await page.getByText('Copied.', { exact: false }).waitFor();
    await shoot('list');

    await page.getByRole('button', { name: 'Connectivity check' }).click();
    await page.getByRole('option', { name: 'Canary phone' }).waitFor({ state: 'attached' });
    await runCheck(/^Your mail works/);
    await shoot('doctor');
    await page.getByRole('button', { name: 'Copy report' }).click();
    await page.getByText(/Report copied/).waitFor();
    // The check logs in with a password the server refuses: the canary must not come back.
    const id = newestId();
    await db.vault.storeAppPassword(mailbox(), id, CHECK_PASSWORD);
    await runCheck(/refused this password/);
    await shoot('doctor-failed');
    await page.getByRole('button', { name: 'Copy report' }).click();
    await page.getByText(/Report copied/).waitFor();
    await db.vault.storeAppPassword(mailbox(), id, created);

    await page.getByRole('button', { name: 'App passwords' }).click();
    await page.getByRole('button', { name: 'Replace password Canary phone' }).click();
    await takeShownPassword('the replacement password');
    await shoot('rotate');
    await page.getByRole('button', { name: 'Copy password' }).click();
    await page.getByRole('button', { name: 'My mail program uses the new password' }).click();
    await page.getByText(/may keep working for up to 5 minutes/).waitFor();
    await shoot('list-rotated');

    // An error message: the keychain copy is gone when the person asks for it.
    await db.vault.deleteAppPassword(mailbox(), newestId());
    await page.getByRole('button', { name: 'Copy Canary phone' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/\S/);
    await shoot('copy-failed');

    const later = await refreshToken();
    if (later) secrets.set('the refresh token after refreshes', later);
    await page.getByRole('button', { name: 'Settings' }).click();
    await shoot('settings');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await shoot('signed-out');
  }, 240_000);

  it('caught every kind of secret it plants, and found each new password where it must be', () => {
    expect(secrets.size).toBeGreaterThanOrEqual(6);
    for (const password of appPasswords)
      expect(
        texts.some((t) => t.place.startsWith('field #new-password') && t.text === password),
      ).toBe(true);
  });

  it('finds no secret on any screen, in any copied report, log or data file', async () => {
    const screens = texts.filter((t) => !inShowOnceField(t, appPasswords));
    const places: Record<string, string[]> = {
      // What the person copied on purpose (a password) is theirs; anything else is scanned.
      'what the app put on the clipboard': db.clipboard.filter((c) => !appPasswords.has(c)),
      'the broker’s log': db.bench.logs,
      'files under the data directory': await filesUnder(db.dataDir),
    };
    // The two reports of the check at least (passed and refused).
    expect(places['what the app put on the clipboard']?.length).toBeGreaterThanOrEqual(2);
    for (const t of screens) (places[`${t.screen}, ${t.place}`] ??= []).push(t.text);
    const leaks: string[] = [];
    for (const [place, found] of Object.entries(places)) {
      for (const [what, secret] of secrets)
        if (found.some((t) => t.includes(secret))) leaks.push(`${what} in ${place}`);
      if (found.some((t) => JWT.test(t))) leaks.push(`a JWT (access or ID token) in ${place}`);
    }
    expect(leaks).toEqual([]);
    // The scan saw the screens it claims to: every screen, each in four screenshots.
    expect(new Set(texts.map((t) => t.screen)).size).toBe(4 * 13);
  });
});
