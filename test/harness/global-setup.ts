import { randomUUID } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { startKeyring, type Keyring } from './keyring.js';
import { benchProcesses, RUN_MARK } from './processes.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** DBUS_SESSION_BUS_ADDRESS of the run's keyring (also set in process.env of every worker). */
    keyringAddress: string;
  }
}

// The integration and e2e projects both name this file; when they run together they share one
// keyring (state on globalThis, counted), and the last teardown stops it and checks for leaks.
const shared = globalThis as { apppassBench?: { keyring: Promise<Keyring>; users: number } };

/**
 * One unlocked gnome-keyring for the whole run. Its bus address goes into process.env before
 * the workers start, so workers (and anything they spawn) inherit it; it is also provided as
 * inject('keyringAddress'). Teardown stops it and fails if any bench process of ours is left.
 */
export async function setup(project: TestProject): Promise<void> {
  process.env[RUN_MARK] ??= randomUUID();
  shared.apppassBench ??= { keyring: startKeyring(), users: 0 };
  shared.apppassBench.users += 1;
  const { address } = await shared.apppassBench.keyring;
  process.env.DBUS_SESSION_BUS_ADDRESS = address;
  project.provide('keyringAddress', address);
}

async function leftovers(waitMs: number): Promise<Array<{ pid: number; cmd: string }>> {
  const deadline = Date.now() + waitMs;
  let left = await benchProcesses();
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    left = await benchProcesses();
  }
  return left;
}

export async function teardown(): Promise<void> {
  const bench = shared.apppassBench;
  if (!bench || --bench.users > 0) return;
  shared.apppassBench = undefined;
  await (await bench.keyring).stop();
  // Processes stopped in afterAll may still be exiting: give them a moment.
  const left = await leftovers(3000);
  if (left.length > 0) {
    const list = left.map((p) => `${p.pid} ${p.cmd.slice(0, 120)}`).join('\n  ');
    // Clean up after reporting, so one leaky test does not poison the next run.
    for (const p of left) killQuietly(p.pid);
    // vitest 4 only logs an error thrown here ("error during close") and still exits 0.
    process.exitCode = 1;
    throw new Error(`Bench processes left running after the tests:\n  ${list}`);
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
