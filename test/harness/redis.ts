import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { freePort } from './ports.js';
import { spawnBench, stopProcess } from './processes.js';

/**
 * Debian's redis-server, configured like mailcow's redis-mailcow
 * (`data/conf/redis/redis-conf.sh`: `requirepass $REDISPASS`, an alphanumeric 28-character
 * password from `generate_config.sh`), without persistence, on a free port.
 */
export interface RedisServer {
  /** redis://:<password>@127.0.0.1:<port>/0, as APPPASS_REDIS_URL. */
  url: string;
  port: number;
  /** Stops the server (state lost); `start()` brings it back on the same port, empty. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const dir = await mkdtemp(`${tmpdir()}/apppass-redis-`);
  const password = randomBytes(21)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, 'x')
    .slice(0, 28);
  let child: ChildProcess | null = null;
  const start = async () => {
    const proc = spawnBench('redis-server', [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--requirepass',
      password,
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--protected-mode',
      'no',
    ]);
    child = proc;
    let stderr = '';
    proc.stdout?.on('data', (c: Buffer) => (stderr += c.toString()));
    const deadline = Date.now() + 10_000;
    while (!(await answers(port))) {
      if (proc.exitCode !== null) throw new Error(`redis-server exited: ${stderr.slice(-500)}`);
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 30));
    }
  };
  await start();
  return {
    url: `redis://:${password}@127.0.0.1:${port}/0`,
    port,
    start,
    async stop() {
      const c = child;
      child = null;
      if (c) await stopProcess(c, 3000);
      else return;
      if (c.exitCode === null && c.signalCode === null) await once(c, 'exit');
    },
  };
}
