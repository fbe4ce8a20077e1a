import { describe, expect, it } from 'vitest';
import { imapLoginVerdict } from '../../../../../main/core/diagnostics/auth/imap.js';
import { smtpVerdict } from '../../../../../main/core/diagnostics/auth/smtp.js';
import { DIALECTS } from '../../../../../main/core/diagnostics/dialects.js';
import {
  endpointsFor,
  gateOrder,
  mailcowEndpoints,
} from '../../../../../main/core/diagnostics/endpoints.js';
import { hintText } from '../../../../../main/cli/render/hints.js';
import {
  hintFor as adviceFor,
  type HintContext,
} from '../../../../../main/core/diagnostics/hints.js';
import type { CheckFailure } from '../../../../../main/core/diagnostics/verdicts.js';
import { StepTimeout } from '../../../../../main/core/diagnostics/verdicts.js';
import { VERDICTS } from '../../../../../protocol/verdicts.js';

const err = (message: string, extra: Record<string, unknown>) =>
  Object.assign(new Error(message), extra);

describe('library errors -> verdicts', () => {
  it('maps the IMAP login reply: OK passes, AUTHENTICATIONFAILED is auth_failed', () => {
    expect(imapLoginVerdict('L1 OK [CAPABILITY IMAP4rev1] Logged in', [])).toBeUndefined();
    expect(
      imapLoginVerdict('L1 NO [AUTHENTICATIONFAILED] Authentication failed.', [])?.verdict,
    ).toBe('auth_failed');
    expect(imapLoginVerdict('L1 NO Login failed', [])?.verdict).toBe('auth_failed');
  });

  it('maps PRIVACYREQUIRED to a missing mechanism, server trouble and BAD to protocol_error', () => {
    expect(
      imapLoginVerdict('L1 NO [PRIVACYREQUIRED] Plaintext authentication disallowed', [])?.verdict,
    ).toBe('auth_mechanism_unavailable');
    expect(imapLoginVerdict('L1 NO [UNAVAILABLE] Temporary failure', [])?.verdict).toBe(
      'protocol_error',
    );
    expect(imapLoginVerdict('L1 BAD Error in IMAP command', [])?.verdict).toBe('protocol_error');
  });

  it('maps nodemailer EAUTH 535 to auth_failed, 534 to a mechanism problem, other codes to protocol_error', () => {
    expect(
      (smtpVerdict(err('Invalid login', { code: 'EAUTH', responseCode: 535 })) as CheckFailure)
        .verdict,
    ).toBe('auth_failed');
    expect(
      (smtpVerdict(err('weak', { code: 'EAUTH', responseCode: 534 })) as CheckFailure).verdict,
    ).toBe('auth_mechanism_unavailable');
    expect((smtpVerdict(err('x', { code: 'ESOCKET' })) as CheckFailure).verdict).toBe(
      'protocol_error',
    );
    expect(smtpVerdict(err('x', { code: 'ETIMEDOUT' }))).toBeInstanceOf(StepTimeout);
  });
});

describe('capability parsing', () => {
  it('reads Dovecot IMAP greeting capabilities before TLS', () => {
    const caps = DIALECTS.imap.parseCaps([
      '* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS LOGINDISABLED] Dovecot ready.',
    ]);
    expect(caps).toMatchObject({
      starttls: true,
      loginDisabled: true,
      mechanisms: [],
      canLogin: false,
    });
  });

  it('reads SMTP EHLO AUTH and STARTTLS lines', () => {
    const caps = DIALECTS.smtp.parseCaps([
      '250-mail.test',
      '250-PIPELINING',
      '250-AUTH PLAIN LOGIN',
      '250 STARTTLS',
    ]);
    expect(caps).toMatchObject({ starttls: true, mechanisms: ['PLAIN', 'LOGIN'], canLogin: true });
    expect(DIALECTS.smtp.parseCaps(['250-mail.test', '250 STARTTLS']).canLogin).toBe(false);
  });

  it('reads POP3 CAPA and ManageSieve capability lines', () => {
    expect(DIALECTS.pop3.parseCaps(['+OK', 'CAPA', 'STLS', 'SASL PLAIN LOGIN', '.'])).toMatchObject(
      {
        starttls: true,
        mechanisms: ['PLAIN', 'LOGIN'],
      },
    );
    const sieve = DIALECTS.sieve.parseCaps([
      '"IMPLEMENTATION" "Dovecot"',
      '"SASL" ""',
      '"STARTTLS"',
      'OK "ready"',
    ]);
    expect(sieve).toMatchObject({ starttls: true, mechanisms: [], canLogin: false });
  });

  it('ends an SMTP reply at a foreign line so a wrong port fails fast', () => {
    expect(DIALECTS.smtp.greetingDone(['* OK IMAP ready'])).toBe(true);
    expect(DIALECTS.smtp.greetingOk(['* OK IMAP ready'])).toBe(false);
    expect(DIALECTS.smtp.greetingDone(['220-first'])).toBe(false);
  });
});

/** The hint as the command words it. */
const hintFor = (...a: [Parameters<typeof adviceFor>[0], HintContext]) => {
  const advice = adviceFor(...a);
  return advice ? hintText([advice]) : null;
};

describe('hints', () => {
  const base = { service: 'smtp' as const, host: 'mail.test', port: 465, facts: {} };

  it('has one sentence for every verdict but ok', () => {
    for (const v of VERDICTS) {
      const h = hintFor(v, base);
      if (v === 'ok') expect(h).toBeNull();
      else expect(h).toMatch(/^[A-Z][^]*[.]$/);
    }
  });

  it('tells a missing scope from a wrong password', () => {
    expect(hintFor('auth_failed', { ...base, loggedInWith: 'imap' })).toContain(
      'no SMTP access (smtp_access)',
    );
    const wrong = hintFor('auth_failed', base) ?? '';
    expect(wrong).toMatch(/wrong or revoked/);
    expect(wrong).toMatch(/5 minutes/);
    expect(wrong).toMatch(/10 failed logins/);
  });

  it("says a login outside the password's scopes was not tried, and a cancelled check says so", () => {
    expect(hintFor('skipped', { ...base, service: 'pop3', skip: 'no_scope' })).toBe(
      'This app password has no POP3 access, so no login was tried; create one with POP3 if this client needs it.',
    );
    expect(hintFor('timeout', { ...base, step: 'run' })).toMatch(/cancelled/);
  });
});

describe('endpoints', () => {
  it('fills services a profile leaves out with mailcow ports and puts IMAP over TLS first at the gate', () => {
    const t = endpointsFor({ smtp: { host: 'mx.test', port: 465, security: 'tls' } }, 'mx.test');
    expect(t.map((e) => e.port)).toEqual([465, 993, 143, 995, 110, 4190]);
    expect(t[gateOrder(t)[0] ?? -1]).toMatchObject({ service: 'imap', port: 993 });
    expect(mailcowEndpoints('h')).toHaveLength(7);
  });
});
