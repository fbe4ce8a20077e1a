import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTokenSource,
  restoreSession,
  signIn,
  signOut,
} from '../../../../../main/core/auth/index.js';
import { launchChromium } from '../../../../harness/browser.js';
import { startIdp, type Idp } from '../../../../harness/idp.js';
import {
  INSECURE_OK,
  SCOPES,
  loopbackPort,
  redeemRefreshToken,
  refusesConnections,
  testVault,
  keychainHolds,
} from './helpers.js';

let idp: Idp;
let browser: Browser;
beforeAll(async () => {
  idp = await startIdp();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await idp?.stop();
});

describe('signIn through a real browser', () => {
  it('signs in, keeps the refresh token in the keychain, refreshes, restores and signs out', async () => {
    const vault = testVault();
    const page = await browser.newPage();
    let login: Promise<void> = Promise.resolve();
    let authorizationUrl = '';
    const session = await signIn({
      issuer: idp.issuer,
      clientId: idp.clientId,
      scopes: SCOPES,
      env: INSECURE_OK,
      vault,
      loginHint: idp.users.alice.email,
      openBrowser: async (url) => {
        authorizationUrl = url;
        login = idp.completeLoginInBrowser(page, url, idp.users.alice);
      },
    });
    await login;

    // What was asked of the IdP: PKCE S256, state, nonce, loopback IP literal.
    const asked = new URL(authorizationUrl).searchParams;
    expect(asked.get('code_challenge_method')).toBe('S256');
    expect(asked.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(asked.get('state')).toBeTruthy();
    expect(asked.get('nonce')).toBeTruthy();
    expect(asked.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);

    // The browser shows a plain success page that carries no code and no token.
    const shown = await page.content();
    expect(shown).toContain('Signed in to AppPass');
    expect(shown.includes(new URL(page.url()).searchParams.get('code') ?? 'no code?')).toBe(false);
    expect(shown.includes(session.accessToken)).toBe(false);
    expect(await refusesConnections(loopbackPort(authorizationUrl))).toBe(true);

    expect(session).toMatchObject({
      issuer: idp.issuer,
      clientId: idp.clientId,
      sub: idp.users.alice.sub,
      email: idp.users.alice.email,
    });
    expect(session.accessTokenExpiresAt).toBeGreaterThan(Date.now());
    expect(session.refreshToken).toBeTruthy();
    expect(await keychainHolds(vault, idp.issuer, session.sub, session.refreshToken)).toBe(
      'this token',
    );

    // A fresh token is reused; forceRefresh (after a 401) redeems the refresh token once.
    const tokens = createTokenSource(session, { vault, env: INSECURE_OK });
    expect((await tokens.getAccessToken()) === session.accessToken).toBe(true);
    const refreshed = await tokens.getAccessToken({ forceRefresh: true });
    expect(refreshed === session.accessToken).toBe(false);
    const rotated = tokens.session().refreshToken;
    expect(await keychainHolds(vault, idp.issuer, session.sub, rotated)).toBe('this token');

    // Next start: the session comes back from the keychain alone.
    const restored = await restoreSession({
      issuer: idp.issuer,
      clientId: idp.clientId,
      sub: session.sub,
      vault,
      env: INSECURE_OK,
    });
    expect(restored?.session()).toMatchObject({ sub: session.sub, email: idp.users.alice.email });
    const current = restored?.session().refreshToken ?? '';
    expect(current).toBeTruthy();

    // Sign-out revokes at the IdP and empties the keychain.
    expect(await signOut(restored ?? session, vault, { env: INSECURE_OK })).toEqual({
      revoked: true,
      revocation: 'revoked',
    });
    expect(await keychainHolds(vault, idp.issuer, session.sub)).toBe('nothing');
    expect(await redeemRefreshToken(idp, current)).toMatchObject({
      status: 400,
      error: 'invalid_grant',
    });
    expect(
      await restoreSession({
        issuer: idp.issuer,
        clientId: idp.clientId,
        sub: session.sub,
        vault,
        env: INSECURE_OK,
      }),
    ).toBeNull();
    await page.close();
  });
});
