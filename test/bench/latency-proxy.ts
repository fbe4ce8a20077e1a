import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connect, createServer, type Server, type Socket } from 'node:net';

// A userspace stand-in for netem: a TCP proxy that holds every chunk for RTT/2 in each
// direction. It cannot delay the TCP handshake itself (the kernel accepts at once), so a
// connection through it costs no round trip for SYN/SYN-ACK; the benchmark counts the same way.

export interface LatencyProxy {
  port: number;
  stop(): Promise<void>;
}

function delayed(from: Socket, to: Socket, delayMs: number): void {
  const later = (fn: () => void) => (delayMs > 0 ? setTimeout(fn, delayMs) : setImmediate(fn));
  from.on('data', (chunk: Buffer) => later(() => to.writable && to.write(chunk)));
  from.on('end', () => later(() => to.end()));
  from.on('close', () => later(() => to.destroy()));
  from.on('error', () => later(() => to.destroy()));
}

export async function startLatencyProxy(
  target: { host: string; port: number },
  rttMs: number,
): Promise<LatencyProxy> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    client.setNoDelay(true);
    const upstream = connect({ host: target.host, port: target.port, noDelay: true });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    delayed(client, upstream, rttMs / 2);
    delayed(upstream, client, rttMs / 2);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

export interface ProxyProcess {
  /** Proxy port for each upstream port, in the order given. */
  ports: number[];
  stop(): Promise<void>;
}

/**
 * The proxies in a child process, so that their event loop does not share the doctor's: on a
 * real network the delay costs the client no CPU.
 */
export function spawnLatencyProxies(upstreamPorts: number[], rttMs: number): Promise<ProxyProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      String(rttMs),
      ...upstreamPorts.map(String),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve({ ports: JSON.parse(out) as number[], stop });
    });
    child.once('exit', (code) => reject(new Error(`latency proxy exited (${code})`)));
  });
}

async function serveFromArgs(): Promise<void> {
  const [rtt, ...ports] = process.argv.slice(2).map(Number);
  const proxies = await Promise.all(
    ports.map((port) => startLatencyProxy({ host: '127.0.0.1', port }, rtt ?? 0)),
  );
  process.stdout.write(`${JSON.stringify(proxies.map((p) => p.port))}\n`);
  const quit = () => void Promise.all(proxies.map((p) => p.stop())).then(() => process.exit(0));
  process.once('SIGTERM', quit);
  process.stdin.once('end', quit); // the parent went away
  process.stdin.resume();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await serveFromArgs();
