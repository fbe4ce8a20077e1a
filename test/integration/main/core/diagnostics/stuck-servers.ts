import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import { connect, type Socket } from 'node:net';
import { Worker } from 'node:worker_threads';
import type { FamilyLookup } from '../../../../../main/core/diagnostics/dns.js';

// Servers that never answer, for the timeout verdicts, without any network beyond loopback.

// A listening socket whose thread sleeps, so the kernel completes handshakes into the accept
// queue but nothing ever accepts: connections land and then hear nothing.
const LISTENER = `
const { parentPort, workerData } = require('node:worker_threads');
const server = require('node:net').createServer();
server.listen({ host: '127.0.0.1', port: 0, backlog: workerData.backlog }, () => {
  parentPort.postMessage(server.address().port);
  Atomics.wait(new Int32Array(workerData.wake), 0, 0);
});`;

export interface StuckListener {
  port: number;
  stop(): Promise<void>;
}

export async function stuckListener(backlog: number): Promise<StuckListener> {
  const wake = new SharedArrayBuffer(4);
  const worker = new Worker(LISTENER, { eval: true, workerData: { backlog, wake } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    port,
    async stop() {
      Atomics.store(new Int32Array(wake), 0, 1);
      Atomics.notify(new Int32Array(wake), 0);
      await worker.terminate();
    },
  };
}

function tryConnect(port: number, waitMs: number): Promise<Socket | null> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => {
      s.destroy();
      resolve(null);
    }, waitMs);
    s.once('connect', () => {
      clearTimeout(timer);
      resolve(s);
    });
    s.once('error', () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
}

/**
 * A port where a TCP connect never completes: the listener's accept queue is kept full, so
 * Linux drops further SYNs (the client retransmits until its own timer ends it).
 */
export async function unansweredPort(): Promise<{ port: number; stop(): Promise<void> }> {
  const listener = await stuckListener(1);
  const fillers: Socket[] = [];
  for (let i = 0; i < 8; i++) {
    const s = await tryConnect(listener.port, 500);
    if (!s) break;
    fillers.push(s);
  }
  if (fillers.length === 8) throw new Error('the accept queue never filled');
  return {
    port: listener.port,
    async stop() {
      fillers.forEach((s) => s.destroy());
      await listener.stop();
    },
  };
}

/** A UDP "DNS server" that reads every query and answers none. */
export async function silentDns(): Promise<{
  port: number;
  queries(): number;
  stop(): Promise<void>;
}> {
  const socket: UdpSocket = createSocket('udp4');
  let queries = 0;
  socket.on('message', () => (queries += 1));
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  return {
    port: socket.address().port,
    queries: () => queries,
    stop: () => new Promise<void>((r) => socket.close(() => r())),
  };
}

/** A real resolver (c-ares) asking only `port`; the run's signal cancels its queries. */
export function resolverLookup(port: number, timeoutMs: number): FamilyLookup {
  return (host, family, signal) => {
    const r = new Resolver({ timeout: timeoutMs, tries: 1 });
    r.setServers([`127.0.0.1:${port}`]);
    signal.addEventListener('abort', () => r.cancel(), { once: true });
    return family === 4 ? r.resolve4(host) : r.resolve6(host);
  };
}
