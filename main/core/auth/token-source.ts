import * as client from 'openid-client';
import { AppPassError } from '../errors.js';
import { signInAgain, signInFailure } from './errors.js';
import { connectIssuer } from './issuer.js';
import { sessionFromTokens } from './session.js';
import type { AuthNetOptions, RefreshTokenStore, Session, TokenSource } from './types.js';

export interface TokenSourceOptions extends AuthNetOptions {
  vault: RefreshTokenStore;
  /**
   * Runs a refresh holding the data directory's lock (one writer at a time across the
   * app and `apppass` commands); default: no lock beyond this process.
   */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
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
 * one refresh at a time (across processes with `exclusive`). The refresh token presented is
 * the keychain's, so a token another process rotated is used rather than replayed; the
 * rotated one replaces it. A refused token is deleted only while the keychain still holds it,
 * and ends in a "sign in again" error.
 * Given a TokenSource (restoreSession's answer), returns it unchanged.
 */
export function createTokenSource(from: Session | TokenSource, o: TokenSourceOptions): TokenSource {
  if (isTokenSource(from)) return from;
  let current = from;
  let inFlight: Promise<Session> | undefined;
  let config: Promise<client.Configuration> | undefined;
  const refreshBefore = o.refreshBeforeMs ?? DEFAULT_REFRESH_BEFORE_MS;

  /** The refresh token to present: the keychain's when it holds one (another process may have rotated it). */
  async function liveRefreshToken(): Promise<string> {
    const stored = await o.vault.readRefreshToken(current.issuer, current.sub);
    const token = stored ?? current.refreshToken;
    if (!token) throw signInAgain(current.issuer);
    return token;
  }

  /** Redeems `refreshToken`; resolves with the answer and the token that earned it. */
  async function redeem(
    refreshToken: string,
    retried: boolean,
  ): Promise<{ tokens: Awaited<ReturnType<typeof client.refreshTokenGrant>>; used: string }> {
    const { issuer, sub } = current;
    config ??= connectIssuer({ issuer, clientId: current.clientId, env: o.env });
    try {
      return {
        tokens: await client.refreshTokenGrant(await config, refreshToken),
        used: refreshToken,
      };
    } catch (err) {
      if (!isDeadRefreshToken(err)) throw signInFailure(err, issuer);
      // Lost a race with a writer that did not take the lock: its token is the live one.
      const now = await o.vault.readRefreshToken(issuer, sub);
      if (now && now !== refreshToken && !retried) return redeem(now, true);
      if (now === refreshToken) await o.vault.deleteRefreshToken(issuer, sub);
      current = { ...current, refreshToken: undefined };
      throw signInAgain(issuer, err);
    }
  }

  async function refresh(): Promise<Session> {
    const { issuer, sub } = current;
    const { tokens, used } = await redeem(await liveRefreshToken(), false);
    const next = sessionFromTokens(tokens, current, { ...current, refreshToken: used });
    if (next.sub !== sub) throw new AppPassError('signin_subject_changed', 'auth');
    if (next.refreshToken && next.refreshToken !== used)
      await o.vault.storeRefreshToken(issuer, sub, next.refreshToken);
    return (current = next);
  }

  const exclusive = o.exclusive ?? (<T>(work: () => Promise<T>) => work());

  return {
    session: () => current,
    async getAccessToken({ forceRefresh = false } = {}) {
      if (!forceRefresh && current.accessTokenExpiresAt - refreshBefore > Date.now())
        return current.accessToken;
      inFlight ??= exclusive(refresh).finally(() => (inFlight = undefined));
      return (await inFlight).accessToken;
    },
  };
}

/**
 * The session kept in the keychain: reads the refresh token of (issuer, sub) and redeems it.
 * Resolves null when none is stored; a dead one is removed and reported as "sign in again".
 */
export async function restoreSession(
  o: { issuer: string; clientId: string; sub: string } & TokenSourceOptions,
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
