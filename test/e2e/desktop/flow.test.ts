import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../harness/browser.js';
import { bindDesktopApi, startDesktopBench, type DesktopBench } from './bench.js';
import {
  screenshotVariants,
  tabUntilFocused,
  unnamedControls,
  watchPageProblems,
} from './page-checks.js';
import { ensureRendererBuilt, serveRenderer, type RendererServer } from './renderer-server.js';

describe('desktop flow: sign in, create, list, check, revoke, sign out', () => {
  let browser: Browser;
  let page: Page;
  let server: RendererServer;
  let db: DesktopBench;
  let problems: ReturnType<typeof watchPageProblems>;
  let password = '';
  let firstId: number | undefined;

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

  it('cancels a sign-in the person walked away from', async () => {
    db.browserAction = 'ignore';
    await page.getByRole('textbox', { name: 'Email address' }).fill(db.bench.idp.users.alice.email);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByText(/Continue in your browser/)
      .first()
      .waitFor();
    expect(await page.getByRole('button', { name: 'Sign in' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Cancel sign-in' }).click();
    await page.getByText('Sign-in cancelled.').waitFor();
    expect(await page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
    db.browserAction = 'login';
  });

  it('signs in through the IdP in the system browser', async () => {
    const email = db.bench.idp.users.alice.email;
    await page.getByRole('textbox', { name: 'Email address' }).fill(email);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(`Signed in as ${email}`).waitFor();
    await Promise.all(db.logins);
    await page.getByText('You have no app passwords yet.').waitFor();
  });

  it('restores the sign-in on the next start (state file + refresh token in the keychain)', async () => {
    const restarted = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await bindDesktopApi(restarted, browser, db, server);
    await restarted.goto(server.url);
    await restarted.getByText(`Signed in as ${db.bench.idp.users.alice.email}`).waitFor();
    await restarted.getByText('You have no app passwords yet.').waitFor();
    await restarted.context().close();
  });

  it('creates a password for Thunderbird and shows it once with the server settings', async () => {
    await page.getByRole('button', { name: 'New app password' }).click();
    expect(await page.getByRole('radio', { name: 'Thunderbird' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'IMAP' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'SMTP' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'POP3' }).isChecked()).toBe(false);
    expect(await unnamedControls(page)).toEqual([]);
    await screenshotVariants(page, 'create');
    await page.getByRole('button', { name: 'Create password' }).click();
    const field = page.getByLabel('App password', { exact: true });
    await field.waitFor();
    password = await field.inputValue();
    expect(password.length).toBeGreaterThanOrEqual(24);
    expect(await field.getAttribute('type')).toBe('password');
    const imapRow = page.getByRole('row', { name: /IMAP \(incoming\)/ });
    expect(await imapRow.textContent()).toContain(String(db.dovecot.ports.imaps));
    await page.getByText('Also stored in this device’s keychain.').waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    await screenshotVariants(page, 'show-once');
  });

  it('copies through main by handle, and reveals on request', async () => {
    await page.getByRole('button', { name: 'Copy password' }).click();
    await page.getByText('Copied. The clipboard clears in 30 s.').waitFor();
    expect(db.clipboard.at(-1) === password).toBe(true);
    await page.getByRole('button', { name: 'Show password' }).click();
    expect(await page.getByLabel('App password', { exact: true }).getAttribute('type')).toBe(
      'text',
    );
  });

  it('lists the new password as stored on this device', async () => {
    firstId = db.bench.mailcow.appPasswords(db.bench.idp.users.alice.email)[0]?.id;
    expect(firstId).toBeTypeOf('number');
    await page.getByRole('button', { name: 'Done' }).click();
    const row = page.getByRole('row', { name: /Thunderbird/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/IMAP, SMTP.*Yes/);
    expect(await unnamedControls(page)).toEqual([]);
    await screenshotVariants(page, 'list');
  });

  it('works from the keyboard: each screen starts focused on its title', async () => {
    expect(
      await tabUntilFocused(page, page.getByRole('button', { name: 'New app password' })),
    ).not.toBeNull();
    await page.keyboard.press('Enter');
    const title = page.getByRole('heading', { name: 'New app password' });
    await title.waitFor();
    expect(await title.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(
      await tabUntilFocused(page, page.getByRole('button', { name: 'Cancel' })),
    ).not.toBeNull();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Your app passwords' }).waitFor();
  });

  it('runs the connectivity check with the stored password and copies a redacted report', async () => {
    await page.getByRole('button', { name: 'Connectivity check' }).click();
    await page
      .getByRole('combobox', { name: 'Log in with' })
      .selectOption({ label: 'Thunderbird' });
    await page.getByRole('button', { name: 'Run check' }).click();
    await page
      .getByText(/Check finished: \d+ of \d+ passed\./)
      .first()
      .waitFor({ timeout: 60_000 });
    const imapRow = page.getByRole('row', {
      name: new RegExp(`imap .*:${db.dovecot.ports.imaps}`),
    });
    expect(await imapRow.textContent()).toContain('OK');
    // Only what the password may use is logged in to: POP3 and Sieve would be failed logins,
    // so those checks stop before the login and say why.
    const skippedRows = page.getByRole('row', { name: /^(pop3|sieve) / });
    expect(await skippedRows.count()).toBeGreaterThan(0);
    for (const row of await skippedRows.all()) {
      expect(await row.textContent()).toMatch(/no (POP3|Sieve|ManageSieve) access/i);
    }
    await page
      .getByText(/Check finished: (\d+) of \1 passed\./)
      .first()
      .waitFor();
    expect(await db.dovecot.authFailures()).toBe(0);
    expect(await unnamedControls(page)).toEqual([]);
    await screenshotVariants(page, 'doctor');
    await page.getByRole('button', { name: 'Copy report' }).click();
    await page.getByText(/Report copied/).waitFor();
    const report = db.clipboard.at(-1) ?? '';
    expect(report).toContain('# Mail connectivity check for ***@example.test');
    expect(report.includes(password)).toBe(false);
  });

  it('rotates it: a verified replacement shown once, the old one revoked after confirmation', async () => {
    await page.getByRole('button', { name: 'App passwords' }).click();
    await page.getByRole('button', { name: 'Rotate Thunderbird' }).click();
    await page.getByRole('heading', { name: 'Replacement password' }).waitFor({ timeout: 60_000 });
    await page.getByText('Checked with a real login: IMAP, SMTP.').waitFor();
    await page.getByText('Enter it in Thunderbird now.', { exact: false }).waitFor();
    const replacement = await page.getByLabel('App password', { exact: true }).inputValue();
    expect(replacement.length >= 24 && replacement !== password).toBe(true);
    await screenshotVariants(page, 'rotate');
    await page.getByRole('button', { name: 'My mail program uses the new password' }).click();
    await page.getByText(/may keep working for up to 5 minutes/).waitFor();
    const rows = page.getByRole('row', { name: /Thunderbird/ });
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    const onServer = db.bench.mailcow.appPasswords(db.bench.idp.users.alice.email);
    expect(onServer.map((p) => p.name)).toEqual(['Thunderbird']);
    expect(onServer[0]?.id).not.toBe(firstId);
  });

  it('revokes it, saying it may keep working for a few minutes', async () => {
    await page.getByRole('button', { name: 'App passwords' }).click();
    await page.getByRole('button', { name: 'Revoke Thunderbird' }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await page
      .getByText('A revoked password may keep working for up to 5 minutes.', { exact: false })
      .waitFor();
    await page.getByText('You have no app passwords yet.').waitFor();
    const mailbox = db.bench.idp.users.alice.email;
    expect(db.bench.mailcow.appPasswords(mailbox)).toEqual([]);
    expect(await db.vault.readAppPassword(mailbox, firstId ?? -1)).toBeNull();
  });

  it('revokes all at once', async () => {
    for (const [client, name] of [
      ['Apple Mail', 'Mac'],
      ['Phone or tablet', 'Phone'],
    ] as const) {
      await page.getByRole('button', { name: 'New app password' }).click();
      await page.getByRole('radio', { name: client }).check();
      await page.getByRole('textbox', { name: /^Name/ }).fill(name);
      await page.getByRole('button', { name: 'Create password' }).click();
      if (client === 'Apple Mail') {
        // Apple Mail's own wording: a "Use TLS/SSL" switch.
        await page.getByRole('columnheader', { name: 'Use TLS/SSL' }).waitFor();
        expect(await page.getByRole('row', { name: /IMAP/ }).textContent()).toContain('On');
      }
      await page.getByRole('button', { name: 'Done' }).click();
    }
    await page.getByRole('row', { name: /Phone/ }).waitFor();
    await page.getByRole('button', { name: 'Revoke all' }).click();
    await page.getByText('Revoke all 2 app passwords?', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByText('You have no app passwords yet.').waitFor();
    expect(db.bench.mailcow.appPasswords(db.bench.idp.users.alice.email)).toEqual([]);
  });

  it('signs out, with no CSP violation or page error along the way', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByText('Signed out. Your sign-in was revoked at your organisation.').waitFor();
    expect(problems.csp).toEqual([]);
    expect(problems.errors).toEqual([]);
  });
});
