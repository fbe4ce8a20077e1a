import { CheckFailure } from '../verdicts.js';
import { secretForms, serverWords } from '../redact.js';
import { saslPlain, type Authenticate, type Credentials } from './types.js';

const oneLine = (lines: string[]) => lines.length > 0;

function judge(reply: string, creds: Credentials): void {
  const said = () => serverWords(reply, secretForms(creds.user, creds.pass));
  // [IN-USE]: the login was accepted but the mailbox is locked by another client
  if (reply.startsWith('+OK') || /^-ERR \[IN-USE\]/i.test(reply)) return;
  if (/plaintext authentication disallowed/i.test(reply)) {
    throw new CheckFailure('auth_mechanism_unavailable', 'the server refuses password logins here');
  }
  if (/^-ERR \[SYS\//i.test(reply)) {
    throw new CheckFailure('protocol_error', `POP3 server error at login: ${said()}`);
  }
  if (reply.startsWith('-ERR')) {
    throw new CheckFailure('auth_failed', `POP3 login refused: ${said()}`);
  }
  throw new CheckFailure('protocol_error', 'unexpected POP3 reply to the login');
}

/** POP3 login: AUTH PLAIN with an initial response (RFC 5034), else USER/PASS. */
export const pop3Login: Authenticate = async (s, creds, timeoutMs) => {
  const { conn, caps } = s;
  if (caps.mechanisms.includes('PLAIN')) {
    const [reply = ''] = await conn.command(
      `AUTH PLAIN ${saslPlain(creds)}`,
      oneLine,
      timeoutMs,
      'auth',
    );
    judge(reply, creds);
  } else {
    const [user = ''] = await conn.command(`USER ${creds.user}`, oneLine, timeoutMs, 'auth');
    judge(user, creds);
    const [pass = ''] = await conn.command(`PASS ${creds.pass}`, oneLine, timeoutMs, 'auth');
    judge(pass, creds);
  }
  conn.write('QUIT');
};
