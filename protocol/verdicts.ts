/** The verdict codes of `doctor --json`, in the order a check can fail. */
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
