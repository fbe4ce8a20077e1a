import { randomBytes, randomUUID } from 'node:crypto';
import { nowSeconds, type GrantContext, type IdpProfile, type ProfileSettings } from './types.js';

/**
 * Authelia 4.38/4.39, public client (`token_endpoint_auth_method: none`), from
 * authelia/authelia and authelia/oauth2-provider (its fosite fork), as ../shared/idp-profiles.md
 * cites them (not re-read for this profile: check these files when Authelia changes):
 * - default access tokens are opaque HMAC tokens `authelia_at_<key>.<signature>`
 *   (`internal/oidc` strategy with the `authelia_at_` prefix), checked at userinfo;
 * - with `access_token_signed_response_alg: RS256` they are RFC 9068 JWTs, header
 *   `typ: at+jwt` (`internal/oidc/session.go` `GetJWTClaims`): iss, sub, `aud` = the granted
 *   audience, `client_id`, exp, iat, nbf, jti, scope — no email, no nonce;
 * - granted audience: `requested_audience_mode: explicit` (default) grants only what the
 *   request's `audience` parameter asked for, within the client's `audience` list (so with no
 *   parameter `aud` is empty); `implicit` grants the whole list;
 * - ID token: header `typ: JWT`, `aud` = [client id], `azp`, nonce, at_hash, amr, rat; since
 *   4.39 email/name only at userinfo unless a claims policy adds them;
 * - userinfo: `email_verified` is hard-coded true;
 * - ≥ 4.39.11 `handler_oauth2_authorization_consent_core.go`: offline_access or
 *   prompt=consent asks for explicit consent at every sign-in;
 * - issuer is the root URL without a slash, RFC 9207 `iss` in the authorization response;
 * - loopback redirect on any port for http IP literals with the same path
 *   (`uri.go` `isMatchingLoopbackURI`); revocation with `none` auth answers 200.
 */
function claims(c: GrantContext, issuer: string, s: ProfileSettings) {
  const iat = nowSeconds();
  return { iss: issuer, sub: c.user.sub, exp: iat + s.accessTokenTtl, iat, jti: randomUUID() };
}

function grantedAudience(c: GrantContext, s: ProfileSettings): string[] {
  const allowed = s.audience ? [s.audience] : [];
  return s.audienceMode === 'implicit'
    ? allowed
    : c.requestedAudience.filter((a) => allowed.includes(a));
}

function autheliaProfile(name: 'authelia-opaque' | 'authelia-jwt'): IdpProfile {
  return {
    name,
    issuer: (origin) => origin,
    paths: {
      discovery: '/.well-known/openid-configuration',
      authorization: '/api/oidc/authorization',
      token: '/api/oidc/token',
      userinfo: '/api/oidc/userinfo',
      revocation: '/api/oidc/revocation',
      jwks: '/jwks.json',
    },
    metadata: {
      response_types_supported: [
        'code',
        'token',
        'id_token',
        'code token',
        'code id_token',
        'token id_token',
        'code token id_token',
        'none',
      ],
      grant_types_supported: [
        'authorization_code',
        'implicit',
        'client_credentials',
        'refresh_token',
        'urn:ietf:params:oauth:grant-type:device_code',
      ],
      id_token_signing_alg_values_supported: ['RS256', 'none'],
      userinfo_signing_alg_values_supported: ['none', 'RS256'],
      subject_types_supported: ['public', 'pairwise'],
      token_endpoint_auth_methods_supported: [
        'client_secret_post',
        'client_secret_basic',
        'client_secret_jwt',
        'private_key_jwt',
        'none',
      ],
      scopes_supported: [
        'offline_access',
        'openid',
        'profile',
        'groups',
        'email',
        'address',
        'phone',
      ],
      code_challenge_methods_supported: ['S256', 'plain'],
      authorization_response_iss_parameter_supported: true,
      require_pushed_authorization_requests: false,
    },
    sendsIss: true,
    consent: () => 'page',
    redirectUriAllowed: (uri) => {
      const u = new URL(uri);
      return u.protocol === 'http:' && u.hostname === '127.0.0.1' && u.pathname === '/callback';
    },
    refusedAudience: (requested, s) => requested.find((a) => a !== s.audience),
    async accessToken(c, s, sign) {
      if (name === 'authelia-opaque')
        return `authelia_at_${randomBytes(32).toString('base64url')}.${randomBytes(32).toString('base64url')}`;
      const body = claims(c, this.issuer(s.origin), s);
      return sign(
        { typ: 'at+jwt' },
        {
          ...body,
          nbf: body.iat,
          aud: grantedAudience(c, s),
          client_id: s.clientId,
          scope: c.scopes.join(' '),
        },
      );
    },
    async idToken(c, s, sign) {
      return sign(
        { typ: 'JWT' },
        {
          ...claims(c, this.issuer(s.origin), s),
          aud: [s.clientId],
          azp: s.clientId,
          auth_time: c.authTime,
          rat: c.authTime,
          amr: ['pwd'],
          ...(c.nonce ? { nonce: c.nonce } : {}),
          at_hash: randomBytes(16).toString('base64url'),
        },
      );
    },
    userinfo: (c) => {
      const has = (x: string) => c.scopes.includes(x);
      return {
        sub: c.user.sub,
        ...(has('email') ? { email: c.user.email, email_verified: true, alt_emails: [] } : {}),
        ...(has('profile')
          ? { name: c.user.name, preferred_username: c.user.email.split('@')[0] }
          : {}),
        rat: c.authTime,
        updated_at: nowSeconds(),
      };
    },
    tokenResponseExtras: () => ({ token_type: 'bearer' }),
    revocation: () => ({ revokes: true, status: 200, body: '' }),
  };
}

export const autheliaOpaque = autheliaProfile('authelia-opaque');
export const autheliaJwt = autheliaProfile('authelia-jwt');
