import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdp, type Idp } from '../../../harness/idp.js';
import { authorizationRequest, redeemCode } from '../../../harness/idp/pkce-client.js';

describe('IdP bench part (oidc-provider, JWT access tokens)', () => {
  let idp: Idp;
  beforeAll(async () => {
    const started = performance.now();
    idp = await startIdp();
    console.info(`IdP start: ${Math.round(performance.now() - started)} ms`);
  });
  afterAll(async () => idp?.stop());

  it('a PKCE sign-in yields an access token for the broker that verifies against the JWKS', async () => {
    const tokens = await idp.signIn(idp.users.alice);
    const jwks = createRemoteJWKSet(new URL(`${idp.issuer}/jwks`));
    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks, {
      issuer: idp.issuer,
      audience: 'apppass-broker',
      typ: 'at+jwt',
      algorithms: ['RS256'],
    });
    expect(protectedHeader.typ).toBe('at+jwt');
    expect(payload).toMatchObject({
      email: 'alice@example.test',
      email_verified: true,
      client_id: 'apppass-desktop',
      sub: idp.users.alice.sub,
    });
    expect(typeof tokens.refresh_token).toBe('string');
    expect(tokens.token_type).toBe('Bearer');
    const id = await jwtVerify(tokens.id_token, createLocalJWKSet(idp.jwks() as never), {
      issuer: idp.issuer,
      audience: idp.clientId,
    });
    expect(id.payload).toMatchObject({ email: 'alice@example.test', name: 'Alice Example' });
  });

  it('carries email_verified=false for mallory', async () => {
    const tokens = await idp.signIn(idp.users.mallory);
    const { payload } = await jwtVerify(
      tokens.access_token,
      createLocalJWKSet(idp.jwks() as never),
      { audience: 'apppass-broker' },
    );
    expect(payload).toMatchObject({ email: 'mallory@example.test', email_verified: false });
  });

  it('issues no refresh token without offline_access', async () => {
    const tokens = await idp.signIn(idp.users.bob, { scope: 'openid email profile' });
    expect(tokens.refresh_token).toBeUndefined();
  });

  it('refuses a wrong password at the login form', async () => {
    await expect(idp.signIn({ ...idp.users.bob, password: 'not-bobs-password' })).rejects.toThrow(
      /invalid email or password/,
    );
  });

  it('answers error=access_denied with iss when the user denies consent', async () => {
    const req = authorizationRequest(idp.issuer, idp.clientId, 'http://127.0.0.1:5555/callback');
    const callback = new URL(await idp.completeLoginHttp(req.url, idp.users.carol, { deny: true }));
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('iss')).toBe(idp.issuer);
  });

  it('accepts any loopback port, sends iss (RFC 9207), and binds the code to the PKCE verifier', async () => {
    const req = authorizationRequest(idp.issuer, idp.clientId, 'http://127.0.0.1:61234/callback');
    const callback = new URL(await idp.completeLoginHttp(req.url, idp.users.alice));
    expect(callback.origin + callback.pathname).toBe('http://127.0.0.1:61234/callback');
    expect(callback.searchParams.get('iss')).toBe(idp.issuer);
    expect(callback.searchParams.get('state')).toBe(req.state);
    const code = callback.searchParams.get('code') ?? '';
    const wrong = await redeemCode(idp.issuer, idp.clientId, code, req.redirectUri, 'x'.repeat(43));
    expect(wrong.body.error).toBe('invalid_grant');
  });

  it('requires PKCE and refuses other redirect paths and localhost', async () => {
    const noPkce = authorizationRequest(idp.issuer, idp.clientId, 'http://127.0.0.1:5555/callback');
    const url = new URL(noPkce.url);
    url.searchParams.delete('code_challenge');
    url.searchParams.delete('code_challenge_method');
    const refused = new URL(await idp.completeLoginHttp(url.toString(), idp.users.alice));
    expect(refused.searchParams.get('error')).toBe('invalid_request');
    for (const redirect of ['http://127.0.0.1:5555/other', 'http://localhost:5555/callback']) {
      const bad = authorizationRequest(idp.issuer, idp.clientId, redirect);
      await expect(idp.completeLoginHttp(bad.url, idp.users.alice)).rejects.toThrow(/redirect_uri/);
    }
  });

  it('signs with a new key after rotateKeys, old key still published', async () => {
    const oldKid = decodeProtectedHeader((await idp.signIn(idp.users.alice)).access_token).kid;
    await idp.rotateKeys();
    const fresh = await idp.signIn(idp.users.alice);
    const kid = decodeProtectedHeader(fresh.access_token).kid;
    expect(kid).not.toBe(oldKid);
    const published = (await (await fetch(`${idp.issuer}/jwks`)).json()) as {
      keys: Array<{ kid: string; d?: string }>;
    };
    expect(published.keys.map((k) => k.kid)).toEqual([kid, oldKid]);
    expect(published.keys.every((k) => k.d === undefined)).toBe(true);
  });

  it('advertises revocation, end_session and the iss parameter', async () => {
    const meta = (await (
      await fetch(`${idp.issuer}/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    expect(meta).toMatchObject({
      issuer: idp.issuer,
      authorization_response_iss_parameter_supported: true,
      code_challenge_methods_supported: ['S256'],
    });
    expect(meta.revocation_endpoint).toBe(`${idp.issuer}/token/revocation`);
    expect(meta.end_session_endpoint).toBe(`${idp.issuer}/session/end`);
  });
});

describe('IdP bench part, opaque access tokens', () => {
  let idp: Idp;
  beforeAll(async () => {
    idp = await startIdp({ accessTokenFormat: 'opaque' });
  });
  afterAll(async () => idp?.stop());

  it('issues an opaque access token that userinfo accepts', async () => {
    const tokens = await idp.signIn(idp.users.bob);
    expect(tokens.access_token.split('.').length).toBe(1);
    const res = await fetch(`${idp.issuer}/me`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      sub: idp.users.bob.sub,
      email: 'bob@example.test',
      email_verified: true,
    });
  });
});
