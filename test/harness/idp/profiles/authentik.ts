import { randomBytes } from 'node:crypto';
import { nowSeconds, scopeClaims, type GrantContext, type IdpProfile } from './types.js';

/**
 * authentik 2024.x–2025.x, OAuth2/OIDC provider with a signing key, public client, from
 * goauthentik/authentik:
 * - `providers/oauth2/id_token.py`: `IDToken.new` (iss, sub, aud = client id, exp, iat,
 *   auth_time, acr, amr, sid, plus the scope mappings' claims) and `to_access_token`, which is
 *   the same payload plus `azp` (client id) and `uid` (random) — the only claims an ID token
 *   lacks. `provider.encode` is PyJWT: header `typ: JWT`, RS256 with `kid`.
 * - `providers/oauth2/views/token.py` `create_code_response`: the authorization request's
 *   nonce goes into the access token's IDToken, and the ID token returned is that same IDToken
 *   (nonce, no at_hash); `create_refresh_response`: new IDToken without nonce for both.
 * - `providers/oauth2/models.py` `get_issuer`: `.../application/o/<slug>/` with the slash.
 * - `providers/oauth2/views/authorize.py` `check_scope`: offline_access without
 *   prompt=consent gets the consent prompt added (the explicit-consent flow shows a page).
 * - Redirect URIs in Regex mode are `fullmatch`ed: the admin guide registers
 *   `http://127\.0\.0\.1:\d+/callback`.
 * - `providers/oauth2/views/token_revoke.py`: before 2025.2 (PR #12704, issue #12053)
 *   `authenticate_provider` needs the client secret, so a public client gets 401
 *   invalid_client and the token stays valid; since then 200 `{}`.
 * - email scope mapping: the default answers `email_verified: false` (2025.10 documents it);
 *   seed 002's mapping returns the user attribute `email_verified` (our `user.email_verified`).
 *   Users federated from mailcow's OAuth2 server (seed 000) have no such attribute: false.
 */
const SLUG = 'apppass';
const ACR = 'goauthentik.io/providers/oauth2/default';

function idTokenPayload(c: GrantContext, issuer: string, clientId: string, ttl: number) {
  const iat = nowSeconds();
  return {
    iss: issuer,
    sub: c.user.sub,
    aud: clientId,
    exp: iat + ttl,
    iat,
    auth_time: c.authTime,
    acr: ACR,
    amr: ['pwd'],
    ...(c.grant === 'authorization_code' && c.nonce ? { nonce: c.nonce } : {}),
    sid: c.sid,
    ...scopeClaims(c, c.user.email_verified),
    ...(c.scopes.includes('profile') ? { nickname: c.user.email.split('@')[0], groups: [] } : {}),
  };
}

export const authentik: IdpProfile = {
  name: 'authentik',
  issuer: (origin) => `${origin}/application/o/${SLUG}/`,
  paths: {
    discovery: `/application/o/${SLUG}/.well-known/openid-configuration`,
    authorization: '/application/o/authorize/',
    token: '/application/o/token/',
    userinfo: '/application/o/userinfo/',
    revocation: '/application/o/revoke/',
    jwks: `/application/o/${SLUG}/jwks/`,
  },
  metadata: {
    response_types_supported: [
      'code',
      'id_token',
      'id_token token',
      'code token',
      'code id_token',
      'code id_token token',
    ],
    grant_types_supported: [
      'authorization_code',
      'refresh_token',
      'implicit',
      'client_credentials',
      'password',
      'urn:ietf:params:oauth:grant-type:device_code',
    ],
    id_token_signing_alg_values_supported: ['RS256'],
    subject_types_supported: ['public'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    scopes_supported: ['openid', 'email', 'profile', 'offline_access'],
    code_challenge_methods_supported: ['plain', 'S256'],
    claims_parameter_supported: false,
  },
  sendsIss: false,
  consent: () => 'page',
  redirectUriAllowed: (uri) => /^http:\/\/127\.0\.0\.1:\d+\/callback$/.test(uri),
  async accessToken(c, s, sign) {
    const payload = { ...idTokenPayload(c, this.issuer(s.origin), s.clientId, s.accessTokenTtl) };
    return sign(
      { typ: 'JWT' },
      { ...payload, azp: s.clientId, uid: randomBytes(20).toString('hex') },
    );
  },
  async idToken(c, s, sign) {
    return sign(
      { typ: 'JWT' },
      idTokenPayload(c, this.issuer(s.origin), s.clientId, s.accessTokenTtl),
    );
  },
  userinfo: (c) => ({
    sub: c.user.sub,
    ...scopeClaims(c, c.user.email_verified),
    ...(c.scopes.includes('profile') ? { nickname: c.user.email.split('@')[0], groups: [] } : {}),
  }),
  tokenResponseExtras: () => ({}),
  revocation: (s) =>
    s.legacyRevocation
      ? { revokes: false, status: 401, body: { error: 'invalid_client' } }
      : { revokes: true, status: 200, body: {} },
};
