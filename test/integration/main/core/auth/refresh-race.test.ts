import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenSource, type RefreshTokenStore } from '../../../../../main/core/auth/index.js';
import { startIdp, type Idp } from '../../../../harness/idp.js';
import { INSECURE_OK, keychainHolds, redeemRefreshToken, testVault } from './helpers.js';

// A refresh that loses a race against another writer (one that did not wait for the data
// directory's lock, e.g. an older AppPass): the IdP refuses the token it presented, but the
// keychain by then holds the winner's. That one must survive and be used.

let idp: Idp;
beforeAll(async () => {
  idp = await startIdp();
});
afterAll(async () => {
  await idp?.stop();
});

describe('a refresh that loses the race', () => {
  it('keeps and uses the winner’s refresh token instead of deleting it', async () => {
    const vault = testVault();
    const alice = idp.users.alice;
    const first = await idp.signIn(alice);
    const sub = alice.sub;
    // The winner redeemed the first token already: it is dead now, the winner's is live.
    const winner = await idp.signIn(alice);
    expect(await redeemRefreshToken(idp, first.refresh_token ?? '')).toMatchObject({
      status: 200,
    });
    await vault.storeRefreshToken(idp.issuer, sub, first.refresh_token ?? '');
    let raced = false;
    // The other writer stores its token right after this process has read the dead one.
    const racing: RefreshTokenStore = {
      readRefreshToken: async (issuer, s) => {
        const token = await vault.readRefreshToken(issuer, s);
        if (!raced) {
          raced = true;
          await vault.storeRefreshToken(issuer, s, winner.refresh_token ?? '');
        }
        return token;
      },
      storeRefreshToken: (issuer, s, t) => vault.storeRefreshToken(issuer, s, t),
      deleteRefreshToken: (issuer, s) => vault.deleteRefreshToken(issuer, s),
    };
    const tokens = createTokenSource(
      {
        issuer: idp.issuer,
        clientId: idp.clientId,
        sub,
        email: alice.email,
        accessToken: '',
        accessTokenExpiresAt: 0,
      },
      { vault: racing, env: INSECURE_OK },
    );
    expect((await tokens.getAccessToken()).length > 0).toBe(true);
    const kept = tokens.session().refreshToken;
    expect(await keychainHolds(vault, idp.issuer, sub, kept)).toBe('this token');
  });

  it('deletes a refused refresh token that is still the one in the keychain', async () => {
    const vault = testVault();
    const alice = idp.users.alice;
    const dead = (await idp.signIn(alice)).refresh_token ?? '';
    await redeemRefreshToken(idp, dead);
    await vault.storeRefreshToken(idp.issuer, alice.sub, dead);
    const tokens = createTokenSource(
      {
        issuer: idp.issuer,
        clientId: idp.clientId,
        sub: alice.sub,
        email: alice.email,
        accessToken: '',
        accessTokenExpiresAt: 0,
      },
      { vault, env: INSECURE_OK },
    );
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: 'signin_required' });
    expect(await keychainHolds(vault, idp.issuer, alice.sub)).toBe('nothing');
  });
});
