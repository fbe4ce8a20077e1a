import type * as client from 'openid-client';
import { AppPassError } from '../errors.js';
import type { Session } from './types.js';

/** When the IdP does not say how long the access token lives, assume five minutes. */
const DEFAULT_LIFETIME_S = 300;

type Tokens = client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;

/**
 * A Session from a token response. `previous` supplies what a refresh answer may omit
 * (the refresh token when not rotated, the ID token and its claims).
 */
export function sessionFromTokens(
  tokens: Tokens,
  base: { issuer: string; clientId: string },
  previous?: Session,
  now = Date.now(),
): Session {
  const claims = tokens.claims();
  const sub = claims?.sub ?? previous?.sub;
  if (!sub) {
    throw new AppPassError('signin_no_identity', 'auth');
  }
  const email = typeof claims?.email === 'string' ? claims.email : previous?.email;
  return {
    issuer: base.issuer,
    clientId: base.clientId,
    sub,
    email,
    accessToken: tokens.access_token,
    accessTokenExpiresAt: now + (tokens.expiresIn() ?? DEFAULT_LIFETIME_S) * 1000,
    refreshToken: tokens.refresh_token ?? previous?.refreshToken,
    idToken: tokens.id_token ?? previous?.idToken,
    scope: tokens.scope ?? previous?.scope,
  };
}
