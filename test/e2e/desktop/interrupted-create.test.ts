import { readFile, writeFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateJournal } from '../../../main/core/account/create-journal.js';
import { restoreAccount } from '../../../main/core/account/session.js';
import { launchChromium } from '../../harness/browser.js';
import { bindDesktopApi, startDesktopBench, type DesktopBench } from './bench.js';
import { checkScreen, unnamedControls, watchPageProblems } from './page-checks.js';
import { ensureRendererBuilt, serveRenderer, type RendererServer } from './renderer-server.js';

// Creates an earlier run did not finish, left as a kill leaves them (the intent journaled, the
// password made at the broker, nothing in the keychain): the next start of the desktop app
// saves what the broker's idempotency window still returns and names the orphan, offering to
// revoke it. "No active password this device created but cannot use, without the user told."

const FRESH = 'Laptop';
const ORPHAN = 'Old phone';
const orphanNotice = `A password “${ORPHAN}” was being created when AppPass closed; it can’t be used on this device, because its secret was lost. Revoke it?`;
const savedNotice = `A password “${FRESH}” was being created when AppPass closed; it was saved on this device.`;

describe('desktop: a create interrupted by a kill is saved or offered for revoking', () => {
  let browser: Browser;
  let server: RendererServer;
  let db: DesktopBench;
  const mailbox = () => db.bench.idp.users.alice.email;
  const onServer = (name: string) =>
    db.bench.mailcow.appPasswords(mailbox()).filter((p) => p.name === name);

  /** A new window on the same data folder and keychain: the app's next start. */
  async function start(): Promise<Page> {
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await bindDesktopApi(page, browser, db, server);
    await page.goto(server.url);
    return page;
  }

  /** What a create killed after the broker answered leaves: journal record, password there. */
  async function interruptedCreate(name: string, startedMinutesAgo: number) {
    const env = { ...process.env, APPPASS_INSECURE_HTTP: '1' };
    const account = await restoreAccount(
      { dataDir: db.dataDir, vault: db.vault, env },
      { withoutKeychain: 'fail' },
    );
    if (!account) throw new Error('not signed in');
    const journal = new CreateJournal(db.dataDir);
    const record = await journal.begin({
      mailbox: mailbox(),
      name,
      protocols: ['imap_access'],
      store: true,
      knownIds: (await account.broker.listAppPasswords()).map((p) => p.id),
    });
    await account.broker.createAppPassword(
      { name, protocols: ['imap_access'] },
      { idempotencyKey: record.idempotencyKey },
    );
    // Older than the broker keeps its answers: the secret cannot be had again.
    const file = JSON.parse(await readFile(journal.path, 'utf8')) as {
      creates: { createId: string; startedAt: string }[];
    };
    for (const r of file.creates)
      if (r.createId === record.createId)
        r.startedAt = new Date(Date.now() - startedMinutesAgo * 60_000).toISOString();
    await writeFile(journal.path, JSON.stringify(file));
  }

  beforeAll(async () => {
    await ensureRendererBuilt();
    [browser, server, db] = await Promise.all([
      launchChromium(),
      serveRenderer(),
      startDesktopBench(),
    ]);
    const page = await start();
    await page.getByRole('textbox', { name: 'Email address' }).fill(mailbox());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('You have no app passwords yet.').waitFor();
    await Promise.all(db.logins);
    await page.context().close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await db?.stop();
  });

  it('tells, after the restore, which was saved and which cannot be used here', async () => {
    await interruptedCreate(FRESH, 0);
    await interruptedCreate(ORPHAN, 60);
    expect(await db.vault.readAppPassword(mailbox(), onServer(ORPHAN)[0]?.id ?? -1)).toBeNull();

    const page = await start();
    const problems = watchPageProblems(page);
    await page.getByText(savedNotice).waitFor();
    const orphan = page.getByRole('group', { name: orphanNotice });
    await orphan.waitFor();
    expect(await orphan.getByRole('button').allTextContents()).toEqual(['Revoke', 'Keep']);
    // The saved one is in the keychain now; the orphan is listed as not on this device.
    const fresh = onServer(FRESH)[0];
    expect(fresh && (await db.vault.readAppPassword(mailbox(), fresh.id))).toBeTruthy();
    await page.getByRole('row', { name: new RegExp(`^${FRESH}`) }).waitFor();
    expect(await page.getByRole('row', { name: new RegExp(`^${FRESH}`) }).textContent()).toMatch(
      /Yes/,
    );
    expect(await page.getByRole('row', { name: new RegExp(`^${ORPHAN}`) }).textContent()).toMatch(
      /No/,
    );
    expect(await checkScreen(page, 'interrupted-create')).toEqual({
      axe: [],
      english: [],
      overflow: [],
    });
    expect(await unnamedControls(page)).toEqual([]);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page
      .getByText(
        `Ein Passwort „${ORPHAN}“ wurde gerade erstellt, als AppPass geschlossen wurde; es ist auf diesem Gerät nicht nutzbar`,
        { exact: false },
      )
      .waitFor();
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');

    await orphan.getByRole('button', { name: 'Revoke' }).click();
    await page
      .getByText('Revoked. A revoked password may keep working', { exact: false })
      .waitFor();
    await expect.poll(() => orphan.count()).toBe(0);
    expect(onServer(ORPHAN)).toEqual([]);
    await expect
      .poll(() => page.getByRole('row', { name: new RegExp(`^${ORPHAN}`) }).count())
      .toBe(0);
    await page.getByRole('button', { name: 'OK', exact: true }).click();
    expect(await page.getByText(savedNotice).count()).toBe(0);
    expect(problems.errors).toEqual([]);
    await page.context().close();
  });

  it('says nothing more at the next start: the journal is settled', async () => {
    const page = await start();
    await page.getByRole('row', { name: new RegExp(`^${FRESH}`) }).waitFor();
    expect(await page.getByRole('group', { name: /was being created/ }).count()).toBe(0);
    expect(await page.getByText(/was being created/).count()).toBe(0);
    await expect(readFile(new CreateJournal(db.dataDir).path)).rejects.toThrow(/ENOENT/);
    await page.context().close();
  });

  it('an orphan kept is told again at the next start, until it is revoked', async () => {
    await interruptedCreate(ORPHAN, 60);
    let page = await start();
    await page
      .getByRole('group', { name: orphanNotice })
      .getByRole('button', { name: 'Keep' })
      .click();
    expect(await page.getByRole('group', { name: orphanNotice }).count()).toBe(0);
    expect(onServer(ORPHAN)).toHaveLength(1);
    await page.context().close();
    page = await start();
    await page.getByRole('group', { name: orphanNotice }).waitFor();
    await page.context().close();
  });
});
