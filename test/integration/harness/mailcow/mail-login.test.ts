import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from '../../../harness/dovecot.js';
import { startMailcowEmulator, type MailcowEmulator } from '../../../harness/mailcow-emulator.js';
import { createAppPassword, deleteAppPassword, imapLogin, smtpLogin } from './mail-clients.js';

// App passwords made through the emulator's HTTP API really log in to Dovecot, only for the
// protocols their scopes allow, and stop working once deleted. Dovecot delays every failed
// login (auth penalty, growing per IP), so the failing attempts here are few and timeouts long.

const ALICE = 'alice@example.test';
const PW_BOTH = 'Bench-imap-smtp-1';
const PW_IMAP = 'Bench-imap-only-2';

let emu: MailcowEmulator;
let dovecot: Dovecot;
let bothId: number;

beforeAll(async () => {
  emu = await startMailcowEmulator();
  dovecot = await startDovecot({ passdbDir: emu.passdbDir });
  bothId = await createAppPassword(emu, {
    username: ALICE,
    name: 'bench both',
    password: PW_BOTH,
    protocols: ['imap_access', 'smtp_access'],
  });
  await createAppPassword(emu, {
    username: ALICE,
    name: 'bench imap',
    password: PW_IMAP,
    protocols: ['imap_access'],
  });
});

afterAll(async () => {
  await dovecot?.stop();
  await emu?.stop();
});

describe('app passwords from the mailcow emulator log in to Dovecot', () => {
  it('logs in over IMAP (implicit TLS) with an imap+smtp app password', async () => {
    expect(await imapLogin(dovecot, ALICE, PW_BOTH)).toBe(true);
  });

  it('authenticates SMTP submission (STARTTLS, explicit AUTH) with it', async () => {
    expect(await smtpLogin(dovecot, ALICE, PW_BOTH)).toBe(true);
  });

  it('lets the second app password of the same mailbox log in too (chained passdbs)', async () => {
    expect(await imapLogin(dovecot, ALICE, PW_IMAP)).toBe(true);
  });

  it('refuses a wrong password on IMAP and on submission', async () => {
    expect(await imapLogin(dovecot, ALICE, 'Wrong-password-9')).toBe(false);
    expect(await smtpLogin(dovecot, ALICE, 'Wrong-password-9')).toBe(false);
  });

  it('refuses SMTP AUTH for an app password that only has imap_access', async () => {
    expect(await smtpLogin(dovecot, ALICE, PW_IMAP)).toBe(false);
  });

  it('refuses an app password once it was deleted through the API', async () => {
    await deleteAppPassword(emu, bothId);
    expect(await imapLogin(dovecot, ALICE, PW_BOTH)).toBe(false);
    // Dovecot logs a failure when the client disconnects, a moment after our login call returns.
    await expect.poll(() => dovecot.authFailures(), { timeout: 5000 }).toBeGreaterThanOrEqual(4);
  });
});
