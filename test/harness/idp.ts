import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importJWK, SignJWT, type JWK as JoseJwk } from 'jose';
import type Provider from 'oidc-provider';
import type { Page } from 'playwright-core';
import type { JWK } from 'oidc-provider';
import { defaultUsers, federatedUser, type IdpUser, type IdpUsers } from './idp/accounts.js';
import { completeLoginInBrowser } from './idp/browser-login.js';
import { completeLoginHttp } from './idp/http-login.js';
import { authorizationRequest, redeemCode } from './idp/pkce-client.js';
import { handleInteraction } from './idp/interactions.js';
import { ProfileFront } from './idp/profile-front.js';
import { profileNamed, type IdpProfileName } from './idp/profiles/index.js';
import type { Sign } from './idp/profiles/types.js';
import { buildProvider, randomCookieKeys, type ProviderSettings } from './idp/provider.js';

export type { IdpUser } from './idp/accounts.js';
export { BROKER_RESOURCE } from './idp/provider.js';
export { IDP_PROFILES, REAL_IDP_PROFILES, type IdpProfileName } from './idp/profiles/index.js';

export interface IdpOptions {
  /**
   * Which IdP the bench behaves like (default 'oidc-provider': oidc-provider's own RFC 9068
   * tokens, as every test had before profiles). The others re-issue tokens as that IdP's source
   * does (`idp/profiles/*.ts` name the files).
   */
  profile?: IdpProfileName;
  /** default 'jwt': JWT access tokens (typ at+jwt) with aud = audience. Profile 'oidc-provider' only. */
  accessTokenFormat?: 'jwt' | 'opaque';
  /**
   * default 'apppass-broker'. Keycloak: the Audience mapper's value; Authelia: the client's
   * `audience` list; authentik: unused (aud is the client id).
   */
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
  /** Profile 'authentik': a version before 2025.2, whose revocation refuses public clients. */
  legacyRevocation?: boolean;
  /** Authelia profiles: `requested_audience_mode` (default 'explicit'). */
  audienceMode?: 'explicit' | 'implicit';
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
  profile: IdpProfileName;
  issuer: string;
  clientId: string;
  audience: string;
  users: IdpUsers;
  endpoints: { authorization: string; token: string; userinfo: string; revocation: string };
  /** Authorization requests that reached a profile's endpoint (empty for 'oidc-provider'). */
  authorizationRequests: URLSearchParams[];
  /** The login and consent pages shown, in order ('login' | 'consent'), for every profile. */
  pagesShown: string[];
  /** Token grants a profile answered: a refresh the app needed shows here. */
  grants: { authorization_code: number; refresh_token: number };
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
  signIn(user: IdpUser, o?: { scope?: string; extra?: Record<string, string> }): Promise<TokenSet>;
  /** The refresh grant at the token endpoint. */
  refresh(refreshToken: string): Promise<TokenSet>;
  /** Public signing keys (newest first). */
  jwks(): { keys: object[] };
  /**
   * Signs any header and payload with the IdP's current key (alg RS256, its kid): tokens the
   * IdP could have issued to someone else, for the claim checks.
   */
  signWithIdpKey: Sign;
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

function signer(settings: ProviderSettings): Sign {
  return async (header, payload) => {
    const [key] = settings.signingKeys;
    if (!key) throw new Error('no signing key');
    const privateKey = await importJWK(key as JoseJwk, 'RS256');
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: String(key.kid), ...header })
      .sign(privateKey);
  };
}

/** oidc-provider 9 in-process on 127.0.0.1, random port; a profile gives it another IdP's face. */
export async function startIdp(o: IdpOptions = {}): Promise<Idp> {
  let provider: Provider | undefined;
  let front: ProfileFront | undefined;
  const profileName = o.profile ?? 'oidc-provider';
  const profile = profileName === 'oidc-provider' ? undefined : profileNamed(profileName);
  const users = defaultUsers();
  const pagesShown: string[] = [];
  if (profileName === 'authentik') users.federated = federatedUser();
  const server = createServer((req, res) => {
    const current = provider;
    if (!current) return void res.writeHead(503).end();
    if (front?.handle(current, req, res)) return;
    if (req.url?.startsWith('/interaction/')) {
      handleInteraction(current, users, req, res, {
        autoConsent: profile?.consent(new URLSearchParams()) === 'none',
        pagesShown,
      }).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/html' });
        res.end(
          `<!doctype html><h1>Interaction failed</h1><p>${String((err as Error).message)}</p>`,
        );
      });
      return;
    }
    front?.rewriteIss(res);
    void current.callback()(req, res);
  });
  const port = await listen(server);
  const origin = `http://127.0.0.1:${port}`;
  const settings: ProviderSettings = {
    issuer: origin,
    clientId: o.clientId ?? 'apppass-desktop',
    audience: o.audience ?? 'apppass-broker',
    // Profiles mint their own access tokens; the engine's stay opaque and internal.
    accessTokenFormat: profile ? 'opaque' : (o.accessTokenFormat ?? 'jwt'),
    idTokenClaims: o.idTokenClaims ?? 'scopes',
    accessTokenTtl: o.accessTokenTtl ?? 300,
    refreshTokenTtl: o.refreshTokenTtl ?? 3600,
    users,
    signingKeys: [newSigningKey()],
    cookieKeys: randomCookieKeys(),
  };
  const jwks = () => ({ keys: settings.signingKeys.map(publicPart) });
  const sign = signer(settings);
  if (profile) {
    front = new ProfileFront(
      profile,
      {
        origin,
        clientId: settings.clientId,
        audience: settings.audience,
        accessTokenTtl: settings.accessTokenTtl,
        legacyRevocation: o.legacyRevocation ?? false,
        audienceMode: o.audienceMode ?? 'explicit',
      },
      users,
      sign,
      jwks,
    );
  }
  provider = buildProvider(settings);
  const endpoints = front
    ? {
        authorization: front.url('authorization'),
        token: front.url('token'),
        userinfo: front.url('userinfo'),
        revocation: front.url('revocation'),
      }
    : {
        authorization: `${origin}/auth`,
        token: `${origin}/token`,
        userinfo: `${origin}/me`,
        revocation: `${origin}/token/revocation`,
      };
  const idp: Idp = {
    profile: profileName,
    issuer: front?.issuer ?? settings.issuer,
    clientId: settings.clientId,
    audience: settings.audience,
    users,
    endpoints,
    authorizationRequests: front?.authorizationRequests ?? [],
    pagesShown,
    grants: front?.grants ?? { authorization_code: 0, refresh_token: 0 },
    completeLoginHttp,
    completeLoginInBrowser,
    signIn: (user, so) => signIn(idp, user, so?.scope, so?.extra),
    refresh: (refreshToken) => refresh(idp, refreshToken),
    jwks,
    signWithIdpKey: sign,
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
  extra: Record<string, string> = {},
): Promise<TokenSet> {
  const request = authorizationRequest(
    idp.issuer,
    idp.clientId,
    'http://127.0.0.1:49152/callback',
    { scope, ...extra },
    idp.endpoints.authorization,
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
    idp.endpoints.token,
  );
  if (status !== 200)
    throw new Error(`IdP token endpoint refused the code: ${String(body.error ?? status)}`);
  return body as unknown as TokenSet;
}

/** The refresh_token grant of a public client at the IdP's token endpoint, as answered. */
export async function refreshGrant(
  idp: Pick<Idp, 'endpoints' | 'clientId'>,
  refreshToken: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(idp.endpoints.token, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: idp.clientId,
    }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function refresh(idp: Idp, refreshToken: string): Promise<TokenSet> {
  const { status, body } = await refreshGrant(idp, refreshToken);
  if (status !== 200) throw new Error(`IdP refused the refresh: ${String(body.error ?? status)}`);
  return body as unknown as TokenSet;
}
