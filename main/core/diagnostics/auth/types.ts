import type { ReadySession } from '../probe.js';

export interface Credentials {
  user: string;
  pass: string;
}

/** Log in on a session that passed every earlier step; throws CheckFailure/StepTimeout on failure. */
export type Authenticate = (
  s: ReadySession,
  creds: Credentials,
  timeoutMs: number,
) => Promise<void>;

/** SASL PLAIN initial response (RFC 4616): authzid empty, then user and password. */
export function saslPlain(creds: Credentials): string {
  return Buffer.from(`\0${creds.user}\0${creds.pass}`, 'utf8').toString('base64');
}
