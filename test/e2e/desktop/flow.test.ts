import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'plist';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../harness/browser.js';
import { bindDesktopApi, startDesktopBench, type DesktopBench } from './bench.js';
import {
  checkScreen,
  tabUntilFocused,
  unnamedControls,
  watchPageProblems,
  type ScreenFindings,
} from './page-checks.js';
import { ensureRendererBuilt, serveRenderer, type RendererServer } from './renderer-server.js';

/** A profile the app saved, parsed as Apple's plist format (and its raw text). */
async function savedProfile(path: string | undefined) {
  const text = await readFile(path ?? '', 'utf8');
  const profile = parse(text) as { PayloadContent: Array<Record<string, unknown>> };
  return { ...profile, text };
}

const isFocused = (page: Page, name: string) =>
  page.getByRole('button', { name, exact: true }).evaluate((el) => el === document.activeElement);

describe('desktop flow: sign in, create, copy, check, replace, revoke, settings', () => {
  let browser: Browser;
  let page: Page;
  let server: RendererServer;
  let db: DesktopBench;
  let problems: ReturnType<typeof watchPageProblems>;
  let password = '';
  let firstId: number | undefined;
  const findings: ScreenFindings = { axe: [], english: [], overflow: [] };
  /** Screenshots, axe-core, English left in German, overflow at the minimum width. */
  async function check(name: string) {
    const found = await checkScreen(page, name);
    for (const key of ['axe', 'english', 'overflow'] as const) findings[key].push(...found[key]);
    expect(await unnamedControls(page)).toEqual([]);
  }
  const mailbox = () => db.bench.idp.users.alice.email;

  beforeAll(async () => {
    await ensureRendererBuilt();
    [browser, server, db] = await Promise.all([
      launchChromium(),
      serveRenderer(),
      startDesktopBench(),
    ]);
    page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    problems = watchPageProblems(page);
    await bindDesktopApi(page, browser, db, server);
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await db?.stop();
  });

  it('waits for the browser with one notice: organisation, open again, copy link, Cancel focused', async () => {
    await check('sign-in');
    db.browserAction = 'ignore';
    await page.getByRole('textbox', { name: 'Email address' }).fill(mailbox());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Continue in your browser' }).waitFor();
    await page.getByText('Sign in with example.test in the browser window').waitFor();
    expect(await isFocused(page, 'Cancel sign-in')).toBe(true);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText('Link copied.', { exact: false }).waitFor();
    expect(db.clipboard.at(-1)).toMatch(new RegExp(`^${db.bench.idp.issuer}/`));
    await check('sign-in-wait');
    await page.keyboard.press('Escape');
    await page.getByText('Sign-in cancelled.').waitFor();
    expect(await page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
    db.browserAction = 'login';
  });

  it('signs in through the IdP in the system browser', async () => {
    await page.getByRole('textbox', { name: 'Email address' }).fill(mailbox());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(`Signed in as ${mailbox()}`).waitFor();
    await Promise.all(db.logins);
    await page.getByText('You have no app passwords yet.').waitFor();
    await check('list-empty');
  });

  it('restores the sign-in on the next start (state file + refresh token in the keychain)', async () => {
    const restarted = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await bindDesktopApi(restarted, browser, db, server);
    await restarted.goto(server.url);
    await restarted.getByText(`Signed in as ${mailbox()}`).waitFor();
    await restarted.getByText('You have no app passwords yet.').waitFor();
    await restarted.context().close();
  });

  it('creates a password for Thunderbird: numbered steps, settings, protocols under Advanced', async () => {
    await page.getByRole('button', { name: 'New app password' }).click();
    expect(await page.getByRole('radio', { name: 'Thunderbird' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'IMAP' }).isVisible()).toBe(false);
    await page.getByText('Advanced: which protocols').click();
    expect(await page.getByRole('checkbox', { name: 'IMAP' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'SMTP' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'POP3' }).isChecked()).toBe(false);
    // An empty name is marked and linked to its message.
    await page.getByRole('textbox', { name: /^Name/ }).fill('');
    await page.getByRole('button', { name: 'Create password' }).click();
    const name = page.getByRole('textbox', { name: /^Name/ });
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.getAttribute('aria-describedby')).toBe('password-name-error');
    await name.fill('Thunderbird');
    await check('create');
    await page.getByRole('button', { name: 'Create password' }).click();
    const field = page.getByLabel('App password', { exact: true });
    await field.waitFor();
    password = await field.inputValue();
    expect(password.length).toBeGreaterThanOrEqual(24);
    expect(await field.getAttribute('type')).toBe('password');
    await page.getByRole('heading', { name: 'Set up Thunderbird' }).waitFor();
    const steps = await page.getByRole('listitem').allTextContents();
    expect(steps.join('\n')).toContain(`User name: your full email address, ${mailbox()}.`);
    expect(steps.join('\n')).toContain('Thunderbird finds the servers by itself.');
    const imapRow = page.getByRole('row', { name: /IMAP \(incoming\)/ });
    expect(await imapRow.textContent()).toContain(String(db.dovecot.ports.imaps));
    await page.getByText('Also stored in this device’s keychain.').waitFor();
    await check('show-once');
  });

  it('asks before leaving without a copy; copies through main by handle', async () => {
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('dialog', { name: 'Leave without copying?' }).waitFor();
    expect(await isFocused(page, 'Stay')).toBe(true);
    await check('show-once-leave');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await isFocused(page, 'Done')).toBe(true);
    await page.getByRole('button', { name: 'Copy password' }).click();
    await page.getByText('Copied. The clipboard clears in 30 s.').waitFor();
    expect(db.clipboard.at(-1) === password).toBe(true);
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('heading', { name: 'Your app passwords' }).waitFor();
  });

  it('lists it as stored on this device and copies it again from the list', async () => {
    firstId = db.bench.mailcow.appPasswords(mailbox())[0]?.id;
    expect(firstId).toBeTypeOf('number');
    const row = page.getByRole('row', { name: /Thunderbird/ });
    expect(await row.textContent()).toMatch(/IMAP, SMTP.*Yes/);
    db.clipboard.push('something else');
    await page.getByRole('button', { name: 'Copy Thunderbird' }).click();
    await page.getByText('Copied. The clipboard clears in 30 s.').waitFor();
    expect(db.clipboard.at(-1) === password).toBe(true);
    await check('list');
  });

  it('a failed action says so by the list, with the server and HTTP status, until the next one', async () => {
    db.bench.mailcow.setFault({ kind: 'status', status: 500 });
    try {
      await page.getByRole('button', { name: 'Refresh' }).click();
      const list = page.getByRole('region', { name: 'Your app passwords' });
      await list.getByRole('alert').waitFor();
      // Found by its id from here on: the region's name changes with the language.
      const problemId = await list.getByRole('alert').getAttribute('id');
      expect(await list.getAttribute('aria-describedby')).toBe(problemId);
      const problem = page.locator(`[id="${problemId}"]`);
      expect(await problem.textContent()).toMatch(
        /^Problem: The mail server does not answer right now\. Try again later\./,
      );
      // What the broker said is long: behind "Details", with the HTTP status first.
      const details = problem.getByText(/^HTTP 502, “.+”$/);
      expect(await details.isVisible()).toBe(false);
      await problem.getByText('Details', { exact: true }).click();
      expect(await details.isVisible()).toBe(true);
      await check('list-error');
      await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
      await problem.getByText('Der Mailserver antwortet gerade nicht.', { exact: false }).waitFor();
      expect(await details.isVisible()).toBe(true);
      await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
    } finally {
      db.bench.mailcow.setFault(null);
    }
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('alert').waitFor({ state: 'detached' });
  });

  it('checks with the newest stored password: one sentence, counts, not needed, details', async () => {
    await page.getByRole('button', { name: 'Connectivity check' }).click();
    const picker = page.getByRole('combobox', { name: 'Log in with' });
    await page.getByRole('option', { name: 'Thunderbird' }).waitFor({ state: 'attached' });
    expect(await picker.inputValue()).toBe(String(firstId));
    await page.getByRole('button', { name: 'Run check' }).click();
    const summary = page.getByText(
      'Your mail works: every server answered and your password was accepted.',
    );
    await summary.waitFor({ timeout: 60_000 });
    await page.getByText('0 failed, 2 passed, 2 not needed').waitFor();
    for (const row of await page.getByRole('row', { name: /^(POP3|ManageSieve) / }).all()) {
      expect(await row.textContent()).toMatch(/Not needed.*nothing to fix/);
    }
    expect(await db.dovecot.authFailures()).toBe(0);
    // Host, port and timings are behind "Details".
    const port = `:${db.dovecot.ports.imaps}`;
    expect(await page.getByText(port, { exact: false }).isVisible()).toBe(false);
    await page.getByText('Details', { exact: true }).click();
    expect(await page.getByText(port, { exact: false }).isVisible()).toBe(true);
    await check('doctor');
    await page.getByRole('button', { name: 'Copy report' }).click();
    await page.getByText(/Report copied/).waitFor();
    const report = db.clipboard.at(-1) ?? '';
    expect(report).toContain('# Mail connectivity check for ***@example.test');
    expect(report).toContain(
      '**Your mail works: every server answered and your password was accepted.**',
    );
    expect(report).toContain('0 failed, 2 passed, 2 not needed.');
    expect(report.includes(password)).toBe(false);
  });

  it('a refused password leads the check with whose problem it is', async () => {
    // The keychain copy no longer matches: one failed login, never retried.
    await db.vault.storeAppPassword(mailbox(), firstId ?? -1, 'not-the-password-0000000000');
    try {
      await page.getByRole('button', { name: 'Run check' }).click();
      await page
        .getByText('The mail server refused this password: replace it or create a new one.', {
          exact: false,
        })
        .waitFor({ timeout: 60_000 });
      await page.getByText(/^[12] failed, 0 passed, 2 not needed$/).waitFor();
      const first = page.getByRole('row').nth(1);
      expect(await first.textContent()).toMatch(
        /Login refused.*Replace this password or create a new one\./,
      );
      expect(await page.getByText(/of \d+ passed/).count()).toBe(0);
      await check('doctor-failed');
    } finally {
      await db.vault.storeAppPassword(mailbox(), firstId ?? -1, password);
    }
  });

  it('replaces it: "Finish later" leaves the old one marked, resume finishes the job', async () => {
    await page.getByRole('button', { name: 'App passwords' }).click();
    await page.getByRole('button', { name: 'Replace password Thunderbird' }).click();
    await page.getByRole('heading', { name: 'Replacement password' }).waitFor({ timeout: 60_000 });
    await page.getByText('Checked with a real login: IMAP, SMTP.').waitFor();
    const replacement = await page.getByLabel('App password', { exact: true }).inputValue();
    expect(replacement.length >= 24 && replacement !== password).toBe(true);
    await check('rotate');
    await page.getByRole('button', { name: 'Finish later' }).click();
    await page.getByRole('button', { name: 'Leave' }).click();
    await page.getByRole('heading', { name: 'Your app passwords' }).waitFor();
    const old = page.getByRole('row').filter({ hasText: 'replacement pending' });
    await old.waitFor();
    expect(await old.getByRole('rowheader').textContent()).toBe('Thunderbirdreplacement pending');
    await page.getByRole('row', { name: /^Thunderbird \(2\)/ }).waitFor();
    expect(db.bench.mailcow.appPasswords(mailbox())).toHaveLength(2);
    await check('list-pending');
    await page.getByRole('button', { name: 'Finish replacing Thunderbird' }).click();
    await page.getByRole('heading', { name: 'Replacement password' }).waitFor({ timeout: 60_000 });
    const resumed = await page.getByLabel('App password', { exact: true }).inputValue();
    expect(resumed === replacement).toBe(true);
    await page.getByRole('button', { name: 'My mail program uses the new password' }).click();
    await page.getByText(/may keep working for up to 5 minutes/).waitFor();
    await page
      .getByRole('row', { name: /Thunderbird/ })
      .first()
      .waitFor();
    expect(await page.getByRole('row', { name: /Thunderbird/ }).count()).toBe(1);
    const onServer = db.bench.mailcow.appPasswords(mailbox());
    expect(onServer.map((p) => p.name)).toEqual(['Thunderbird']);
    expect(onServer[0]?.id).not.toBe(firstId);
  });

  it('creates and revokes with the keyboard alone; the dialog traps and returns the focus', async () => {
    await page.getByRole('button', { name: 'App passwords' }).click();
    await page.getByRole('heading', { name: 'Your app passwords' }).waitFor();
    expect(
      await tabUntilFocused(page, page.getByRole('button', { name: 'New app password' })),
    ).not.toBeNull();
    await page.keyboard.press('Enter');
    const title = page.getByRole('heading', { name: 'New app password' });
    await title.waitFor();
    expect(await title.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(
      await tabUntilFocused(page, page.getByRole('textbox', { name: /^Name/ })),
    ).not.toBeNull();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Keyboard');
    await page.keyboard.press('Enter');
    await page.getByLabel('App password', { exact: true }).waitFor();
    expect(
      await tabUntilFocused(page, page.getByRole('button', { name: 'Copy password' })),
    ).not.toBeNull();
    await page.keyboard.press('Enter');
    await page.getByText('Copied.', { exact: false }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('row', { name: /^Keyboard/ }).waitFor();

    const revoke = page.getByRole('button', { name: 'Revoke Keyboard' });
    expect(await tabUntilFocused(page, revoke, 40)).not.toBeNull();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    expect(await isFocused(page, 'Cancel')).toBe(true);
    // Tab stays inside the dialog.
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).toBe(
        true,
      );
    }
    await page.keyboard.press('Escape');
    expect(await revoke.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await check('confirm-revoke');
    await page.keyboard.press('Shift+Tab');
    expect(await isFocused(page, 'Yes, revoke')).toBe(true);
    await page.keyboard.press('Enter');
    await page
      .getByText('A revoked password may keep working for up to 5 minutes.', { exact: false })
      .waitFor();
    // The notice shows as soon as the revoke answers; the list reloads right after it.
    await expect
      .poll(() => page.getByRole('row', { name: /^Keyboard/ }).count(), { timeout: 10_000 })
      .toBe(0);
    expect(
      await page.evaluate(() => (document.activeElement as HTMLButtonElement | null)?.disabled),
    ).not.toBe(true);
  });

  it('creates for Apple Mail and saves a configuration profile, the password only when asked', async () => {
    await page.getByRole('button', { name: 'New app password' }).click();
    await page.getByRole('radio', { name: 'Apple Mail' }).check();
    await page.getByRole('button', { name: 'Create password' }).click();
    // Apple Mail's own wording: a "Use TLS/SSL" switch.
    await page.getByRole('columnheader', { name: 'Use TLS/SSL' }).waitFor();
    expect(await page.getByRole('row', { name: /IMAP/ }).textContent()).toContain('On');
    const secret = await page.getByLabel('App password', { exact: true }).inputValue();
    const include = page.getByRole('checkbox', { name: 'Put the password into the profile' });
    expect(await include.isChecked()).toBe(false);
    await check('show-once-apple');

    const save = page.getByRole('button', { name: 'Save profile…' });
    await save.click();
    await page.getByText(/^Profile saved to .*\.mobileconfig\.$/).waitFor();
    const without = await savedProfile(db.saved.at(-1));
    const mail = without.PayloadContent[0] ?? {};
    expect(mail).toMatchObject({
      PayloadType: 'com.apple.mail.managed',
      EmailAddress: mailbox(),
      IncomingMailServerHostName: db.dovecot.host,
      IncomingMailServerPortNumber: db.dovecot.ports.imaps,
      IncomingMailServerUseSSL: true,
      IncomingMailServerUsername: mailbox(),
      OutgoingMailServerHostName: db.dovecot.host,
      OutgoingMailServerPortNumber: db.dovecot.ports.submissions,
      OutgoingMailServerUsername: mailbox(),
    });
    expect('IncomingPassword' in mail).toBe(false);
    expect(without.text.includes(secret)).toBe(false);

    await include.check();
    await page
      .getByText('Anyone who gets the file can read the password', { exact: false })
      .waitFor();
    await save.click();
    await page.getByText(/^Profile saved to/).waitFor();
    const withPassword = await savedProfile(db.saved.at(-1));
    expect(withPassword.PayloadContent[0]?.IncomingPassword === secret).toBe(true);
    // Saved with the password: leaving no longer asks about copying it.
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('row', { name: /Apple Mail/ }).waitFor();
  });

  it('revokes all at once', async () => {
    await page.getByRole('button', { name: 'Revoke all' }).click();
    await page.getByText('Revoke all 2 app passwords?', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByText('You have no app passwords yet.').waitFor();
    expect(db.bench.mailcow.appPasswords(mailbox())).toEqual([]);
    expect(await db.vault.readAppPassword(mailbox(), firstId ?? -1)).toBeNull();
  });

  it('settings: account, language and theme remembered, sign out', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByText(`Signed in as ${mailbox()}`, { exact: true }).nth(1).waitFor();
    await check('settings');
    await page.getByRole('radio', { name: 'Dark' }).check();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page.reload();
    await page.getByRole('heading', { name: 'Ihre App-Passwörter' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.getByRole('button', { name: 'Einstellungen' }).click();
    await page.getByRole('radio', { name: 'Wie das System' }).check();
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByText('Signed out. Your sign-in was revoked at your organisation.').waitFor();
    await page.getByText('Signed out. Your sign-in was revoked at your organisation.').waitFor();
    expect(problems.csp).toEqual([]);
    expect(problems.errors).toEqual([]);
  });

  it('found no axe-core violation, no English in German, no overflow at the minimum width', () => {
    expect(findings.axe).toEqual([]);
    expect(findings.english).toEqual([]);
    expect(findings.overflow).toEqual([]);
  });
});
