import * as client from 'openid-client';
import { AppPassError } from '../errors.js';
import { signInAgain, signInFailure } from './errors.js';
import { connectIssuer } from './issuer.js';
import { sessionFromTokens } from './session.js';
import type { AuthNetOptions, RefreshTokenStore, Session, TokenSource } from './types.js';

export interface TokenSourceOptions extends AuthNetOptions {
  vault: RefreshTokenStore;
  /** Refresh this long before the access token expires; default 60 s. */
  refreshBeforeMs?: number;
}

const DEFAULT_REFRESH_BEFORE_MS = 60_000;

function isTokenSource(x: Session | TokenSource): x is TokenSource {
  return typeof (x as TokenSource).getAccessToken === 'function';
}

/** The IdP no longer honours this refresh token (expired, revoked, reused). */
function isDeadRefreshToken(err: unknown): boolean {
  return err instanceof client.ResponseBodyError && err.error === 'invalid_grant';
}

/**
 * Access tokens from a session: refreshed shortly before expiry and when forced (after a 401),
 * one refresh at a time. Rotated refresh tokens replace the old one in the keychain; a dead
 * refresh token is removed and turned into a "sign in again" error.
 * Given a TokenSource (restoreSession's answer), returns it unchanged.
 */
export function createTokenSource(from: Session | TokenSource, o: TokenSourceOptions): TokenSource {
  if (isTokenSource(from)) return from;
  let current = from;
  let inFlight: Promise<Session> | undefined;
  let config: Promise<client.Configuration> | undefined;
  const refreshBefore = o.refreshBeforeMs ?? DEFAULT_REFRESH_BEFORE_MS;

  async function refresh(): Promise<Session> {
    const { issuer, sub } = current;
    const refreshToken = current.refreshToken ?? (await o.vault.readRefreshToken(issuer, sub));
    if (!refreshToken) throw signInAgain(issuer);
    config ??= connectIssuer({ issuer, clientId: current.clientId, env: o.env });
    let tokens;
    try {
      tokens = await client.refreshTokenGrant(await config, refreshToken);
    } catch (err) {
      if (!isDeadRefreshToken(err)) throw signInFailure(err, issuer);
      await o.vault.deleteRefreshToken(issuer, sub);
      current = { ...current, refreshToken: undefined };
      throw signInAgain(issuer, err);
    }
    const next = sessionFromTokens(tokens, current, { ...current, refreshToken });
    if (next.sub !== sub) throw new AppPassError('signin_subject_changed', 'auth');
    if (next.refreshToken !== refreshToken && next.refreshToken)
      await o.vault.storeRefreshToken(issuer, sub, next.refreshToken);
    return (current = next);
  }

  return {
    session: () => current,
    async getAccessToken({ forceRefresh = false } = {}) {
      if (!forceRefresh && current.accessTokenExpiresAt - refreshBefore > Date.now())
        return current.accessToken;
      inFlight ??= refresh().finally(() => (inFlight = undefined));
      return (await inFlight).accessToken;
    },
  };
}

/**
 * The session kept in the keychain: reads the refresh token of (issuer, sub) and redeems it.
 * Resolves null when none is stored; a dead one is removed and reported as "sign in again".
 */
export async function restoreSession(
  o: { issuer: string; clientId: string; sub: string; vault: RefreshTokenStore } & AuthNetOptions,
): Promise<TokenSource | null> {
  const refreshToken = await o.vault.readRefreshToken(o.issuer, o.sub);
  if (!refreshToken) return null;
  const source = createTokenSource(
    {
      issuer: o.issuer,
      clientId: o.clientId,
      sub: o.sub,
      email: undefined,
      accessToken: '',
      accessTokenExpiresAt: 0,
      refreshToken,
    },
    o,
  );
  await source.getAccessToken();
  return source;
}
