import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenSource, restoreSession } from '../../../../../main/core/auth/index.js';
import { startIdp, type Idp } from '../../../../harness/idp.js';
import { completeOverHttp, INSECURE_OK, startSignIn, testVault, keychainHolds } from './helpers.js';
import { wordedRejection } from '../../../../harness/worded.js';

describe('access tokens', () => {
  let idp: Idp;
  beforeAll(async () => {
    idp = await startIdp({ accessTokenTtl: 30 });
  });
  afterAll(async () => idp?.stop());

  it('are refreshed before they expire, once for concurrent callers', async () => {
    const vault = testVault();
    const pending = startSignIn(idp, { vault });
    await completeOverHttp(idp, await pending.opened, idp.users.alice);
    const session = await pending.result;
    // A 30 s token with a 60 s refresh margin is already "about to expire".
    const tokens = createTokenSource(session, { vault, env: INSECURE_OK });
    const [a, b] = await Promise.all([tokens.getAccessToken(), tokens.getAccessToken()]);
    expect(a === session.accessToken).toBe(false);
    expect(b === a).toBe(true);
    expect(tokens.session().accessTokenExpiresAt).toBeGreaterThan(session.accessTokenExpiresAt - 1);
    // With a margin shorter than the lifetime, the token in hand is reused.
    const relaxed = createTokenSource(tokens.session(), {
      vault,
      env: INSECURE_OK,
      refreshBeforeMs: 5_000,
    });
    expect((await relaxed.getAccessToken()) === a).toBe(true);
    await vault.deleteRefreshToken(idp.issuer, session.sub);
  });
});

describe('an expired refresh token', () => {
  let idp: Idp;
  beforeAll(async () => {
    idp = await startIdp({ refreshTokenTtl: 2 });
  });
  afterAll(async () => idp?.stop());

  it('asks the user to sign in again and is removed from the keychain', async () => {
    const vault = testVault();
    const pending = startSignIn(idp, { vault });
    await completeOverHttp(idp, await pending.opened, idp.users.bob);
    const session = await pending.result;
    expect(await keychainHolds(vault, idp.issuer, session.sub, session.refreshToken)).toBe(
      'this token',
    );
    await sleep(3_000);
    const tokens = createTokenSource(session, { vault, env: INSECURE_OK });
    await expect(
      wordedRejection(tokens.getAccessToken({ forceRefresh: true })),
    ).rejects.toMatchObject({
      code: 'signin_required',
      kind: 'auth',
      message: expect.stringMatching(
        /has expired or was revoked; sign in again \(apppass login\)\.$/,
      ),
    });
    expect(await keychainHolds(vault, idp.issuer, session.sub)).toBe('nothing');
    // Nothing left to restore from.
    expect(
      await restoreSession({
        issuer: idp.issuer,
        clientId: idp.clientId,
        sub: session.sub,
        vault,
        env: INSECURE_OK,
      }),
    ).toBeNull();
  });

  it('makes restoreSession fail with the same message', async () => {
    const vault = testVault();
    const pending = startSignIn(idp, { vault });
    await completeOverHttp(idp, await pending.opened, idp.users.carol);
    const session = await pending.result;
    await sleep(3_000);
    await expect(
      restoreSession({
        issuer: idp.issuer,
        clientId: idp.clientId,
        sub: session.sub,
        vault,
        env: INSECURE_OK,
      }),
    ).rejects.toMatchObject({ code: 'signin_required' });
    expect(await keychainHolds(vault, idp.issuer, session.sub)).toBe('nothing');
  });
});
