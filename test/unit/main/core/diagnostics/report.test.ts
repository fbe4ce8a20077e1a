import { describe, expect, it } from 'vitest';
import { reportMarkdown, reportText } from '../../../../../main/cli/render/report.js';
import {
  redactReport,
  scrub,
  scrubDeep,
  secretForms,
} from '../../../../../main/core/diagnostics/redact.js';
import { allOk } from '../../../../../main/core/diagnostics/report.js';
import {
  doctorReport,
  type CheckResult,
  type DoctorReport,
} from '../../../../../protocol/report.js';

const PASS = 'S3cret-app-pass';
const USER = 'alice@example.test';

function sample(): DoctorReport {
  return {
    target: USER,
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 412,
    checks: [
      {
        id: 'imap:993',
        protocol: 'imap',
        host: 'mail.example.test',
        port: 993,
        security: 'tls',
        verdict: 'ok',
        durationMs: 180,
        steps: [
          { name: 'dns', ms: 3, ok: true },
          { name: 'auth', ms: 60, ok: true },
        ],
        tls: {
          protocol: 'TLSv1.3',
          cipher: 'TLS_AES_256_GCM_SHA384',
          certSubject: 'mail.example.test',
          issuer: 'R11',
          certExpires: '2026-03-01T00:00:00.000Z',
          daysLeft: 59,
          trusted: true,
          hostnameMatch: true,
        },
        hint: null,
      },
      {
        id: 'smtp:465',
        protocol: 'smtp',
        host: 'mail.example.test',
        port: 465,
        security: 'tls',
        verdict: 'auth_failed',
        durationMs: 2200,
        steps: [{ name: 'auth', ms: 2100, ok: false }],
        tls: null,
        hint: 'The IMAP login with the same password worked, so this app password has no SMTP access.',
        detail: `server said: 535 bad AUTH PLAIN ${Buffer.from(`\0${USER}\0${PASS}`).toString('base64')} for ${PASS}`,
      },
    ],
  };
}

describe('report model', () => {
  it('keeps the fixed JSON schema (the contract example fields)', () => {
    const r = doctorReport.parse(JSON.parse(JSON.stringify(sample())));
    expect(Object.keys(r.checks[0] ?? {})).toEqual(
      expect.arrayContaining([
        'id',
        'protocol',
        'host',
        'port',
        'security',
        'verdict',
        'durationMs',
        'steps',
        'tls',
        'hint',
      ]),
    );
    expect(allOk(r)).toBe(false);
  });

  it('counts a login skipped for a missing scope as passed, any other skip as not', () => {
    const [imap] = sample().checks as [CheckResult];
    const skipped = (skipReason: CheckResult['skipReason']): DoctorReport => ({
      ...sample(),
      checks: [imap, { ...imap, id: 'pop3:995', verdict: 'skipped', skipReason }],
    });
    expect(allOk(skipped('no_scope'))).toBe(true);
    expect(allOk(skipped('gate_failed'))).toBe(false);
  });

  it('renders Markdown and text from the same model', () => {
    const md = reportMarkdown(sample());
    expect(md).toContain('| imap:993 | mail.example.test:993 tls | **ok** |');
    expect(md).toContain('- **smtp:465** (auth_failed): The IMAP login');
    expect(reportText(sample())).toContain('1/2 checks ok');
  });
});

describe('secrets and redaction', () => {
  it('removes the password and its SASL forms from every string, even echoed by a server', () => {
    const clean = scrubDeep(sample(), secretForms(USER, PASS));
    const text = JSON.stringify(clean) + reportMarkdown(clean);
    expect(text).not.toContain(PASS);
    expect(text).not.toContain(Buffer.from(`\0${USER}\0${PASS}`).toString('base64'));
    expect(text).toContain('[redacted]');
  });

  it('masks any AUTH PLAIN blob even when the secret is not known', () => {
    expect(scrub('C: AUTHENTICATE "PLAIN" "AGFsaWNlAHNlY3JldA=="', [])).toBe(
      'C: AUTHENTICATE "PLAIN" [redacted]',
    );
  });

  it('--redact masks the local part of the mailbox everywhere', () => {
    const r = redactReport({
      ...sample(),
      checks: [{ ...(sample().checks[1] as CheckResult), hint: `login ${USER} refused` }],
    });
    expect(r.target).toBe('***@example.test');
    expect(JSON.stringify(r)).not.toContain('alice');
  });
});
