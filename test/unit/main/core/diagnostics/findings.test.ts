import { hintText, withHints } from '../../../../../main/cli/render/hints.js';
import { describe, expect, it } from 'vitest';
import { compareAutoconfig } from '../../../../../main/core/diagnostics/autoconfig-check.js';
import { clockFinding } from '../../../../../main/core/diagnostics/clock.js';
import { reportMarkdown, reportText } from '../../../../../main/cli/render/report.js';
import { allOk } from '../../../../../main/core/diagnostics/report.js';
import {
  doctorReport,
  type CheckResult,
  type DoctorReport,
} from '../../../../../protocol/report.js';

const HOST = 'mail.example.test';

function check(o: Partial<CheckResult> & Pick<CheckResult, 'id' | 'port'>): CheckResult {
  return {
    protocol: 'imap',
    host: HOST,
    security: 'starttls',
    verdict: 'ok',
    durationMs: 10,
    steps: [
      { name: 'greeting', ms: 1, ok: true },
      { name: 'starttls', ms: 1, ok: true },
    ],
    tls: null,
    hint: null,
    ...o,
  };
}

const URL = 'https://autoconfig.example.test/mail/config-v1.1.xml';
const imap143 = { host: 'MAIL.example.test', port: 143, security: 'starttls' as const };

describe('compareAutoconfig', () => {
  it('counts a STARTTLS port that greets but offers no STARTTLS as not answering', () => {
    const noStarttls = check({
      id: 'imap:143',
      port: 143,
      verdict: 'starttls_unavailable',
      steps: [{ name: 'greeting', ms: 1, ok: true }],
    });
    const f = compareAutoconfig({ url: URL, endpoints: { imap: imap143 } }, [noStarttls]);
    expect(f.verdict).toBe('not_answering');
    expect(hintText(f.advice)).toBe(
      `autoconfig advertises IMAP on MAIL.example.test port 143 STARTTLS but it does not answer as advertised (starttls_unavailable); Thunderbird's automatic setup will fail.`,
    );
  });

  it('is ok when one address family of the advertised server answers', () => {
    const v6 = check({ id: 'imap:143:ipv6', port: 143, family: 'ipv6', verdict: 'tcp_refused' });
    v6.steps = [{ name: 'tcp', ms: 1, ok: false }];
    const v4 = check({ id: 'imap:143:ipv4', port: 143, family: 'ipv4' });
    const f = compareAutoconfig({ url: URL, endpoints: { imap: imap143 } }, [v6, v4]);
    expect(f).toMatchObject({ verdict: 'ok', hint: null });
    expect(f.servers[0]).toMatchObject({ checkId: 'imap:143:ipv4', answers: true });
  });

  it('treats another socket type on the same port as not checked', () => {
    const f = compareAutoconfig(
      { url: URL, endpoints: { imap: { ...imap143, security: 'tls' } } },
      [check({ id: 'imap:143', port: 143 })],
    );
    expect(f.verdict).toBe('differs');
    expect(hintText(f.advice)).toMatch(/port 143 SSL, which is not among the servers checked here/);
  });
});

describe('clockFinding', () => {
  const at = (date: string | null, sentAt: number, receivedAt: number) => ({
    host: 'autoconfig.example.test',
    date,
    sentAt,
    receivedAt,
  });
  const t = Date.parse('2026-01-01T12:00:00Z');

  it('takes the middle of the exchange against the middle of the Date second', () => {
    const f = clockFinding(at('Thu, 01 Jan 2026 12:00:00 GMT', t + 400, t + 600));
    expect(f).toMatchObject({ verdict: 'ok', skewSeconds: 0, hint: null });
  });

  it('flags more than 60 s, and says which way', () => {
    const noon = 'Thu, 01 Jan 2026 12:00:00 GMT';
    expect(clockFinding(at(noon, t + 60_500, t + 60_500))).toMatchObject({
      verdict: 'ok',
      skewSeconds: 60,
    });
    const ahead = clockFinding(at(noon, t + 61_500, t + 61_500));
    expect(ahead).toMatchObject({ verdict: 'skewed', skewSeconds: 61 });
    expect(hintText(ahead.advice)).toMatch(
      /^This computer's clock is 61 seconds ahead of autoconfig\.example\.test's;/,
    );
    const behind = clockFinding(at(noon, t - 3 * 3600_000, t - 3 * 3600_000));
    expect(hintText(behind.advice)).toMatch(/3 hours behind/);
  });

  it('is unknown without a usable Date header, and then never fails the run', () => {
    const f = clockFinding(at('soon', t, t));
    expect(f).toMatchObject({ verdict: 'unknown', skewSeconds: null, hint: null });
    expect(f.detail).toBe('autoconfig.example.test sent no valid Date header');
  });
});

describe('report with findings', () => {
  const report = (): DoctorReport => ({
    target: 'alice@example.test',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 300,
    checks: [check({ id: 'imap:143', port: 143 })],
    findings: [
      compareAutoconfig({ url: URL, endpoints: { imap: imap143 } }, []),
      clockFinding({ host: HOST, date: 'Thu, 01 Jan 2026 12:00:00 GMT', sentAt: 0, receivedAt: 0 }),
    ],
  });

  it('keeps the fixed checks and validates the findings beside them', () => {
    const r = doctorReport.parse(report());
    expect(r.findings?.map((f) => [f.id, f.verdict])).toEqual([
      ['autoconfig', 'differs'],
      ['clock', 'skewed'],
    ]);
    expect(allOk(r)).toBe(false); // the skewed clock
    expect(allOk({ ...r, findings: r.findings?.slice(0, 1) })).toBe(true); // differs alone: no
  });

  it('shows both findings in Markdown and in the terminal summary', () => {
    const md = reportMarkdown(withHints(report()));
    expect(md).toContain('## Findings');
    expect(md).toContain(
      '- autoconfig **differs**: imap MAIL.example.test:143 starttls. autoconfig advertises',
    );
    expect(md).toMatch(
      /- clock \*\*skewed\*\*: skew -?\d+ s against mail\.example\.test\. This computer's clock is \d+ hours behind/,
    );
    expect(reportText(withHints(report()))).toMatch(/^clock skewed: skew/m);
  });
});
