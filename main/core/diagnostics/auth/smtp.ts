import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { Socket } from 'node:net';
import { CheckFailure, StepTimeout } from '../verdicts.js';
import type { ReadySession } from '../probe.js';
import type { Credentials } from './types.js';

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
}

/** nodemailer's errors as verdicts (it reports a refused connection as ESOCKET). */
export function smtpVerdict(err: SmtpError): CheckFailure | StepTimeout {
  if (err instanceof CheckFailure || err instanceof StepTimeout) return err;
  if (err.code === 'ETIMEDOUT') return new StepTimeout('auth');
  const rc = err.responseCode ?? 0;
  if (err.code === 'EAUTH' && (rc === 534 || rc === 538 || rc === 504)) {
    return new CheckFailure('auth_mechanism_unavailable', `SMTP AUTH mechanism refused (${rc})`);
  }
  if (err.code === 'EAUTH' || rc === 535) {
    return new CheckFailure('auth_failed', `SMTP AUTH refused${rc ? ` (${rc})` : ''}`);
  }
  return new CheckFailure('protocol_error', `SMTP error at login (${err.code ?? 'unknown'})`);
}

/**
 * nodemailer continues on the verified connection: it reads the server's greeting (replayed),
 * sends EHLO and then AUTH through an explicit login() — never verify(), which skips the login
 * when the server advertises no AUTH.
 */
export function smtpLogin(s: ReadySession, creds: Credentials, timeoutMs: number): Promise<void> {
  const socket = s.conn.handOver(`${s.greeting.join('\r\n')}\r\n`) as Socket;
  const c = new SMTPConnection({
    connection: socket,
    secure: true,
    secured: true,
    host: s.target.host,
    port: s.target.port,
    name: 'checker.invalid', // not the PC's name
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    logger: false,
  });
  return new Promise<void>((resolve, reject) => {
    c.on('error', (err: SmtpError) => reject(smtpVerdict(err)));
    c.connect(() => {
      c.login({ user: creds.user, pass: creds.pass }, (err) => {
        if (err) return reject(smtpVerdict(err as SmtpError));
        c.quit();
        resolve();
      });
    });
  }).finally(() => c.close());
}
