import type { MailEndpoint } from '../../../protocol/discovery.js';
import type { DoctorEvent, DoctorReport } from '../../../protocol/report.js';
import type { MailService, ProtocolScope } from '../../../protocol/scopes.js';
import { runDoctor } from '../diagnostics/doctor.js';
import { endpointsFor, mailcowEndpoints } from '../diagnostics/endpoints.js';
import type { FindingsOptions } from '../diagnostics/findings.js';
import type { ProbeTarget } from '../diagnostics/probe.js';
import { indexedScopes } from '../diagnostics/scopes.js';
import { AppPassError } from '../errors.js';
import { openPasswordIndex, type Vault } from '../vault/index.js';

/** The password to log in with: given (stdin), or one stored on this device by id. */
export type CheckPassword = { pass: string } | { storedId: number };

/** Where to check: every mailcow port on one host, or what a profile advertises. */
export type CheckWhere =
  { host: string } | { mail: Partial<Record<MailService, MailEndpoint>>; mailHost?: string };

export interface CheckInput {
  /** The mailbox: the login's user name and the report's target. */
  mailbox: string;
  where: CheckWhere;
  password?: CheckPassword;
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  ca?: string[];
  findings?: FindingsOptions;
  onEvent?: (event: DoctorEvent) => void;
}

export interface CheckDeps {
  dataDir: string;
  /** Opened only when a stored password is asked for. */
  vault: () => Vault;
}

function targetsFor(mailbox: string, where: CheckWhere): ProbeTarget[] {
  const targets =
    'host' in where ? mailcowEndpoints(where.host) : endpointsFor(where.mail, where.mailHost);
  if (!targets.length) {
    throw new AppPassError('no_mail_server', 'usage', { params: { mailbox } });
  }
  return targets;
}

/** The stored password and its scopes from the index (the check logs in only where they allow). */
async function storedSecret(
  d: CheckDeps,
  mailbox: string,
  id: number,
): Promise<{ pass: string; scopes?: ProtocolScope[] }> {
  const pass = await d.vault().readAppPassword(mailbox, id);
  if (!pass) {
    throw new AppPassError('not_stored', 'usage', { params: { id, mailbox } });
  }
  const scopes = await indexedScopes(await openPasswordIndex(d.dataDir), mailbox, id);
  return { pass, ...(scopes ? { scopes } : {}) };
}

/**
 * The connectivity check (DNS, TCP, TLS, greeting, capabilities, at most one gating login)
 * for a mailbox, as both the `doctor` command and the desktop app run it.
 */
export async function checkConnectivity(d: CheckDeps, input: CheckInput): Promise<DoctorReport> {
  const secret =
    input.password === undefined
      ? undefined
      : 'pass' in input.password
        ? { pass: input.password.pass }
        : await storedSecret(d, input.mailbox, input.password.storedId);
  const endpoints = targetsFor(input.mailbox, input.where);
  return runDoctor({
    target: input.mailbox,
    endpoints,
    ...(secret ? { credentials: { user: input.mailbox, pass: secret.pass } } : {}),
    ...(secret?.scopes ? { scopes: secret.scopes } : {}),
    timeoutMs: input.timeoutMs,
    ...(input.env ? { env: input.env } : {}),
    ...(input.ca ? { ca: input.ca } : {}),
    ...(input.findings ? { findings: input.findings } : {}),
    ...(input.onEvent ? { onEvent: input.onEvent } : {}),
  });
}
