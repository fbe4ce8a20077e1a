import type { DoctorOptions, DoctorReport, DoctorSummaryText } from '../../contract.js';
import { runDoctor, type DoctorEvent } from '../diagnostics/doctor.js';
import { endpointsFor } from '../diagnostics/endpoints.js';
import { indexedScopes } from '../diagnostics/scopes.js';
import { reportMarkdown } from '../diagnostics/markdown.js';
import { redactReport } from '../diagnostics/redact.js';
import type { DoctorReport as DiagnosticsReport } from '../diagnostics/report.js';
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
  // The chosen password's scopes: runDoctor logs in only where they allow (mailcow's ban).
  const scopes =
    o.passwordId === undefined
      ? undefined
      : await indexedScopes(s.index, s.state.mailbox, o.passwordId);
  const mail = o.host ? undefined : s.state.profile.mail;
  return runDoctor({
    target: s.state.mailbox,
    endpoints: endpointsFor(mail, o.host),
    ...(credentials ? { credentials } : {}),
    ...(scopes ? { scopes } : {}),
    timeoutMs: d.timeoutMs,
    ...(d.ca ? { ca: d.ca } : {}),
    onEvent: d.onEvent,
  });
}

/** The report to paste into a ticket: Markdown, the mailbox's local part masked, no password. */
export const redactedMarkdown = (report: DoctorReport, summary?: DoctorSummaryText): string =>
  reportMarkdown(redactReport(report as DiagnosticsReport), summary);
