/** The verdict codes of ARCHITECTURE.md (`doctor --json`), in the order a check can fail. */
export const VERDICTS = [
  'ok',
  'dns_not_found',
  'dns_timeout',
  'tcp_refused',
  'tcp_timeout',
  'tls_handshake_failed',
  'tls_cert_expired',
  'tls_cert_hostname_mismatch',
  'tls_cert_untrusted',
  'starttls_unavailable',
  'auth_mechanism_unavailable',
  'auth_failed',
  'protocol_error',
  'timeout',
  'skipped',
] as const;
export type Verdict = (typeof VERDICTS)[number];

/** A check that stopped with a verdict other than ok; `detail` is technical, never secret. */
export class CheckFailure extends Error {
  constructor(
    readonly verdict: Exclude<Verdict, 'ok'>,
    readonly detail: string,
    /** Extra facts the hint wording needs (e.g. the certificate's names). */
    readonly facts: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
    this.name = 'CheckFailure';
  }
}

/** A step ran past its own deadline (or the run's). */
export class StepTimeout extends Error {
  constructor(readonly step: string) {
    super(`${step} timed out`);
    this.name = 'StepTimeout';
  }
}
