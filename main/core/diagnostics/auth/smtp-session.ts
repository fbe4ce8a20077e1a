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
  const tap = (chunk: Buffer) => (seen += chunk.toString('latin1'));
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
    client.once('error', (err: Error & { code?: string }) => {
      clearTimeout(timer);
      reject(
        new CheckFailure('protocol_error', `SMTP error before login (${err.code ?? 'unknown'})`),
      );
    });
    client.connect(() => {
      clearTimeout(timer);
      socket.off('data', tap); // nothing after EHLO is looked at
      resolve({ client, ehlo: ehloReply(seen, greeting.length) });
    });
  });
}
