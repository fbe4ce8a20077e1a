import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBareDbus, startKeyring, type Keyring } from '../../../../harness/keyring.js';

const run = promisify(execFile);
const child = join(import.meta.dirname, 'fixtures', 'vault-child.ts');

interface ChildResult {
  probe: { available: boolean; reason?: string; hint?: string };
  store: { ok: boolean; code?: string; message?: string };
  read: { ok: boolean; code?: string; message?: string };
}

/** Runs the vault in its own process with exactly this environment; home is a fresh folder. */
async function vaultInProcess(env: Record<string, string>, home: string): Promise<ChildResult> {
  const base = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
  };
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', child, 'bob@example.test', '3'],
    {
      env: { ...base, ...env },
      cwd: process.cwd(),
    },
  );
  return JSON.parse(stdout) as ChildResult;
}

async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((d) => d.isFile())
    .map((d) => d.name);
}

describe('vault without a usable keychain', () => {
  let bare: Keyring;
  let home: string;
  beforeAll(async () => {
    bare = await startBareDbus();
    home = await mkdtemp(join(tmpdir(), 'apppass-nokeychain-'));
  });
  afterAll(async () => {
    await bare?.stop();
    await rm(home, { recursive: true, force: true });
  });

  it('on a D-Bus session with no Secret Service: unavailable with an install hint, nothing written', async () => {
    const result = await vaultInProcess(bare.env, home);
    expect(result.probe.available).toBe(false);
    expect(result.probe.hint).toMatch(/gnome-keyring/);
    expect(result.probe.hint).toMatch(/KeePassXC/);
    expect(result.store).toMatchObject({ ok: false, code: 'keychain_unavailable' });
    expect(result.store.message).toMatch(/no Secret Service/);
    expect(result.read).toMatchObject({ ok: false, code: 'keychain_unavailable' });
    expect(await filesUnder(home)).toEqual([]);
  });

  it('with no D-Bus session address at all: unavailable, nothing written', async () => {
    const result = await vaultInProcess({}, home);
    expect(result.probe.available).toBe(false);
    expect(result.store).toMatchObject({ ok: false, code: 'keychain_unavailable' });
    expect(result.store.message).toMatch(/no D-Bus session bus/);
    expect(await filesUnder(home)).toEqual([]);
  });

  it('on a locked keychain: the probe says locked, a store fails with keychain_locked', async () => {
    const keyring = await startKeyring();
    try {
      await keyring.lock();
      const result = await vaultInProcess(keyring.env, home);
      // The probe tells locked from missing: unlock, not install.
      expect(result.probe.available).toBe(false);
      expect(result.probe.hint).toMatch(/locked/);
      expect(result.probe.hint).not.toMatch(/gnome-keyring/);
      expect(result.store).toMatchObject({ ok: false, code: 'keychain_locked' });
      expect(result.store.message).toMatch(/locked/);
    } finally {
      await keyring.stop();
    }
  });
});
