import { randomUUID } from 'node:crypto';
import {
  nowSeconds,
  scopeClaims,
  type GrantContext,
  type IdpProfile,
  type ProfileSettings,
} from './types.js';

/**
 * Keycloak, realm `apppass`, public client with standard flow, from keycloak/keycloak:
 * - `services/.../protocol/oidc/TokenManager.java` `initToken` / `transformAccessToken`:
 *   access token with `typ: "Bearer"`, `azp` = client id, `aud` from the audience-resolve
 *   mapper ("account", for the default roles) plus any Audience mapper, `scope`, `sid`,
 *   realm/resource roles; the ID token (`initIDToken`) has `typ: "ID"`, `aud` = client id,
 *   `azp`, `nonce`, `at_hash`. JWS header `typ: JWT`, RS256 with `kid`.
 * - Keycloak ≤ 24 also copies the nonce into access and refresh tokens (25 upgrade notes:
 *   "The nonce claim is now only added to the ID token"; keycloak#26893) — profile `keycloak24`.
 * - `OIDCWellKnownProvider`: issuer `<base>/realms/<realm>` (no slash),
 *   `authorization_response_iss_parameter_supported: true`; revocation for public clients.
 * - `RedirectUtils`: for `http://127.0.0.1` / `localhost` the port is ignored when the exact
 *   match fails (register `http://127.0.0.1/callback`).
 * - email_verified is the user's *Email verified* flag; no consent page unless the client has
 *   "Consent required"; offline_access needs no prompt.
 */
const REALM = 'apppass';
const base = `/realms/${REALM}/protocol/openid-connect`;

function common(c: GrantContext, s: ProfileSettings, issuer: string) {
  const iat = nowSeconds();
  return {
    exp: iat + s.accessTokenTtl,
    iat,
    auth_time: c.authTime,
    jti: randomUUID(),
    iss: issuer,
  };
}

function keycloakProfile(name: 'keycloak' | 'keycloak24'): IdpProfile {
  const nonceInAccessToken = name === 'keycloak24';
  return {
    name,
    issuer: (origin) => `${origin}/realms/${REALM}`,
    paths: {
      discovery: `/realms/${REALM}/.well-known/openid-configuration`,
      authorization: `${base}/auth`,
      token: `${base}/token`,
      userinfo: `${base}/userinfo`,
      revocation: `${base}/revoke`,
      jwks: `${base}/certs`,
    },
    metadata: {
      response_types_supported: [
        'code',
        'none',
        'id_token',
        'token',
        'id_token token',
        'code id_token',
        'code token',
        'code id_token token',
      ],
      grant_types_supported: [
        'authorization_code',
        'implicit',
        'refresh_token',
        'password',
        'client_credentials',
        'urn:ietf:params:oauth:grant-type:device_code',
      ],
      id_token_signing_alg_values_supported: [
        'PS384',
        'RS384',
        'EdDSA',
        'ES384',
        'HS256',
        'HS512',
        'ES256',
        'RS256',
        'HS384',
        'ES512',
        'PS256',
        'PS512',
        'RS512',
      ],
      subject_types_supported: ['public', 'pairwise'],
      token_endpoint_auth_methods_supported: [
        'private_key_jwt',
        'client_secret_basic',
        'client_secret_post',
        'tls_client_auth',
        'client_secret_jwt',
      ],
      scopes_supported: [
        'openid',
        'offline_access',
        'profile',
        'email',
        'address',
        'phone',
        'roles',
        'web-origins',
        'acr',
        'microprofile-jwt',
        'basic',
        'organization',
      ],
      code_challenge_methods_supported: ['plain', 'S256'],
      authorization_response_iss_parameter_supported: true,
      revocation_endpoint_auth_methods_supported: [
        'private_key_jwt',
        'client_secret_basic',
        'client_secret_post',
        'tls_client_auth',
        'client_secret_jwt',
      ],
    },
    sendsIss: true,
    consent: () => 'none',
    redirectUriAllowed: (uri) => {
      const u = new URL(uri);
      return (
        u.protocol === 'http:' &&
        ['127.0.0.1', 'localhost'].includes(u.hostname) &&
        u.pathname === '/callback'
      );
    },
    async accessToken(c, s, sign) {
      const aud = s.audience ? [s.audience, 'account'] : 'account';
      return sign(
        { typ: 'JWT' },
        {
          ...common(c, s, this.issuer(s.origin)),
          aud,
          sub: c.user.sub,
          typ: 'Bearer',
          azp: s.clientId,
          ...(nonceInAccessToken && c.nonce ? { nonce: c.nonce, session_state: c.sid } : {}),
          sid: c.sid,
          acr: '1',
          'allowed-origins': [],
          realm_access: {
            roles: ['offline_access', 'uma_authorization', `default-roles-${REALM}`],
          },
          resource_access: {
            account: { roles: ['manage-account', 'manage-account-links', 'view-profile'] },
          },
          scope: c.scopes.filter((x) => x !== 'openid').join(' '),
          ...scopeClaims(c, c.user.email_verified),
        },
      );
    },
    async idToken(c, s, sign) {
      return sign(
        { typ: 'JWT' },
        {
          ...common(c, s, this.issuer(s.origin)),
          aud: s.clientId,
          sub: c.user.sub,
          typ: 'ID',
          azp: s.clientId,
          ...(c.nonce ? { nonce: c.nonce } : {}),
          sid: c.sid,
          at_hash: randomUUID().replace(/-/g, '').slice(0, 22),
          acr: '1',
          ...scopeClaims(c, c.user.email_verified),
        },
      );
    },
    userinfo: (c) => ({ sub: c.user.sub, ...scopeClaims(c, c.user.email_verified) }),
    tokenResponseExtras: (c, s) => ({
      refresh_expires_in: 1800,
      'not-before-policy': 0,
      session_state: c.sid,
      token_type: 'Bearer',
      expires_in: s.accessTokenTtl,
    }),
    revocation: () => ({ revokes: true, status: 200, body: '' }),
  };
}

export const keycloak = keycloakProfile('keycloak');
export const keycloak24 = keycloakProfile('keycloak24');
