import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSignInState } from '../../../../../main/core/auth/index.js';
import { createVault } from '../../../../../main/core/vault/index.js';
import { createDesktopApi } from '../../../../../main/desktop/api.js';
import type { IdpUser } from '../../../../harness/idp.js';
import { login, newDataDir, startCliBench, type CliBench } from '../../cli/fixture.js';

// Signing in as another account forgets the previous account's refresh token, in both faces
// (one use case in core: signInAccount). The desktop app used to keep it. Tokens are compared
// as booleans, so a failure never prints one.

let cb: CliBench;
beforeAll(async () => {
  cb = await startCliBench();
});
afterAll(async () => {
  await cb?.stop();
});

async function subOf(dataDir: string): Promise<string> {
  const state = await readSignInState(dataDir);
  if (!state) throw new Error('no sign-in state');
  return state.sub;
}

describe('a sign-in as another account', () => {
  it('desktop: removes the previous account’s refresh token from the keychain', async () => {
    const dataDir = await newDataDir();
    const vault = createVault({ service: `apppass-account-${randomUUID()}` });
    let user: IdpUser = cb.bench.idp.users.alice;
    const api = createDesktopApi({
      dataDir,
      vault,
      env: { ...process.env, APPPASS_INSECURE_HTTP: '1' },
      discovery: { config: cb.configFile },
      clipboard: { writeText: () => undefined, readText: () => '' },
      emit: () => undefined,
      chooseSavePath: async () => null,
      openInBrowser: async (url) => {
        const callback = await cb.bench.idp.completeLoginHttp(url, user);
        void fetch(callback).then((r) => r.text());
      },
    });
    await api.signIn(user.email);
    const alice = await subOf(dataDir);
    expect((await vault.readRefreshToken(cb.bench.idp.issuer, alice)) !== null).toBe(true);
    user = cb.bench.idp.users.bob;
    const session = await api.signIn(user.email);
    expect(session).toMatchObject({ state: 'signed-in', mailbox: user.email });
    const bob = await subOf(dataDir);
    expect(bob).not.toBe(alice);
    expect((await vault.readRefreshToken(cb.bench.idp.issuer, alice)) === null).toBe(true);
    expect((await vault.readRefreshToken(cb.bench.idp.issuer, bob)) !== null).toBe(true);
  });

  it('apppass login: removes the previous account’s refresh token from the keychain', async () => {
    const dataDir = await newDataDir();
    const vault = createVault();
    expect((await login(cb, cb.bench.idp.users.alice, { dataDir })).code).toBe(0);
    const alice = await subOf(dataDir);
    expect((await vault.readRefreshToken(cb.bench.idp.issuer, alice)) !== null).toBe(true);
    expect((await login(cb, cb.bench.idp.users.bob, { dataDir })).code).toBe(0);
    expect((await vault.readRefreshToken(cb.bench.idp.issuer, alice)) === null).toBe(true);
  });
});
