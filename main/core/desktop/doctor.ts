import type { DoctorOptions, DoctorReport } from '../../contract.js';
import { runDoctor, type DoctorEvent } from '../diagnostics/doctor.js';
import { endpointsFor } from '../diagnostics/endpoints.js';
import { reportMarkdown } from '../diagnostics/markdown.js';
import { redactReport } from '../diagnostics/redact.js';
import type { DoctorReport as DiagnosticsReport } from '../diagnostics/report.js';
import type { MailService, ProtocolScope } from '../discovery/profile.js';
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

const SERVICE_SCOPE: Record<MailService, ProtocolScope> = {
  imap: 'imap_access',
  smtp: 'smtp_access',
  pop3: 'pop3_access',
  sieve: 'sieve_access',
};

/**
 * With a password, only the services its scopes allow: a login the scope forbids is a failed
 * login, and mailcow bans an address after 10 of them in 10 minutes.
 */
async function allowedServices(s: SignedIn, passwordId: number | undefined) {
  if (passwordId === undefined) return null;
  const entry = (await s.index.list(s.state.mailbox)).find((e) => e.id === passwordId);
  if (!entry) return null;
  const scopes = new Set(entry.protocols);
  return (service: MailService) => scopes.has(SERVICE_SCOPE[service]);
}

/** The connectivity check for the signed-in mailbox, streaming events as steps finish. */
export async function checkConnectivity(
  s: SignedIn,
  o: DoctorOptions,
  d: DoctorDeps,
): Promise<DoctorReport> {
  const credentials = await credentialsFor(s, o.passwordId, d.vault);
  const allowed = await allowedServices(s, o.passwordId);
  const mail = o.host ? undefined : s.state.profile.mail;
  const endpoints = endpointsFor(mail, o.host).filter((e) => !allowed || allowed(e.service));
  return runDoctor({
    target: s.state.mailbox,
    endpoints,
    ...(credentials ? { credentials } : {}),
    timeoutMs: d.timeoutMs,
    ...(d.ca ? { ca: d.ca } : {}),
    onEvent: d.onEvent,
  });
}

/** The report to paste into a ticket: Markdown, the mailbox's local part masked, no password. */
export const redactedMarkdown = (report: DoctorReport): string =>
  reportMarkdown(redactReport(report as DiagnosticsReport));
