import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { Socket } from 'node:net';
import type { LineConn } from '../line-conn.js';
import { CheckFailure, StepTimeout } from '../verdicts.js';

/** A nodemailer connection that has said EHLO on the verified TLS session and waits for AUTH. */
export interface SmtpReady {
  client: SMTPConnection;
  /** The EHLO reply lines (read before any AUTH is sent). */
  ehlo: string[];
}

function ehloReply(text: string, greetingLines: number): string[] {
  const lines = text.split(/\r?\n/).slice(greetingLines);
  const end = lines.findIndex((l) => /^\d{3}( |$)/.test(l));
  return end < 0 ? lines : lines.slice(0, end + 1);
}

/**
 * Hands the socket to nodemailer (greeting replayed), which sends EHLO: its reply is this
 * check's capability list, so the login afterwards costs one round trip, as with any client.
 */
export function openSmtp(
  conn: LineConn,
  greeting: string[],
  target: { host: string; port: number },
  timeoutMs: number,
): Promise<SmtpReady> {
  const socket = conn.handOver(`${greeting.join('\r\n')}\r\n`) as Socket;
  let seen = '';
  let ehloDone = false;
  let overBudget: ((failure: Error) => void) | undefined;
  // nodemailer keeps every line of a reply until it ends: the connection's budget still
  // applies to all it reads, for the whole session (EHLO and the login after it).
  const tap = (chunk: Buffer) => {
    const text = chunk.toString('latin1');
    if (!ehloDone) seen += text;
    const spent = conn.budget.spend(text.length, text.split('\n').length - 1);
    if (!spent) return;
    socket.off('data', tap);
    overBudget?.(spent);
    socket.destroy(spent);
  };
  socket.on('data', tap);
  const client = new SMTPConnection({
    connection: socket,
    secure: true,
    secured: true, // TLS is already up (implicit, or after our STARTTLS)
    host: target.host,
    port: target.port,
    name: 'checker.invalid', // not the PC's name
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: 60_000,
    logger: false,
  });
  client.on('error', () => undefined); // later errors are read per phase; none may go unheard
  return new Promise<SmtpReady>((resolve, reject) => {
    const timer = setTimeout(() => reject(new StepTimeout('capabilities')), timeoutMs);
    overBudget = (failure) => {
      clearTimeout(timer);
      reject(failure);
    };
    client.once('error', (err: Error & { code?: string }) => {
      clearTimeout(timer);
      reject(
        err instanceof CheckFailure
          ? err
          : new CheckFailure(
              'protocol_error',
              `SMTP error before login (${err.code ?? 'unknown'})`,
            ),
      );
    });
    client.connect(() => {
      clearTimeout(timer);
      ehloDone = true; // nothing after EHLO is looked at, only counted
      overBudget = undefined;
      resolve({ client, ehlo: ehloReply(seen, greeting.length) });
    });
  });
}
