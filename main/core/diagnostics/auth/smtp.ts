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
 * SMTP AUTH through nodemailer's explicit login() on the connection that already said EHLO —
 * never verify(), which skips the login when the server advertises no AUTH.
 */
export function smtpLogin(s: ReadySession, creds: Credentials, timeoutMs: number): Promise<void> {
  const smtp = s.smtp;
  if (!smtp)
    return Promise.reject(new CheckFailure('protocol_error', 'no SMTP session to log in on'));
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new StepTimeout('auth')), timeoutMs);
    smtp.client.once('error', (err: SmtpError) => reject(smtpVerdict(err)));
    smtp.client.login({ user: creds.user, pass: creds.pass }, (err) => {
      clearTimeout(timer);
      if (err) return reject(smtpVerdict(err as SmtpError));
      smtp.client.quit();
      resolve();
    });
  }).finally(() => smtp.client.close());
}
