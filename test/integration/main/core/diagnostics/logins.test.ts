import { hintText } from '../../../../../main/cli/render/hints.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tryLogin } from '../../../../../main/core/diagnostics/login.js';
import type { ProbeTarget } from '../../../../../main/core/diagnostics/probe.js';
import { startDovecot, type Dovecot } from '../../../../harness/dovecot.js';
import {
  startMailcowEmulator,
  type MailcowEmulator,
} from '../../../../harness/mailcow-emulator.js';
import {
  addAppPassword,
  ALICE,
  doctor,
  dovecotEndpoints,
  settledAuthFailures,
  verdicts,
} from './helpers.js';

// Logins against real Dovecot with app passwords made through the mailcow emulator. Each
// failing case gets its own Dovecot, so the failure count and auth penalty start at zero.

const ALL = 'Doctor-all-scopes-1';
const IMAP_ONLY = 'Doctor-imap-only-2';
const WRONG = 'Doctor-wrong-pass-3';
const IMAP_SMTP = 'Doctor-imap-smtp-4';

let emu: MailcowEmulator;
const started: Dovecot[] = [];

async function fresh(o: { listen?: string[] } = {}): Promise<Dovecot> {
  const d = await startDovecot({ passdbDir: emu.passdbDir, ...o });
  started.push(d);
  return d;
}

beforeAll(async () => {
  emu = await startMailcowEmulator();
  await addAppPassword(emu, ALL, ['imap_access', 'smtp_access', 'pop3_access', 'sieve_access']);
  await addAppPassword(emu, IMAP_ONLY, ['imap_access']);
  await addAppPassword(emu, IMAP_SMTP, ['imap_access', 'smtp_access']);
});

afterAll(async () => {
  await Promise.all(started.map((d) => d.stop()));
  await emu?.stop();
});

const creds = (pass: string) => ({ user: ALICE, pass });

describe('doctor logins', () => {
  it('logs in on all seven ports with a good app password, no failure logged', async () => {
    const d = await fresh();
    const r = await doctor({
      endpoints: dovecotEndpoints(d),
      ca: [d.caPem],
      credentials: creds(ALL),
    });
    expect(verdicts(r)).toEqual(Array(7).fill('ok'));
    expect(r.checks.every((c) => c.steps.at(-1)?.name === 'auth')).toBe(true);
    expect(JSON.stringify(r)).not.toContain(ALL);
    expect(await d.authFailures()).toBe(0);
  });

  it('tells a missing scope from a wrong password: IMAP ok, the others auth_failed with the scope hint', async () => {
    const d = await fresh();
    const endpoints = dovecotEndpoints(d);
    const r = await doctor({ endpoints, ca: [d.caPem], credentials: creds(IMAP_ONLY) });
    expect(verdicts(r)).toEqual(['ok', 'ok', ...Array(5).fill('auth_failed')]);
    const smtp = r.checks.find((c) => c.protocol === 'smtp');
    expect(smtp?.hint).toContain('no SMTP access (smtp_access)');
    expect(smtp?.hint).not.toMatch(/wrong or revoked/);
  });

  it('with the scopes known, logs in only where they allow: POP3 and Sieve skipped, no failure', async () => {
    const d = await fresh();
    const r = await doctor({
      endpoints: dovecotEndpoints(d),
      ca: [d.caPem],
      credentials: creds(IMAP_SMTP),
      scopes: ['imap_access', 'smtp_access'],
    });
    expect(verdicts(r)).toEqual(['ok', 'ok', 'ok', 'ok', 'skipped', 'skipped', 'skipped']);
    expect(r.checks[4]?.hint).toBe(
      'This app password has no POP3 access, so no login was tried; create one with POP3 if this client needs it.',
    );
    expect(r.checks[6]?.hint).toContain('no ManageSieve access');
    expect(r.checks.slice(4).every((c) => c.skipReason === 'no_scope')).toBe(true);
    expect(r.checks.slice(4).every((c) => c.steps.at(-1)?.name === 'capabilities')).toBe(true);
    expect(await settledAuthFailures(d, 0)).toBe(0);
  });

  it('chooses the gate among the allowed services: SMTP logs in first when IMAP is not allowed', async () => {
    const d = await fresh();
    const r = await doctor({
      endpoints: dovecotEndpoints(d),
      ca: [d.caPem],
      credentials: creds(IMAP_SMTP),
      scopes: ['smtp_access'],
    });
    expect(verdicts(r)).toEqual([
      'skipped',
      'skipped',
      'ok',
      'ok',
      'skipped',
      'skipped',
      'skipped',
    ]);
    expect(r.checks[0]?.hint).toContain('no IMAP access');
    expect(await settledAuthFailures(d, 0)).toBe(0);
  });

  it('sends a wrong password exactly once: the gate fails, every other login is skipped', async () => {
    const d = await fresh();
    const r = await doctor({
      endpoints: dovecotEndpoints(d),
      ca: [d.caPem],
      credentials: creds(WRONG),
    });
    expect(verdicts(r)).toEqual(['auth_failed', ...Array(6).fill('skipped')]);
    expect(r.checks[0]?.hint).toMatch(/wrong or revoked.*5 minutes.*10 failed logins/);
    expect(r.checks[1]?.hint).toMatch(/IMAP login failed first/);
    expect(r.checks.slice(1).every((c) => !c.steps.some((s) => s.name === 'auth'))).toBe(true);
    expect(await settledAuthFailures(d, 1)).toBe(1);
    expect(JSON.stringify(r)).not.toContain(WRONG);
  });

  it('reports LOGINDISABLED on an unencrypted port as auth_mechanism_unavailable and sends no password', async () => {
    const d = await fresh({ listen: ['127.0.0.2'] });
    const r = await doctor({
      endpoints: [
        { service: 'imap', host: '127.0.0.2', port: d.ports.imap, security: 'none' },
        { service: 'pop3', host: '127.0.0.2', port: d.ports.pop3, security: 'none' },
      ],
      credentials: creds(ALL),
    });
    expect(verdicts(r)).toEqual(['auth_mechanism_unavailable', 'auth_mechanism_unavailable']);
    expect(r.checks[0]?.capabilities).toMatchObject({ loginDisabled: true, starttls: true });
    expect(r.checks[0]?.hint).toContain('without encryption');
    expect(await d.authFailures()).toBe(0);
  });

  it('tryLogin verifies a password with one real login per service', async () => {
    const d = await fresh();
    const [imap, , smtp] = dovecotEndpoints(d) as [ProbeTarget, ProbeTarget, ProbeTarget];
    const o = { ca: [d.caPem], timeoutMs: 15_000 };
    expect(await tryLogin('imap', imap, creds(ALL), o)).toMatchObject({ ok: true, verdict: 'ok' });
    const refused = await tryLogin('smtp', smtp, creds(IMAP_ONLY), o);
    expect(refused).toMatchObject({ ok: false, verdict: 'auth_failed' });
    expect(hintText(refused.advice) ?? '').not.toContain(IMAP_ONLY);
    expect(await settledAuthFailures(d, 1)).toBe(1);
  });
});
