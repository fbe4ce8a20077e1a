import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../harness/browser.js';
import { imapLogin } from '../../integration/harness/mailcow/mail-clients.js';
import { bindDesktopApi, startDesktopBench, type DesktopBench } from './bench.js';
import { checkScreen, unnamedControls, watchPageProblems } from './page-checks.js';
import { ensureRendererBuilt, serveRenderer, type RendererServer } from './renderer-server.js';

// The desktop list with last use (real Dovecot logins), names as typed, stale marking on the
// broker's clock and "revoke stale"; the Helpdesk view for a member (bob) and not for alice.

const NAMES = ["Tom's iPhone", 'Tom & Jerry <home> "main"', 'Почта 邮件', 'Phone 📱'];
const DAY = 86_400_000;
const focused = (el: Element) => el === document.activeElement;

describe('desktop: last use, stale passwords, helpdesk', () => {
  let browser: Browser;
  let page: Page;
  let server: RendererServer;
  let db: DesktopBench;
  let problems: ReturnType<typeof watchPageProblems>;
  let offset = 0;

  async function signIn(who: 'alice' | 'bob') {
    db.loginAs = db.bench.idp.users[who];
    await page.getByRole('textbox', { name: 'Email address' }).fill(db.loginAs.email);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(`Signed in as ${db.loginAs.email}`).waitFor();
    await Promise.all(db.logins);
  }

  beforeAll(async () => {
    await ensureRendererBuilt();
    [browser, server, db] = await Promise.all([
      launchChromium(),
      serveRenderer(),
      startDesktopBench({
        httpAuth: true,
        now: () => Date.now() + offset,
        env: {
          APPPASS_HELPDESK_GROUP: 'helpdesk',
          APPPASS_LAST_LOGIN_CACHE_SECONDS: '0',
          APPPASS_WRITES_PER_MINUTE: '100',
        },
      }),
    ]);
    const alice = (await db.bench.idp.signIn(db.bench.idp.users.alice)).access_token;
    for (const name of NAMES) {
      const res = await db.bench.call('/v1/app-passwords', {
        method: 'POST',
        token: alice,
        body: { name, protocols: ['imap_access'] },
      });
      const created = (await res.json()) as { password: string };
      if (name === NAMES[0])
        expect(await imapLogin(db.dovecot, 'alice@example.test', created.password)).toBe(true);
    }
    page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    problems = watchPageProblems(page);
    await bindDesktopApi(page, browser, db, server);
    await page.goto(server.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await db?.stop();
  });

  it('lists every name exactly as typed, with last use and what "not seen" means', async () => {
    await signIn('alice');
    for (const name of NAMES) await page.getByRole('rowheader', { name, exact: true }).waitFor();
    const used = page.getByRole('row', { name: /Tom's iPhone/ });
    expect(await used.textContent()).toMatch(
      /IMAP, (now|\d+ seconds? ago), from 127\.0\.0\.1 \(webmail, ActiveSync or an internal address\)/,
    );
    expect(await page.getByRole('row', { name: /Phone 📱/ }).textContent()).toContain('Not seen');
    await page.getByText(/“Not seen” means mailcow has no login on record/).waitFor();
    expect(await page.getByRole('button', { name: 'Helpdesk' }).count()).toBe(0);
    expect(await unnamedControls(page)).toEqual([]);
  });

  it('marks the never-seen ones stale a week later; "revoke stale" lists them and revokes exactly those', async () => {
    offset = 8 * DAY;
    try {
      await page.getByRole('button', { name: 'Refresh' }).click();
      const button = page.getByRole('button', { name: 'Revoke stale (3)' });
      await button.waitFor();
      expect(await checkScreen(page, 'list-last-use')).toEqual({
        axe: [],
        english: [],
        overflow: [],
      });
      await button.click();
      const list = page.getByRole('list', { name: 'Revoke stale (3)' });
      expect((await list.getByRole('listitem').allTextContents()).sort()).toEqual(
        NAMES.slice(1).sort(),
      );
      await page.getByRole('button', { name: 'Yes, revoke' }).click();
      await page.getByText(/Revoked\./).waitFor();
      await page.getByRole('button', { name: 'Revoke stale' }).waitFor({ state: 'detached' });
      expect(db.bench.mailcow.appPasswords('alice@example.test').map((p) => p.id)).toHaveLength(1);
    } finally {
      offset = 0;
    }
  });

  it('shows the Helpdesk view to a member: look up, revoke, lift a ban', async () => {
    // Sign out is on the Settings screen.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn('bob');
    await page.getByRole('button', { name: 'Helpdesk' }).click();
    await page.getByRole('textbox', { name: 'Mailbox (email address)' }).fill('alice@example.test');
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByText('Signs in through: mailcow').waitFor();
    const row = page.getByRole('row', { name: /Tom's iPhone/ });
    expect(await row.textContent()).toMatch(/IMAP, (now|\d+ seconds? ago), from 127\.0\.0\.1/);

    // A failure shows by the form it concerns, linked from its field, and follows the language.
    const ip = page.getByRole('textbox', { name: 'Address (empty: all bans)' });
    await ip.fill('not-an-address');
    await page.getByRole('button', { name: 'Show bans' }).click();
    const bansSection = page.getByRole('region', { name: 'Bans after failed logins' });
    await bansSection
      .getByRole('alert')
      .getByText('Check what you typed', { exact: false })
      .waitFor();
    expect(await page.getByRole('alert').count()).toBe(1);
    const problemId = await bansSection.getByRole('alert').getAttribute('id');
    expect(await ip.getAttribute('aria-describedby')).toBe(problemId);
    const problem = page.locator(`[id="${problemId}"]`);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await problem.getByText('Prüfen Sie Ihre Eingaben', { exact: false }).waitFor();
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
    // The next action clears it.
    await page.getByRole('button', { name: 'Look up' }).click();
    await problem.waitFor({ state: 'detached' });
    expect(await ip.getAttribute('aria-describedby')).toBeNull();

    db.bench.mailcow.failedLogins('203.0.113.7', 10);
    await page.getByRole('textbox', { name: 'Address (empty: all bans)' }).fill('203.0.113.7');
    await page.getByRole('button', { name: 'Show bans' }).click();
    await page.getByRole('rowheader', { name: '203.0.113.7/32' }).waitFor();
    expect(await unnamedControls(page)).toEqual([]);
    expect(await checkScreen(page, 'helpdesk')).toEqual({ axe: [], english: [], overflow: [] });
    await page.getByRole('button', { name: 'Lift ban for 203.0.113.7/32' }).click();
    await page.getByText(/Unban queued for 203\.0\.113\.7\/32/).waitFor();
    expect(db.bench.mailcow.bans()).toEqual([expect.objectContaining({ queued: true })]);
    db.bench.mailcow.netfilterTick();
    await page.getByRole('button', { name: 'Show bans' }).click();
    await page.getByText('mailcow has no active ban here.').waitFor();

    // "Revoke all of …" asks in a real dialog: Cancel focused, Tab stays in, Escape returns.
    const revokeAll = page.getByRole('button', { name: 'Revoke all of alice@example.test' });
    await revokeAll.click();
    const dialog = page.getByRole('dialog', {
      name: 'Revoke all 1 app passwords of alice@example.test?',
    });
    await dialog.waitFor();
    expect(await dialog.getByRole('button', { name: 'Cancel' }).evaluate(focused)).toBe(true);
    expect(await checkScreen(page, 'helpdesk-confirm')).toEqual({
      axe: [],
      english: [],
      overflow: [],
    });
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).toBe(
        true,
      );
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await revokeAll.evaluate(focused)).toBe(true);
    expect(db.bench.mailcow.appPasswords('alice@example.test')).toHaveLength(1);
    await revokeAll.click();
    await dialog.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByText('This mailbox has no app passwords.').waitFor();
    await page.getByText(/Revoked\./).waitFor();
    expect(db.bench.mailcow.appPasswords('alice@example.test')).toEqual([]);
    expect(problems).toEqual({ csp: [], errors: [] });
  });
});
