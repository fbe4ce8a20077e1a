import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import lockfile from 'proper-lockfile';
import { AppPassError } from '../errors.js';

/**
 * One writer at a time for the data directory (sign-in state, index, journals, and the token
 * refresh whose result goes to the keychain), across processes: the `apppass` command and the
 * desktop app, or two commands, share one folder. proper-lockfile's lock is a directory made
 * with mkdir (atomic on every file system) whose mtime the holder keeps fresh, so a lock left
 * by a killed process is taken over once it is STALE_MS old.
 */
export const LOCK_NAME = '.apppass.lock';
const STALE_MS = 4_000;
/** How long to wait for another process (a rotation's verify login can take ~20 s). */
const WAIT_MS = 60_000;

/** The directories this async call chain already holds: a nested call must not wait for itself. */
const held = new AsyncLocalStorage<ReadonlySet<string>>();
/** In-process queue per directory, so this process asks the file system once at a time. */
const tails = new Map<string, Promise<void>>();

function lockBusy(dir: string, cause: unknown): AppPassError {
  return new AppPassError('data_dir_busy', 'failed', { cause, params: { dir } });
}

async function acquire(dir: string): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  try {
    return await lockfile.lock(dir, {
      lockfilePath: join(dir, LOCK_NAME),
      realpath: false,
      stale: STALE_MS,
      retries: { retries: Math.ceil(WAIT_MS / 200), minTimeout: 20, maxTimeout: 200, factor: 1.3 },
      // A lock we cannot keep fresh may be taken over: nothing to do but finish quickly.
      onCompromised: () => undefined,
    });
  } catch (error) {
    throw lockBusy(dir, error);
  }
}

/** Runs `work` holding the data directory's lock (re-entrant within one call chain). */
export async function withDataDirLock<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const dir = resolve(dataDir);
  const mine = held.getStore();
  if (mine?.has(dir)) return work();
  const before = tails.get(dir) ?? Promise.resolve();
  let done!: () => void;
  const released = new Promise<void>((r) => (done = r));
  const tail = before.then(() => released);
  tails.set(dir, tail);
  await before;
  try {
    const release = await acquire(dir);
    try {
      return await held.run(new Set([...(mine ?? []), dir]), work);
    } finally {
      await release().catch(() => undefined); // already taken over as stale: nothing to free
    }
  } finally {
    done();
    if (tails.get(dir) === tail) tails.delete(dir);
  }
}
