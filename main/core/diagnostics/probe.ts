import type { Socket } from 'node:net';
import type { SecureContext, TLSSocket } from 'node:tls';
import type { MailEndpoint } from '../../../protocol/discovery.js';
import type { MailService } from '../../../protocol/scopes.js';
import type { Deadline } from './deadline.js';
import { since } from './deadline.js';
import { DIALECTS, type Capabilities, type Dialect } from './dialects.js';
import { LineConn } from './line-conn.js';
import type { StepName, TlsInfo } from '../../../protocol/report.js';
import { evaluateTls, requireGoodCert, tlsHandshake } from './tls-check.js';
import { CheckFailure } from './verdicts.js';
import { openSmtp, type SmtpReady } from './auth/smtp-session.js';

export interface ProbeTarget extends MailEndpoint {
  service: MailService;
}

export interface ProbeEnv {
  /** Trust anchors, built on first use (it takes a moment; DNS and TCP run meanwhile). */
  context: () => SecureContext;
  deadline: Deadline;
  /** Called as each step finishes. */
  record(name: StepName, ms: number, ok: boolean): void;
}

/** A connection that has passed every check before authentication and waits for one. */
export interface ReadySession {
  target: ProbeTarget;
  conn: LineConn;
  greeting: string[];
  caps: Capabilities;
  tls: TlsInfo | null;
  /** SMTP only: nodemailer's connection, past EHLO. */
  smtp?: SmtpReady;
}

/** Partial facts kept when a probe fails half-way. */
export interface ProbeFacts {
  tls: TlsInfo | null;
  caps?: Capabilities;
}

export async function timed<T>(env: ProbeEnv, name: StepName, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    const value = await run();
    env.record(name, since(start), true);
    return value;
  } catch (err) {
    env.record(name, since(start), false);
    throw err;
  }
}

async function secure(
  t: ProbeTarget,
  conn: LineConn | undefined,
  socket: Socket,
  env: ProbeEnv,
  facts: ProbeFacts,
): Promise<TLSSocket> {
  const tlsSocket = await timed(env, 'tls', () =>
    tlsHandshake(socket, t.host, env.context(), env.deadline.limit('tls')),
  );
  if (conn) conn.replaceSocket(tlsSocket);
  facts.tls = evaluateTls(tlsSocket, t.host);
  requireGoodCert(tlsSocket, facts.tls, t.host);
  return tlsSocket;
}

/** Capabilities from lines already read, from the server's push (Sieve after TLS), or a command. */
async function readCaps(d: Dialect, conn: LineConn, env: ProbeEnv, seen: string[] | 'pushed') {
  return timed(env, 'capabilities', async () => {
    const limit = env.deadline.limit('capabilities');
    const lines = seen === 'pushed' ? await conn.read(d.capsDone, limit, 'capabilities') : seen;
    const command = d.capsCommand(lines);
    return d.parseCaps(
      command ? await conn.command(command, d.capsDone, limit, 'capabilities') : lines,
    );
  });
}

async function startTls(
  t: ProbeTarget,
  d: Dialect,
  conn: LineConn,
  env: ProbeEnv,
  facts: ProbeFacts,
) {
  if (!facts.caps?.starttls) {
    throw new CheckFailure('starttls_unavailable', 'STARTTLS is not offered on this port');
  }
  const caps = facts.caps;
  const reply = await timed(env, 'starttls', () =>
    conn.command(d.starttls, d.starttlsDone, env.deadline.limit('starttls'), 'starttls'),
  );
  if (!d.starttlsOk(reply)) {
    throw new CheckFailure('starttls_unavailable', 'the server refused STARTTLS', {
      offered: String(caps.starttls),
    });
  }
  if (conn.hasUnread()) {
    throw new CheckFailure('protocol_error', 'data arrived right after STARTTLS (injection)');
  }
  await secure(t, conn, conn.detach() as Socket, env, facts);
}

/** The capabilities a login will rely on: after TLS when there is TLS. */
async function finalCaps(
  t: ProbeTarget,
  d: Dialect,
  conn: LineConn,
  greeting: string[],
  env: ProbeEnv,
  facts: ProbeFacts,
): Promise<SmtpReady | undefined> {
  if (t.service === 'smtp' && t.security !== 'none') {
    const limit = env.deadline.limit('capabilities');
    const ready = await timed(env, 'capabilities', () => openSmtp(conn, greeting, t, limit));
    facts.caps = d.parseCaps(ready.ehlo);
    return ready;
  }
  const seen = t.security !== 'starttls' ? greeting : d.capsPushedAfterTls ? 'pushed' : [];
  facts.caps = await readCaps(d, conn, env, seen);
  return undefined;
}

/**
 * TCP, TLS (implicit or STARTTLS), greeting and capabilities on one address. Resolves with a
 * session ready for a login; throws CheckFailure or StepTimeout, leaving what it learnt in `facts`.
 */
export async function probe(
  t: ProbeTarget,
  socket: Socket,
  env: ProbeEnv,
  facts: ProbeFacts,
): Promise<ReadySession> {
  const d = DIALECTS[t.service];
  let conn: LineConn | undefined;
  try {
    const first = t.security === 'tls' ? await secure(t, undefined, socket, env, facts) : socket;
    conn = new LineConn(first);
    const c = conn;
    const greeting = await timed(env, 'greeting', () =>
      c.read(d.greetingDone, env.deadline.limit('greeting'), 'greeting'),
    );
    if (!d.greetingOk(greeting)) {
      throw new CheckFailure('protocol_error', `unexpected ${t.service} greeting`);
    }
    if (t.security === 'starttls') {
      facts.caps = await readCaps(d, c, env, greeting);
      await startTls(t, d, c, env, facts);
    }
    const smtp = await finalCaps(t, d, c, greeting, env, facts);
    if (!facts.caps) throw new CheckFailure('protocol_error', 'no capabilities');
    if (!facts.caps.canLogin) {
      throw new CheckFailure('auth_mechanism_unavailable', 'no password login offered', {
        loginDisabled: String(facts.caps.loginDisabled),
        mechanisms: facts.caps.mechanisms.join(' '),
      });
    }
    return {
      target: t,
      conn: c,
      greeting,
      caps: facts.caps,
      tls: facts.tls,
      ...(smtp ? { smtp } : {}),
    };
  } catch (err) {
    if (conn) conn.close();
    else socket.destroy();
    throw err;
  }
}
