import type { Socket } from 'node:net';
import type { SecureContext, TLSSocket } from 'node:tls';
import type { MailEndpoint, MailService } from '../discovery/profile.js';
import type { Deadline } from './deadline.js';
import { since } from './deadline.js';
import { DIALECTS, type Capabilities, type Dialect } from './dialects.js';
import { LineConn } from './line-conn.js';
import type { StepName, TlsInfo } from './report.js';
import { tcpConnect } from './tcp.js';
import { evaluateTls, requireGoodCert, tlsHandshake } from './tls-check.js';
import { CheckFailure } from './verdicts.js';

export interface ProbeTarget extends MailEndpoint {
  service: MailService;
}

export interface ProbeEnv {
  context: SecureContext;
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
    tlsHandshake(socket, t.host, env.context, env.deadline.limit('tls')),
  );
  if (conn) conn.replaceSocket(tlsSocket);
  facts.tls = evaluateTls(tlsSocket, t.host);
  requireGoodCert(tlsSocket, facts.tls, t.host);
  return tlsSocket;
}

async function readCaps(d: Dialect, conn: LineConn, greeting: string[], env: ProbeEnv) {
  return timed(env, 'capabilities', async () => {
    const command = d.capsCommand(greeting);
    const lines = command
      ? await conn.command(command, d.capsDone, env.deadline.limit('capabilities'), 'capabilities')
      : greeting;
    return d.parseCaps(lines);
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
  const pushed = d.capsPushedAfterTls
    ? await conn.read(d.capsDone, env.deadline.limit('capabilities'), 'capabilities')
    : [];
  facts.caps = await readCaps(d, conn, pushed, env);
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
    facts.caps = await readCaps(d, c, greeting, env);
    if (t.security === 'starttls') await startTls(t, d, c, env, facts);
    if (!facts.caps.canLogin) {
      throw new CheckFailure('auth_mechanism_unavailable', 'no password login offered', {
        loginDisabled: String(facts.caps.loginDisabled),
        mechanisms: facts.caps.mechanisms.join(' '),
      });
    }
    return { target: t, conn: c, greeting, caps: facts.caps, tls: facts.tls };
  } catch (err) {
    if (conn) conn.close();
    else socket.destroy();
    throw err;
  }
}

export async function connectAndProbe(
  t: ProbeTarget,
  address: string,
  env: ProbeEnv,
  facts: ProbeFacts,
): Promise<ReadySession> {
  const socket = await timed(env, 'tcp', () =>
    tcpConnect(address, t.port, env.deadline.limit('tcp')),
  );
  return probe(t, socket, env, facts);
}
