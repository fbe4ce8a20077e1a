import type { DoctorOptions, DoctorReport } from '../../contract.js';
import { runDoctor, type DoctorEvent } from '../diagnostics/doctor.js';
import { endpointsFor } from '../diagnostics/endpoints.js';
import { redactReport } from '../diagnostics/redact.js';
import { AppPassError } from '../errors.js';
import type { Vault } from '../vault/index.js';
import type { SignedIn } from './session.js';

export interface DoctorDeps {
  vault: Vault;
  onEvent(event: DoctorEvent): void;
  timeoutMs: number;
  ca?: string[];
}

async function credentialsFor(s: SignedIn, passwordId: number | undefined, vault: Vault) {
  if (passwordId === undefined) return undefined;
  const pass = await vault.readAppPassword(s.state.mailbox, passwordId);
  if (!pass) {
    throw new AppPassError(
      'not_stored',
      'That password is not stored on this device; choose another or check without login.',
    );
  }
  return { user: s.state.mailbox, pass };
}

/** The connectivity check for the signed-in mailbox, streaming events as steps finish. */
export async function checkConnectivity(
  s: SignedIn,
  o: DoctorOptions,
  d: DoctorDeps,
): Promise<DoctorReport> {
  const credentials = await credentialsFor(s, o.passwordId, d.vault);
  const mail = o.host ? undefined : s.state.profile.mail;
  return runDoctor({
    target: s.state.mailbox,
    endpoints: endpointsFor(mail, o.host),
    ...(credentials ? { credentials } : {}),
    timeoutMs: d.timeoutMs,
    ...(d.ca ? { ca: d.ca } : {}),
    onEvent: d.onEvent,
  });
}

/** A redacted Markdown report (no password, the mailbox's local part masked). */
export function reportMarkdown(report: DoctorReport): string {
  const r = redactReport(report as Parameters<typeof redactReport>[0]);
  const rows = r.checks.map(
    (c) =>
      `| ${c.protocol} | ${c.host}:${c.port} | ${c.security} | ${c.verdict} | ${c.durationMs} ms | ${c.hint ?? ''} |`,
  );
  return [
    `# AppPass connectivity report for ${r.target}`,
    '',
    `Started ${r.startedAt}, took ${r.durationMs} ms.`,
    '',
    '| protocol | server | security | verdict | time | hint |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
