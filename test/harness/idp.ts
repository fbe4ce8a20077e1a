import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Provider from 'oidc-provider';
import type { Page } from 'playwright-core';
import type { JWK } from 'oidc-provider';
import { defaultUsers, type IdpUser, type IdpUsers } from './idp/accounts.js';
import { completeLoginInBrowser } from './idp/browser-login.js';
import { completeLoginHttp } from './idp/http-login.js';
import { authorizationRequest, redeemCode } from './idp/pkce-client.js';
import { handleInteraction } from './idp/interactions.js';
import { buildProvider, randomCookieKeys, type ProviderSettings } from './idp/provider.js';

export type { IdpUser } from './idp/accounts.js';
export { BROKER_RESOURCE } from './idp/provider.js';

export interface IdpOptions {
  /** default 'jwt': JWT access tokens (typ at+jwt) with aud = audience */
  accessTokenFormat?: 'jwt' | 'opaque';
  /** default 'apppass-broker' */
  audience?: string;
  /** seconds, default 300 */
  accessTokenTtl?: number;
  /** seconds, default 3600 */
  refreshTokenTtl?: number;
  /** default 'apppass-desktop' */
  clientId?: string;
  /**
   * default 'scopes': email/name in the ID token as well. 'minimal': the ID token carries no
   * email or name, they come only from userinfo (as with Authelia 4.39+). Only with 'opaque'
   * access tokens: a broker-bound JWT access token is no good at userinfo, so oidc-provider then
   * still puts the claims in the ID token.
   */
  idTokenClaims?: 'scopes' | 'minimal';
}

export interface TokenSet {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: string;
  scope?: string;
}

export interface Idp {
  issuer: string;
  clientId: string;
  audience: string;
  users: IdpUsers;
  /** Login + consent over plain HTTP through the real endpoints; resolves with the callback URL (not requested). */
  completeLoginHttp(
    authorizationUrl: string,
    user: IdpUser,
    o?: { deny?: boolean },
  ): Promise<string>;
  /** Same in a real Chromium page; the browser follows the redirect to the loopback listener. */
  completeLoginInBrowser(
    page: Page,
    authorizationUrl: string,
    user: IdpUser,
    o?: { deny?: boolean },
  ): Promise<void>;
  /** Whole code + PKCE flow (prompt=consent, so offline_access yields a refresh token). */
  signIn(user: IdpUser, o?: { scope?: string }): Promise<TokenSet>;
  /** Public signing keys (newest first). */
  jwks(): { keys: object[] };
  /** Adds a new signing key that signs from now on; the old one stays in the JWKS. */
  rotateKeys(): Promise<void>;
  stop(): Promise<void>;
}

function newSigningKey(): JWK {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  return { ...(privateKey.export({ format: 'jwk' }) as JWK), kid, alg: 'RS256', use: 'sig' };
}

function publicPart(key: JWK): object {
  const { kty, n, e, kid, alg, use } = key;
  return { kty, n, e, kid, alg, use };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/** oidc-provider 9 in-process on 127.0.0.1, random port, issuer http://127.0.0.1:<port>. */
export async function startIdp(o: IdpOptions = {}): Promise<Idp> {
  let provider: Provider | undefined;
  const users = defaultUsers();
  const server = createServer((req, res) => {
    const current = provider;
    if (!current) return void res.writeHead(503).end();
    if (req.url?.startsWith('/interaction/')) {
      handleInteraction(current, users, req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/html' });
        res.end(
          `<!doctype html><h1>Interaction failed</h1><p>${String((err as Error).message)}</p>`,
        );
      });
      return;
    }
    void current.callback()(req, res);
  });
  const port = await listen(server);
  const settings: ProviderSettings = {
    issuer: `http://127.0.0.1:${port}`,
    clientId: o.clientId ?? 'apppass-desktop',
    audience: o.audience ?? 'apppass-broker',
    accessTokenFormat: o.accessTokenFormat ?? 'jwt',
    idTokenClaims: o.idTokenClaims ?? 'scopes',
    accessTokenTtl: o.accessTokenTtl ?? 300,
    refreshTokenTtl: o.refreshTokenTtl ?? 3600,
    users,
    signingKeys: [newSigningKey()],
    cookieKeys: randomCookieKeys(),
  };
  provider = buildProvider(settings);
  const idp: Idp = {
    issuer: settings.issuer,
    clientId: settings.clientId,
    audience: settings.audience,
    users,
    completeLoginHttp,
    completeLoginInBrowser,
    signIn: (user, so) => signIn(idp, user, so?.scope),
    jwks: () => ({ keys: settings.signingKeys.map(publicPart) }),
    rotateKeys: async () => {
      // oidc-provider's keystore is fixed per instance: swap in a new instance with the new key
      // first. Sessions, grants and tokens live in the process-wide memory adapter and survive.
      settings.signingKeys = [newSigningKey(), ...settings.signingKeys];
      provider = buildProvider(settings);
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
  return idp;
}

async function signIn(
  idp: Idp,
  user: IdpUser,
  scope = 'openid email profile offline_access',
): Promise<TokenSet> {
  const request = authorizationRequest(
    idp.issuer,
    idp.clientId,
    'http://127.0.0.1:49152/callback',
    { scope },
  );
  const callback = new URL(await idp.completeLoginHttp(request.url, user));
  const code = callback.searchParams.get('code');
  if (!code || callback.searchParams.get('state') !== request.state) {
    throw new Error(
      `IdP sign-in failed: ${callback.searchParams.get('error') ?? 'no code in callback'}`,
    );
  }
  const { status, body } = await redeemCode(
    idp.issuer,
    idp.clientId,
    code,
    request.redirectUri,
    request.verifier,
  );
  if (status !== 200)
    throw new Error(`IdP token endpoint refused the code: ${String(body.error ?? status)}`);
  return body as unknown as TokenSet;
}
