import * as client from 'openid-client';
import type { Revocation } from '../../../protocol/sign-out.js';
import { connectIssuer } from './issuer.js';
import type { AuthNetOptions, RefreshTokenStore, Session, TokenSource } from './types.js';

export type { Revocation };

export interface SignOutResult {
  /** `revocation === 'revoked'` (kept for older callers). */
  revoked: boolean;
  revocation: Revocation;
  /** With `kept`: the IdP's error code (e.g. invalid_client), never its free text. */
  idpError?: string;
}

/**
 * Forgets the sign-in: revokes the refresh token at the IdP where it offers revocation, and
 * deletes it from the keychain in any case; a failed revocation does not keep the token here.
 */
export async function signOut(
  s: Session | TokenSource,
  vault: RefreshTokenStore,
  o: AuthNetOptions = {},
): Promise<SignOutResult> {
  const session = 'session' in s && typeof s.session === 'function' ? s.session() : (s as Session);
  const { issuer, sub } = session;
  const refreshToken = session.refreshToken ?? (await vault.readRefreshToken(issuer, sub));
  let result: SignOutResult = { revoked: false, revocation: 'no_token' };
  try {
    if (refreshToken) result = await revoke(session, refreshToken, o);
  } finally {
    await vault.deleteRefreshToken(issuer, sub);
  }
  return result;
}

async function revoke(
  session: Session,
  refreshToken: string,
  o: AuthNetOptions,
): Promise<SignOutResult> {
  let config: client.Configuration;
  try {
    config = await connectIssuer({
      issuer: session.issuer,
      clientId: session.clientId,
      env: o.env,
    });
  } catch {
    return { revoked: false, revocation: 'unreachable' };
  }
  if (!config.serverMetadata().revocation_endpoint)
    return { revoked: false, revocation: 'not_offered' };
  try {
    await client.tokenRevocation(config, refreshToken, { token_type_hint: 'refresh_token' });
    return { revoked: true, revocation: 'revoked' };
  } catch (err) {
    // An answer with an OAuth error: the IdP is there and keeps the token.
    if (
      err instanceof client.ResponseBodyError ||
      err instanceof client.WWWAuthenticateChallengeError
    )
      return { revoked: false, revocation: 'kept', idpError: idpErrorCode(err) };
    return { revoked: false, revocation: 'unreachable' };
  }
}

function idpErrorCode(
  err: client.ResponseBodyError | client.WWWAuthenticateChallengeError,
): string {
  const code = err instanceof client.ResponseBodyError ? err.error : err.cause[0]?.parameters.error;
  return (code ?? `HTTP ${err.status}`).slice(0, 60);
}
