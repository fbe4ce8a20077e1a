import { CheckFailure } from '../verdicts.js';
import { secretForms, serverWords } from '../redact.js';
import { saslPlain, type Authenticate } from './types.js';

const done = (lines: string[]) => /^(OK|NO|BYE)\b/i.test(lines[lines.length - 1] ?? '');

/** ManageSieve login (RFC 5804): AUTHENTICATE "PLAIN" with an initial response. */
export const sieveLogin: Authenticate = async (s, creds, timeoutMs) => {
  const { conn, caps } = s;
  if (!caps.mechanisms.includes('PLAIN')) {
    throw new CheckFailure('auth_mechanism_unavailable', 'ManageSieve offers no PLAIN login', {
      mechanisms: caps.mechanisms.join(' '),
    });
  }
  const lines = await conn.command(
    `AUTHENTICATE "PLAIN" "${saslPlain(creds)}"`,
    done,
    timeoutMs,
    'auth',
  );
  const reply = lines[lines.length - 1] ?? '';
  if (/^OK\b/i.test(reply)) {
    conn.write('LOGOUT');
    return;
  }
  if (/^NO\b/i.test(reply))
    throw new CheckFailure(
      'auth_failed',
      `ManageSieve login refused: ${serverWords(reply, secretForms(creds.user, creds.pass))}`,
    );
  throw new CheckFailure('protocol_error', 'the server ended the ManageSieve session at login');
};
