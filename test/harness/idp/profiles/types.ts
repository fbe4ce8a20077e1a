import type { IdpUser } from '../accounts.js';

/** `oidc-provider` is today's bench: oidc-provider's own RFC 9068 tokens, unchanged. */
export const IDP_PROFILES = [
  'oidc-provider',
  'authentik',
  'keycloak',
  'keycloak24',
  'authelia-opaque',
  'authelia-jwt',
] as const;
export type IdpProfileName = (typeof IDP_PROFILES)[number];

/** What one sign-in (and the refreshes after it) carries into every token the profile mints. */
export interface GrantContext {
  user: IdpUser;
  clientId: string;
  scopes: string[];
  grant: 'authorization_code' | 'refresh_token';
  /** The authorization request's nonce. */
  nonce?: string;
  /** `audience` parameter values of the authorization request (Authelia). */
  requestedAudience: string[];
  authTime: number;
  sid: string;
}

export interface ProfileSettings {
  origin: string;
  clientId: string;
  /**
   * authentik: unused (aud is always the client id). Keycloak: the value of the Audience mapper
   * the admin guide adds (none: aud is only "account"). Authelia: the client's `audience` list.
   */
  audience: string | undefined;
  accessTokenTtl: number;
  /** authentik before 2025.2 (PR #12704): revocation refuses public clients. */
  legacyRevocation: boolean;
  /** Authelia's `requested_audience_mode` (default explicit). */
  audienceMode: 'explicit' | 'implicit';
}

export type Sign = (
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
) => Promise<string>;

export interface EndpointPaths {
  discovery: string;
  authorization: string;
  token: string;
  userinfo: string;
  revocation: string;
  jwks: string;
}

/** One IdP's way of issuing tokens, written from its source (each profile names the files). */
export interface IdpProfile {
  name: Exclude<IdpProfileName, 'oidc-provider'>;
  issuer(origin: string): string;
  paths: EndpointPaths;
  /** Discovery metadata beyond issuer and endpoints. */
  metadata: Record<string, unknown>;
  /** RFC 9207 `iss` in the authorization response. */
  sendsIss: boolean;
  /** 'page': a consent page at sign-in (with offline_access); 'none': straight back. */
  consent(params: URLSearchParams): 'page' | 'none';
  redirectUriAllowed(uri: string): boolean;
  /** The requested audience the IdP refuses, if any (Authelia checks it against the client). */
  refusedAudience?(requested: string[], s: ProfileSettings): string | undefined;
  accessToken(c: GrantContext, s: ProfileSettings, sign: Sign): Promise<string>;
  idToken(c: GrantContext, s: ProfileSettings, sign: Sign): Promise<string>;
  userinfo(c: GrantContext, s: ProfileSettings): Record<string, unknown>;
  tokenResponseExtras(c: GrantContext, s: ProfileSettings): Record<string, unknown>;
  /** How the revocation endpoint answers a public client: status and body. */
  revocation(s: ProfileSettings): { revokes: boolean; status: number; body: unknown };
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** The standard claims a scope grants, from the user (profiles decide email_verified). */
export function scopeClaims(c: GrantContext, emailVerified: boolean): Record<string, unknown> {
  const has = (s: string) => c.scopes.includes(s);
  const [given = '', ...rest] = c.user.name.split(' ');
  return {
    ...(has('email') ? { email: c.user.email, email_verified: emailVerified } : {}),
    ...(has('profile')
      ? {
          name: c.user.name,
          given_name: given,
          family_name: rest.join(' '),
          preferred_username: c.user.email.split('@')[0],
        }
      : {}),
  };
}
