import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signOut, type Session } from '../../../../../main/core/auth/index.js';
import { startIdp, type Idp } from '../../../../harness/idp.js';
import { freePort } from '../../../../harness/ports.js';
import {
  completeOverHttp,
  INSECURE_OK,
  redeemRefreshToken,
  startSignIn,
  testVault,
  keychainHolds,
} from './helpers.js';

let idp: Idp;
beforeAll(async () => {
  idp = await startIdp();
});
afterAll(async () => idp?.stop());

describe('signOut', () => {
  it('revokes the refresh token read from the keychain when the session holds none', async () => {
    const vault = testVault();
    const pending = startSignIn(idp, { vault });
    await completeOverHttp(idp, await pending.opened, idp.users.alice);
    const session = await pending.result;
    const token = session.refreshToken ?? '';
    const withoutToken = { ...session, refreshToken: undefined };
    expect(await signOut(withoutToken, vault, { env: INSECURE_OK })).toEqual({
      revoked: true,
      revocation: 'revoked',
    });
    expect(await keychainHolds(vault, idp.issuer, session.sub)).toBe('nothing');
    expect(await redeemRefreshToken(idp, token)).toMatchObject({
      status: 400,
      error: 'invalid_grant',
    });
  });

  it('still forgets the token on this device when the IdP cannot be reached', async () => {
    const vault = testVault();
    const issuer = `http://127.0.0.1:${await freePort()}`;
    const session: Session = {
      issuer,
      clientId: 'apppass-desktop',
      sub: 'someone',
      email: undefined,
      accessToken: 'at',
      accessTokenExpiresAt: 0,
    };
    await vault.storeRefreshToken(issuer, 'someone', 'rt-value');
    expect(await signOut(session, vault, { env: INSECURE_OK })).toEqual({
      revoked: false,
      revocation: 'unreachable',
    });
    expect(await keychainHolds(vault, issuer, 'someone')).toBe('nothing');
  });
});
