import { ImapFlow } from 'imapflow';
import type { Socket } from 'node:net';
import { StepTimeout, CheckFailure } from '../verdicts.js';
import type { ReadySession } from '../probe.js';
import type { Authenticate, Credentials } from './types.js';

interface ImapError extends Error {
  code?: string;
  authenticationFailed?: boolean;
  serverResponseCode?: string;
}

const TIMEOUT_CODES = new Set([
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
  'ETIMEOUT',
]);

/** imapflow's errors as verdicts; LOGINDISABLED is a missing mechanism, not a wrong password. */
export function imapVerdict(err: ImapError): CheckFailure | StepTimeout {
  if (err instanceof CheckFailure || err instanceof StepTimeout) return err;
  if (err.code && TIMEOUT_CODES.has(err.code)) return new StepTimeout('auth');
  const code = err.serverResponseCode ?? '';
  if (/login is disabled/i.test(err.message) || code === 'PRIVACYREQUIRED') {
    return new CheckFailure(
      'auth_mechanism_unavailable',
      'the server refuses password logins here',
    );
  }
  if (err.authenticationFailed) {
    return new CheckFailure('auth_failed', `IMAP login refused${code ? ` (${code})` : ''}`);
  }
  return new CheckFailure('protocol_error', `IMAP error at login (${err.code ?? 'unknown'})`);
}

/**
 * imapflow continues on the connection the probe already verified: its transport hands over
 * that TLS socket with the server's capabilities replayed as a greeting. ID is left out of the
 * replayed list so no client identification is sent and no round trip is spent on it.
 */
function makeClient(s: ReadySession, creds: Credentials, timeoutMs: number, onAuth: () => void) {
  const caps = s.caps.words.filter((w) => w.toUpperCase() !== 'ID').join(' ');
  const socket = s.conn.handOver(`* OK [CAPABILITY ${caps}] ready\r\n`) as Socket;
  const quiet = () => undefined;
  const client = new ImapFlow({
    host: s.target.host,
    port: s.target.port,
    secure: true,
    auth: { user: creds.user, pass: creds.pass },
    verifyOnly: true,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    transport: {
      connect: (_o, onConnect) => {
        setImmediate(onConnect);
        return socket;
      },
    },
    // The login result is known at imapflow's 'User authenticated' log entry; its NAMESPACE
    // and LOGOUT round trips after that add nothing to the diagnosis.
    logger: {
      debug: quiet,
      warn: quiet,
      error: quiet,
      info: (o: { src?: string; msg?: string }) => {
        if (o?.src === 'auth' && o.msg === 'User authenticated') onAuth();
      },
    },
  });
  client.on('error', quiet); // without a listener imapflow's socket errors end the process
  return client;
}

export const imapLogin: Authenticate = (s, creds, timeoutMs) =>
  new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (err?: ImapError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.close();
      if (err) reject(imapVerdict(err));
      else resolve();
    };
    const timer = setTimeout(() => finish(new StepTimeout('auth')), timeoutMs);
    const client = makeClient(s, creds, timeoutMs, () => finish());
    client.connect().then(
      () => finish(),
      (err: ImapError) => finish(err),
    );
  });
