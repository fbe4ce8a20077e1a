import type { Advice, HintCode, MessageParams } from '../../../protocol/messages.js';
import type { SkipReason, StepName } from '../../../protocol/report.js';
import { SERVICE_SCOPE, type MailService } from '../../../protocol/scopes.js';
import type { Verdict } from '../../../protocol/verdicts.js';

// What a person or helpdesk can do about a verdict, as a hint code and the values its wording
// needs; the command and the desktop app word it (main/cli/render/hints.ts, renderer i18n).

export type { SkipReason } from '../../../protocol/report.js';

export interface HintContext {
  service: MailService;
  host: string;
  port: number;
  facts: Readonly<Record<string, string>>;
  /** The step that ran out of time, for `timeout`; 'run' when the run was cancelled. */
  step?: StepName | 'run';
  /** The service whose login succeeded earlier in the run, if any. */
  loggedInWith?: MailService;
  /** The gate's service, for `skipped`. */
  gate?: MailService;
  skip?: SkipReason;
}

const TIMEOUT_STEPS: Partial<Record<StepName | 'run', HintCode>> = {
  run: 'timeout_run',
  greeting: 'timeout_greeting',
  tls: 'timeout_tls',
  auth: 'timeout_auth',
};

const SKIPS: Record<SkipReason, HintCode> = {
  gate_failed: 'skipped_gate_failed',
  no_gate: 'skipped_no_gate',
  plaintext: 'skipped_plaintext',
  deadline: 'skipped_deadline',
  no_scope: 'skipped_no_scope',
};

/** The code for a verdict: some verdicts have a more precise one when the facts say more. */
function codeFor(verdict: Exclude<Verdict, 'ok'>, c: HintContext): HintCode {
  switch (verdict) {
    case 'tcp_timeout':
      return c.facts.unreachable ? 'tcp_unreachable' : 'tcp_timeout';
    case 'tls_handshake_failed':
      return c.facts.plaintextPort ? 'tls_plaintext_port' : 'tls_handshake_failed';
    case 'auth_mechanism_unavailable':
      return c.facts.loginDisabled === 'true' ? 'auth_login_disabled' : verdict;
    case 'auth_failed':
      return c.loggedInWith ? 'auth_no_scope' : 'auth_failed';
    case 'timeout':
      return (c.step && TIMEOUT_STEPS[c.step]) || 'timeout';
    case 'skipped':
      return SKIPS[c.skip ?? 'no_gate'];
    default:
      return verdict;
  }
}

/** One hint a user or helpdesk can act on, or null for ok. */
export function hintFor(verdict: Verdict, c: HintContext): Advice | null {
  if (verdict === 'ok') return null;
  const params: MessageParams = {
    service: c.service,
    host: c.host,
    port: c.port,
    scope: SERVICE_SCOPE[c.service],
    ...(c.loggedInWith ? { loggedInWith: c.loggedInWith } : {}),
    gate: c.gate ?? 'imap',
    ...c.facts,
  };
  return { code: codeFor(verdict, c), params };
}

/** One address family answers and the other does not. */
export function familyHint(family: 'ipv4' | 'ipv6', port: number, other: 'ipv4' | 'ipv6'): Advice {
  return { code: 'family_mismatch', params: { family, port, other } };
}
