import { CheckFailure } from '../verdicts.js';
import { secretForms, serverWords } from '../redact.js';
import { saslPlain, type Authenticate, type Credentials } from './types.js';

const TAG = 'L1';

// The exchange ends at our tagged reply, a continuation request, or the server hanging up.
const replyDone = (lines: string[]) => {
  const l = lines[lines.length - 1] ?? '';
  return l.startsWith(`${TAG} `) || l.startsWith('+') || /^\* BYE\b/i.test(l);
};

/** RFC 3501 quoted string; a value a quoted string cannot carry would need a literal. */
function quoted(value: string): string {
  if (/[\r\n\0]/.test(value)) {
    throw new CheckFailure('auth_mechanism_unavailable', 'the password cannot be sent with LOGIN');
  }
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * The tagged reply to LOGIN/AUTHENTICATE as a verdict (RFC 3501 §6.2, RFC 5530 response codes);
 * undefined when the login succeeded.
 */
export function imapLoginVerdict(
  reply: string,
  secrets: readonly string[],
): CheckFailure | undefined {
  if (new RegExp(`^${TAG} OK\\b`, 'i').test(reply)) return undefined;
  const code = /^\S+ (?:NO|BAD) \[([A-Z-]+)/i.exec(reply)?.[1]?.toUpperCase() ?? '';
  if (code === 'PRIVACYREQUIRED' || /plaintext authentication disallowed/i.test(reply)) {
    return new CheckFailure(
      'auth_mechanism_unavailable',
      'the server refuses password logins here',
    );
  }
  if (/^\S+ NO\b/i.test(reply) && !['UNAVAILABLE', 'SERVERBUG', 'INUSE'].includes(code)) {
    return new CheckFailure('auth_failed', `IMAP login refused${code ? ` (${code})` : ''}`);
  }
  return new CheckFailure(
    'protocol_error',
    `unexpected IMAP reply to the login: ${serverWords(reply, secrets)}`,
  );
}

/** AUTHENTICATE PLAIN (with SASL-IR in one round trip when offered), else LOGIN. */
function firstCommand(mechanisms: string[], words: string[], creds: Credentials) {
  const saslIr = words.some((w) => w.toUpperCase() === 'SASL-IR');
  if (!mechanisms.includes('PLAIN'))
    return `${TAG} LOGIN ${quoted(creds.user)} ${quoted(creds.pass)}`;
  return saslIr ? `${TAG} AUTHENTICATE PLAIN ${saslPlain(creds)}` : `${TAG} AUTHENTICATE PLAIN`;
}

/**
 * IMAP login on the connection the probe verified (certificate, greeting, capabilities), in
 * the protocol's own terms: the tagged OK is the documented sign of success, and nothing else
 * (no ID, NAMESPACE or mailbox listing) is sent before it.
 */
export const imapLogin: Authenticate = async (s, creds, timeoutMs) => {
  const { conn, caps } = s;
  let lines = await conn.command(
    firstCommand(caps.mechanisms, caps.words, creds),
    replyDone,
    timeoutMs,
    'auth',
  );
  if ((lines[lines.length - 1] ?? '').startsWith('+')) {
    lines = await conn.command(saslPlain(creds), replyDone, timeoutMs, 'auth');
  }
  const reply = lines[lines.length - 1] ?? '';
  if (/^\* BYE\b/i.test(reply)) {
    throw new CheckFailure('protocol_error', 'the server ended the IMAP session at login');
  }
  const failure = imapLoginVerdict(reply, secretForms(creds.user, creds.pass));
  if (failure) throw failure;
  conn.write(`${TAG}Z LOGOUT`); // not waited for: the login result is known
};
