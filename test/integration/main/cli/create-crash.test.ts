import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault } from '../../../../main/core/vault/index.js';
import { apppass, startSignedInCli, type CliBench } from './fixture.js';

// `apppass create` SIGKILLed at each step, then the next run of the command: no active
// password that this device created may be left unusable without the user being told.

const MAILBOX = 'alice@example.test';
let cb: CliBench;
let dataDir: string;
const vault = createVault();

beforeAll(async () => {
  ({ cb, dataDir } = await startSignedInCli());
});
afterAll(async () => {
  await cb?.stop();
});

const fileHas = async (file: string, text: string) =>
  (await readFile(join(dataDir, file), 'utf8').catch(() => '')).includes(text);
const onServer = (name: string) =>
  cb.bench.mailcow.appPasswords(MAILBOX).filter((p) => p.name === name);

/** Kill points, in the order a create passes them. */
const KILL_POINTS: Record<string, (name: string) => Promise<boolean>> = {
  'intent journaled': (name) => fileHas('creates.json', name),
  'created in mailcow': async (name) => onServer(name).length > 0,
  'secret in the keychain': async (name) => {
    const id = onServer(name)[0]?.id;
    return id !== undefined && (await vault.readAppPassword(MAILBOX, id)) !== null;
  },
  'entry in the index': (name) => fileHas('app-passwords.json', name),
};

/** Runs `apppass create` and SIGKILLs it as soon as `reached` says so. */
async function createKilledWhen(name: string, reached: (name: string) => Promise<boolean>) {
  let child: ChildProcess | undefined;
  let done = false;
  const run = apppass(cb, ['create', '--name', name, '--protocols', 'imap', '--json'], {
    dataDir,
    onSpawn: (c) => (child = c),
  }).finally(() => (done = true));
  let killed = false;
  while (!done) {
    if (await reached(name)) {
      killed = child?.kill('SIGKILL') ?? false;
      break;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  const r = await run;
  return { killed, finished: r.code === 0 };
}

describe('apppass create killed at each step', () => {
  it.each(Object.keys(KILL_POINTS))(
    'after "%s": the next run stores it or says to revoke it',
    async (point) => {
      const name = `Crash ${point}`;
      const outcome = await createKilledWhen(name, KILL_POINTS[point] ?? (async () => false));
      expect(outcome).toEqual({ killed: true, finished: false });

      const next = await apppass(cb, ['list', '--json'], { dataDir });
      expect(next.code, next.stderr).toBe(0);
      const listed = (
        JSON.parse(next.stdout) as { appPasswords: { id: number; storedOnDevice: boolean }[] }
      ).appPasswords;
      const left = onServer(name);
      expect(left.length).toBeLessThanOrEqual(1);
      for (const p of left) {
        const stored = listed.find((l) => l.id === p.id)?.storedOnDevice === true;
        const told = next.stderr.includes(`apppass revoke ${p.id}`);
        expect({ id: p.id, storedOrTold: stored || told }).toEqual({
          id: p.id,
          storedOrTold: true,
        });
      }
      // Settled once: the run after that says nothing more about it (unless it is an orphan).
      const again = await apppass(cb, ['list', '--json'], { dataDir });
      expect(again.stderr.includes(`"${name}"`)).toBe(next.stderr.includes('revoke'));
    },
  );
});
