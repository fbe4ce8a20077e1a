import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchEnv } from '../processes.js';

/** Resolves once host:port accepts a TCP connection. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function waitForPorts(
  host: string,
  ports: number[],
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(ports);
  while (pending.size) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`dovecot exited early (${child.exitCode ?? child.signalCode})`);
    }
    if (Date.now() > deadline)
      throw new Error(`dovecot ports not accepting: ${[...pending].join(', ')}`);
    for (const port of [...pending]) if (await accepts(host, port)) pending.delete(port);
    if (pending.size) await sleep(25);
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts `command` as the leader of a new process group (so stop can end every child). */
export function spawnGroup(
  command: string,
  args: string[],
): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: benchEnv(),
  });
  // Should the test process die without stop(), take Dovecot with it.
  const killOnExit = () => {
    if (child.pid !== undefined && groupAlive(child.pid)) process.kill(-child.pid, 'SIGKILL');
  };
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  return { child, output: () => output };
}

/** SIGTERM the whole group, SIGKILL what is left after graceMs, wait until it is gone. */
export async function stopGroup(child: ChildProcess, graceMs = 3000): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined) return;
  if (groupAlive(pgid)) process.kill(-pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(20);
  if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
  while (groupAlive(pgid)) await sleep(20);
}
