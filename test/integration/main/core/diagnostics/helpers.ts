import { withHints } from '../../../../../main/cli/render/hints.js';
import type { DoctorInput } from '../../../../../main/core/diagnostics/doctor.js';
import { runDoctor } from '../../../../../main/core/diagnostics/doctor.js';
import type { ProbeTarget } from '../../../../../main/core/diagnostics/probe.js';
import type { CheckResult, DoctorReport } from '../../../../../protocol/report.js';
import type { Dovecot } from '../../../../harness/dovecot.js';
import type { MailcowEmulator } from '../../../../harness/mailcow-emulator.js';

export const ALICE = 'alice@example.test';

/** An app password through the emulator's API (mailcow-api.md §2.1). */
export async function addAppPassword(
  emu: MailcowEmulator,
  pass: string,
  protocols: string[],
): Promise<void> {
  const res = await fetch(`${emu.url}/api/v1/add/app-passwd`, {
    method: 'POST',
    headers: { 'X-API-Key': emu.rwKey, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      username: ALICE,
      app_name: `doctor ${protocols.join(' ')}`,
      app_passwd: pass,
      app_passwd2: pass,
      active: 1,
      protocols,
    }),
  });
  const answer = (await res.json()) as Array<{ type: string }>;
  if (answer[0]?.type !== 'success') throw new Error('add/app-passwd failed');
}

/** mailcow's seven client ports, as this Dovecot serves them. */
export function dovecotEndpoints(d: Dovecot, host = 'localhost'): ProbeTarget[] {
  const p = d.ports;
  return [
    { service: 'imap', host, port: p.imaps, security: 'tls' },
    { service: 'imap', host, port: p.imap, security: 'starttls' },
    { service: 'smtp', host, port: p.submissions, security: 'tls' },
    { service: 'smtp', host, port: p.submission, security: 'starttls' },
    { service: 'pop3', host, port: p.pop3s, security: 'tls' },
    { service: 'pop3', host, port: p.pop3, security: 'starttls' },
    { service: 'sieve', host, port: p.sieve, security: 'starttls' },
  ];
}

/** A run, its hints worded as the command prints them (the tests read them). */
export async function doctor(
  o: Partial<DoctorInput> & Pick<DoctorInput, 'endpoints'>,
): Promise<DoctorReport> {
  return withHints(await runDoctor({ target: ALICE, timeoutMs: 20_000, ...o }));
}

export const verdicts = (r: DoctorReport): string[] => r.checks.map((c) => c.verdict);

export function only(r: DoctorReport): CheckResult {
  if (r.checks.length !== 1) throw new Error(`expected one check, got ${r.checks.length}`);
  return r.checks[0] as CheckResult;
}

/** Dovecot logs a failed login when the connection ends; wait until the count settles. */
export async function settledAuthFailures(d: Dovecot, atLeast: number): Promise<number> {
  const end = Date.now() + 15_000;
  let n = await d.authFailures();
  while (n < atLeast && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    n = await d.authFailures();
  }
  await new Promise((r) => setTimeout(r, 1_000)); // a second failure would be logged by now
  return d.authFailures();
}
