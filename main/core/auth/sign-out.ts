import * as client from 'openid-client';
import { connectIssuer } from './issuer.js';
import type { AuthNetOptions, RefreshTokenStore, Session, TokenSource } from './types.js';

/**
 * Forgets the sign-in: revokes the refresh token at the IdP (RFC 7009) where it offers
 * revocation, and deletes it from the keychain in any case. `revoked` says whether the IdP
 * confirmed; a failed revocation does not keep the token on this device.
 */
export async function signOut(
  s: Session | TokenSource,
  vault: RefreshTokenStore,
  o: AuthNetOptions = {},
): Promise<{ revoked: boolean }> {
  const session = 'session' in s && typeof s.session === 'function' ? s.session() : (s as Session);
  const { issuer, sub } = session;
  const refreshToken = session.refreshToken ?? (await vault.readRefreshToken(issuer, sub));
  let revoked = false;
  try {
    if (refreshToken) revoked = await revoke(session, refreshToken, o);
  } finally {
    await vault.deleteRefreshToken(issuer, sub);
  }
  return { revoked };
}

async function revoke(session: Session, refreshToken: string, o: AuthNetOptions): Promise<boolean> {
  try {
    const config = await connectIssuer({
      issuer: session.issuer,
      clientId: session.clientId,
      env: o.env,
    });
    if (!config.serverMetadata().revocation_endpoint) return false;
    await client.tokenRevocation(config, refreshToken, { token_type_hint: 'refresh_token' });
    return true;
  } catch {
    // IdP down or refusing: the local sign-out still happens; the caller reports `revoked: false`.
    return false;
  }
}
