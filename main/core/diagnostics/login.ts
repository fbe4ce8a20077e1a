import type { MailEndpoint } from '../../../protocol/discovery.js';
import { Check } from './check.js';
import { Deadline, since } from './deadline.js';
import { resolveHost } from './dns.js';
import { secretForms } from './redact.js';
import { lazyTrustContext } from './trust.js';
import type { Advice } from '../../../protocol/messages.js';
import type { Verdict } from '../../../protocol/verdicts.js';

export type { Verdict } from '../../../protocol/verdicts.js';
export type LoginService = 'imap' | 'smtp' | 'pop3' | 'sieve';

export interface LoginResult {
  ok: boolean;
  verdict: Verdict;
  /** What to do about a failure, as hint codes (protocol/messages.ts). */
  advice: Advice[];
  durationMs: number;
}

export interface LoginOptions {
  timeoutMs?: number;
  /** Extra CA certificates (PEM) besides the system store and NODE_EXTRA_CA_CERTS. */
  ca?: string[];
  signal?: AbortSignal;
}

/**
 * One real login (e.g. to verify a new app password): DNS, TCP, TLS with a certificate check,
 * greeting, capabilities, then the login — exactly once, never retried. The password is sent
 * only over a verified TLS session.
 */
export async function tryLogin(
  service: LoginService,
  endpoint: MailEndpoint,
  creds: { user: string; pass: string },
  o: LoginOptions = {},
): Promise<LoginResult> {
  const start = performance.now();
  const deadline = new Deadline(o.timeoutMs ?? 20_000, o.signal);
  const check = new Check(
    { service, host: endpoint.host, port: endpoint.port, security: endpoint.security },
    { context: lazyTrustContext({ ca: o.ca }), deadline },
    { onStep: () => undefined, secrets: secretForms(creds.user, creds.pass) },
  );
  const abort = () => check.abort();
  o.signal?.addEventListener('abort', abort, { once: true });
  try {
    const dns = resolveHost(endpoint.host, deadline.limit('dns'), undefined, o.signal);
    const session = await check.prepare(dns);
    if (session && endpoint.security === 'none') check.skipLogin('plaintext');
    else if (session) await check.login(creds);
  } finally {
    o.signal?.removeEventListener('abort', abort);
  }
  const [result] = await check.results();
  const verdict = result?.verdict ?? 'protocol_error';
  return { ok: verdict === 'ok', verdict, advice: result?.advice ?? [], durationMs: since(start) };
}
