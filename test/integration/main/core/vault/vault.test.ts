import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { createVault } from '../../../../../main/core/vault/index.js';

const run = promisify(execFile);

/** What secret-tool (libsecret, not our library) finds under our attributes. */
async function secretToolLookup(account: string): Promise<string | null> {
  try {
    const { stdout } = await run('secret-tool', [
      'lookup',
      'service',
      'apppass',
      'username',
      account,
    ]);
    return stdout;
  } catch {
    return null; // secret-tool exits 1 when nothing matches
  }
}

const mailbox = `vault-${randomBytes(4).toString('hex')}@example.test`;

describe('vault on the real gnome-keyring of the run', () => {
  const vault = createVault();

  it('workers inherit the keyring bus address from globalSetup', () => {
    expect(process.env.DBUS_SESSION_BUS_ADDRESS).toBe(inject('keyringAddress'));
  });

  it('probes the keychain as available', async () => {
    expect(await vault.probe()).toEqual({ available: true });
  });

  it('stores an app password that reads back through the vault and through secret-tool', async () => {
    const secret = randomBytes(12).toString('base64url');
    await vault.storeAppPassword(mailbox, 7, secret);
    expect(
      (await vault.readAppPassword(mailbox, 7)) === secret,
      'vault reads the secret back',
    ).toBe(true);
    expect((await secretToolLookup(`${mailbox}#7`)) === secret, 'secret-tool finds it').toBe(true);
  });

  it('deletes an app password so neither the vault nor secret-tool finds it; absent is fine', async () => {
    await vault.storeAppPassword(mailbox, 8, randomBytes(12).toString('base64url'));
    await vault.deleteAppPassword(mailbox, 8);
    expect(await vault.readAppPassword(mailbox, 8)).toBeNull();
    expect(await secretToolLookup(`${mailbox}#8`)).toBeNull();
    await expect(vault.deleteAppPassword(mailbox, 8)).resolves.toBeUndefined();
  });

  it('keeps the refresh token under refresh:<issuer>#<sub>', async () => {
    const token = randomBytes(24).toString('base64url');
    const issuer = 'http://127.0.0.1:9/';
    await vault.storeRefreshToken(issuer, 'alice-sub', token);
    expect(
      (await vault.readRefreshToken(issuer, 'alice-sub')) === token,
      'refresh token read back',
    ).toBe(true);
    expect(
      (await secretToolLookup(`refresh:${issuer}#alice-sub`)) === token,
      'secret-tool finds it',
    ).toBe(true);
    await vault.deleteRefreshToken(issuer, 'alice-sub');
    expect(await vault.readRefreshToken(issuer, 'alice-sub')).toBeNull();
  });

  it('keeps entries of different services apart', async () => {
    const other = createVault({ service: 'apppass-other' });
    await other.storeAppPassword(mailbox, 9, 'other-service-value');
    expect(await vault.readAppPassword(mailbox, 9)).toBeNull();
    await other.deleteAppPassword(mailbox, 9);
  });
});
