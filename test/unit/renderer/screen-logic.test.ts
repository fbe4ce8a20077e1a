import { describe, expect, it } from 'vitest';
import type { DoctorCheck, PasswordEntry } from '../../../main/contract.js';
import { displayNames } from '../../../renderer/src/screens/display-names.js';
import { adviceFor, summarize } from '../../../renderer/src/screens/doctor-summary.js';

const check = (protocol: string, verdict: DoctorCheck['verdict'], skipReason?: string) =>
  ({
    id: `${protocol}:1`,
    protocol,
    host: 'mail.example.test',
    port: 1,
    security: 'tls',
    verdict,
    durationMs: 1,
    steps: [],
    hint: null,
    ...(skipReason ? { skipReason } : {}),
  }) as unknown as DoctorCheck;

describe('connectivity check summary', () => {
  it('all fine with a login: your mail works; logins the password lacks are "not needed"', () => {
    const s = summarize(
      [check('imap', 'ok'), check('smtp', 'ok'), check('pop3', 'skipped', 'no_scope')],
      true,
    );
    expect(s).toEqual({ ok: true, headline: 'summaryAllOk', failed: 0, passed: 2, notNeeded: 1 });
    expect(summarize([check('imap', 'ok')], false).headline).toBe('summaryNoLogin');
  });

  it('a refused password leads, never summed up as "n of m passed"; the skip after it counts', () => {
    const s = summarize(
      [check('imap', 'auth_failed'), check('smtp', 'skipped', 'login_failed')],
      true,
    );
    expect(s).toEqual({
      ok: false,
      headline: 'summaryAuthFailed',
      failed: 2,
      passed: 0,
      notNeeded: 0,
    });
    expect(adviceFor(check('smtp', 'skipped', 'login_failed'))).toBe('advice_not_tried');
  });

  it('says whose problem it is: network, certificate, or the unexpected', () => {
    expect(summarize([check('imap', 'tcp_refused')], true).headline).toBe('summaryUnreachable');
    expect(summarize([check('imap', 'dns_not_found')], true).headline).toBe('summaryDns');
    expect(summarize([check('imap', 'tls_cert_expired')], true).headline).toBe('summaryTls');
    expect(summarize([check('imap', 'protocol_error')], true).headline).toBe('summaryOther');
    // The password is the first thing to fix when both fail.
    expect(
      summarize([check('imap', 'tcp_timeout'), check('smtp', 'auth_failed')], true).headline,
    ).toBe('summaryAuthFailed');
  });
});

describe('row names', () => {
  it('numbers duplicates from the second on, by id', () => {
    const entry = (id: number, name: string) => ({ id, name }) as PasswordEntry;
    const names = displayNames([entry(7, 'Phone'), entry(3, 'Phone'), entry(5, 'Mac')]);
    expect([...names]).toEqual([
      [3, 'Phone'],
      [5, 'Mac'],
      [7, 'Phone (2)'],
    ]);
  });
});
