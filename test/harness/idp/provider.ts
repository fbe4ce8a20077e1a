import { randomBytes } from 'node:crypto';
import Provider, { errors, type Configuration, type JWK } from 'oidc-provider';
import { accountFinder, type IdpUsers } from './accounts.js';

export interface ProviderSettings {
  issuer: string;
  clientId: string;
  audience: string;
  accessTokenFormat: 'jwt' | 'opaque';
  /** 'scopes': email/profile claims in the ID token too; 'minimal': only from userinfo. */
  idTokenClaims: 'scopes' | 'minimal';
  accessTokenTtl: number;
  refreshTokenTtl: number;
  users: IdpUsers;
  /** Private signing JWKs, newest first (oidc-provider signs with the first matching one). */
  signingKeys: JWK[];
  cookieKeys: string[];
}

/** The resource indicator under which JWT access tokens for the broker are issued. */
export const BROKER_RESOURCE = 'urn:apppass:broker';

/**
 * Claims for JWT access tokens: the broker maps the user by the verified email in the token,
 * as with authentik/Keycloak. Only when the `email`/`profile` scope was granted.
 */
function accessTokenClaims(
  settings: ProviderSettings,
  accountId: string,
  scope: string | undefined,
) {
  const user = Object.values(settings.users).find((u) => u.sub === accountId);
  const scopes = new Set((scope ?? '').split(' '));
  if (!user) return undefined;
  return {
    ...(scopes.has('email') ? { email: user.email, email_verified: user.email_verified } : {}),
    ...(scopes.has('profile') ? { name: user.name, groups: user.groups ?? [] } : {}),
  };
}

function resourceIndicators(
  settings: ProviderSettings,
): NonNullable<Configuration['features']>['resourceIndicators'] {
  if (settings.accessTokenFormat === 'opaque') return { enabled: false };
  return {
    enabled: true,
    defaultResource: () => BROKER_RESOURCE,
    useGrantedResource: () => true,
    getResourceServerInfo: (_ctx, resource) => {
      if (resource !== BROKER_RESOURCE) throw new errors.InvalidTarget();
      return {
        scope: 'openid email profile',
        audience: settings.audience,
        accessTokenTTL: settings.accessTokenTtl,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      };
    },
  };
}

export function providerConfiguration(settings: ProviderSettings): Configuration {
  return {
    clients: [
      {
        client_id: settings.clientId,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        // native + loopback: oidc-provider accepts this URI on any port (RFC 8252 §7.3).
        redirect_uris: ['http://127.0.0.1/callback'],
        post_logout_redirect_uris: ['http://127.0.0.1/signed-out'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        scope: 'openid email profile offline_access',
      },
    ],
    jwks: { keys: settings.signingKeys },
    cookies: { keys: settings.cookieKeys },
    findAccount: accountFinder(settings.users),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    scopes: ['openid', 'offline_access', 'email', 'profile'],
    // 'scopes': scope claims in the ID token too (authentik/Keycloak do). 'minimal': oidc-provider's
    // default, which keeps them for userinfo when an access token is issued (like Authelia 4.39+).
    conformIdTokenClaims: settings.idTokenClaims === 'minimal',
    pkce: { required: () => true },
    ttl: {
      AccessToken: settings.accessTokenTtl,
      RefreshToken: settings.refreshTokenTtl,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Session: 3600,
      Grant: settings.refreshTokenTtl,
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      userinfo: { enabled: true },
      resourceIndicators: resourceIndicators(settings),
    },
    extraTokenClaims: (_ctx, token) =>
      'accountId' in token && token.accountId
        ? accessTokenClaims(settings, token.accountId, token.scope)
        : undefined,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    clientBasedCORS: () => false,
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><title>Error</title><h1>${escapeHtml(out.error)}</h1><p>${escapeHtml(String(out.error_description ?? ''))}</p>`;
    },
  };
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function buildProvider(settings: ProviderSettings): Provider {
  const provider = new Provider(settings.issuer, providerConfiguration(settings));
  // Interaction and session cookies over plain http on 127.0.0.1 (tests only).
  provider.proxy = false;
  return provider;
}

export function randomCookieKeys(): string[] {
  return [randomBytes(24).toString('base64url')];
}
