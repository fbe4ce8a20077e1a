import type { DoctorCheck, Verdict } from '../../../main/contract.js';
import type { MessageKey } from '../i18n/en.js';

/** A login the chosen password may not make (no such protocol): nothing to fix. */
export const notNeeded = (c: DoctorCheck): boolean =>
  c.verdict === 'skipped' && c.skipReason === 'no_scope';

const SENTENCE: Partial<Record<Verdict, MessageKey>> = {
  auth_failed: 'summaryAuthFailed',
  dns_not_found: 'summaryDns',
  dns_timeout: 'summaryDns',
  tcp_refused: 'summaryUnreachable',
  tcp_timeout: 'summaryUnreachable',
  timeout: 'summaryUnreachable',
  tls_handshake_failed: 'summaryTls',
  tls_cert_expired: 'summaryTls',
  tls_cert_hostname_mismatch: 'summaryTls',
  tls_cert_untrusted: 'summaryTls',
};

/** Which failure speaks first: a refused password, then the network, then the rest. */
const RANK: MessageKey[] = [
  'summaryAuthFailed',
  'summaryDns',
  'summaryUnreachable',
  'summaryTls',
  'summaryOther',
];

export interface DoctorSummary {
  readonly ok: boolean;
  /** One sentence: does my mail work, and if not, whose problem is it. */
  readonly headline: MessageKey;
  readonly failed: number;
  readonly passed: number;
  readonly notNeeded: number;
}

/**
 * The screen's (and the copied report's) summary. Skipped logins that this password does not
 * need count apart; any other skip means a login could not be tried, which is a failure.
 */
export function summarize(checks: readonly DoctorCheck[], withLogin: boolean): DoctorSummary {
  const failures = checks.filter((c) => c.verdict !== 'ok' && !notNeeded(c));
  const counts = {
    failed: failures.length,
    passed: checks.filter((c) => c.verdict === 'ok').length,
    notNeeded: checks.filter(notNeeded).length,
  };
  if (failures.length === 0) {
    return { ok: true, headline: withLogin ? 'summaryAllOk' : 'summaryNoLogin', ...counts };
  }
  // A skip that follows another failure says nothing new; the first real failure leads.
  const sentences = failures
    .filter((c) => c.verdict !== 'skipped')
    .map((c) => SENTENCE[c.verdict] ?? 'summaryOther');
  const headline = RANK.find((key) => sentences.includes(key)) ?? 'summaryOther';
  return { ok: false, headline, ...counts };
}

/** The row's advice for each kind of failure the summary names. */
const ADVICE: Partial<Record<MessageKey, MessageKey>> = {
  summaryAuthFailed: 'advice_auth',
  summaryDns: 'advice_network',
  summaryUnreachable: 'advice_network',
  summaryTls: 'advice_tls',
};

/** What the person can do about one failed check, in their language (core's note is in Details). */
export function adviceFor(c: DoctorCheck): MessageKey {
  if (c.verdict === 'skipped') return 'advice_not_tried';
  return ADVICE[SENTENCE[c.verdict] ?? 'summaryOther'] ?? 'advice_other';
}
