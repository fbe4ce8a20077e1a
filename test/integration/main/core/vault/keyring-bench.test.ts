import { afterAll, describe, expect, it } from 'vitest';
import { startKeyring, type Keyring } from '../../../../harness/keyring.js';
import { benchProcesses } from '../../../../harness/processes.js';

describe('keyring bench part', () => {
  let keyring: Keyring | undefined;
  afterAll(async () => keyring?.stop());

  it('starts dbus-daemon + gnome-keyring marked as ours, and stop() leaves none of them', async () => {
    const before = new Set((await benchProcesses()).map((p) => p.pid));
    const started = performance.now();
    keyring = await startKeyring();
    console.info(`keyring start: ${Math.round(performance.now() - started)} ms`);
    const fresh = (await benchProcesses()).filter((p) => !before.has(p.pid));
    expect(fresh.map((p) => p.cmd).join('\n')).toMatch(/dbus-daemon/);
    expect(fresh.map((p) => p.cmd).join('\n')).toMatch(/gnome-keyring-daemon/);
    await keyring.stop();
    keyring = undefined;
    const after = new Set((await benchProcesses()).map((p) => p.pid));
    expect(fresh.filter((p) => after.has(p.pid))).toEqual([]);
  });
});
