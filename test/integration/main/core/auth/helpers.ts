import { errorText } from '../../../../../main/cli/render/errors.js';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { signIn, type SignInOptions } from '../../../../../main/core/auth/index.js';
import { createVault, type Vault } from '../../../../../main/core/vault/index.js';
import { refreshGrant, type Idp, type IdpUser } from '../../../../harness/idp.js';

export const SCOPES = ['openid', 'email', 'profile', 'offline_access'];
/** The bench IdP is http://127.0.0.1:<port>. */
export const INSECURE_OK = { APPPASS_INSECURE_HTTP: '1' };

/** A vault on the run's real gnome-keyring, under a service name of its own. */
export function testVault(): Vault {
  return createVault({ service: `apppass-test-${randomUUID()}` });
}

/** A sign-in whose "browser" is the test: it gets the authorization URL and drives it. */
export function startSignIn(idp: Idp, o: Partial<SignInOptions> = {}) {
  let open!: (url: string) => void;
  const opened = new Promise<string>((resolve) => (open = resolve));
  const result = signIn({
    issuer: idp.issuer,
    clientId: idp.clientId,
    scopes: SCOPES,
    env: INSECURE_OK,
    openBrowser: async (url) => open(url),
    failureText: errorText,
    ...o,
  });
  // Keep an early rejection (before the test awaits `result`) from being reported as unhandled.
  result.catch(() => undefined);
  return { opened, result };
}

export function loopbackPort(authorizationUrl: string): number {
  const redirect = new URL(new URL(authorizationUrl).searchParams.get('redirect_uri') ?? '');
  return Number(redirect.port);
}

/** Resolves true when 127.0.0.1:port refuses connections. */
export function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** Login + consent over HTTP at the real IdP, then the browser's final request to the listener. */
export async function completeOverHttp(
  idp: Idp,
  authorizationUrl: string,
  user: IdpUser,
  tamper: (callback: URL) => void = () => undefined,
): Promise<{ status: number; page: string; callback: URL }> {
  const callback = new URL(await idp.completeLoginHttp(authorizationUrl, user));
  tamper(callback);
  const res = await fetch(callback);
  return { status: res.status, page: await res.text(), callback };
}

/** POSTs a refresh_token grant straight to the IdP's token endpoint. */
export async function redeemRefreshToken(
  idp: Idp,
  refreshToken: string,
): Promise<{ status: number; error?: string }> {
  const { status, body } = await refreshGrant(idp, refreshToken);
  return { status, error: typeof body.error === 'string' ? body.error : undefined };
}

/**
 * What the keychain holds for (issuer, sub), described without the secret itself, so that a
 * failing assertion never prints a token.
 */
export async function keychainHolds(
  vault: Vault,
  issuer: string,
  sub: string,
  expected?: string,
): Promise<'nothing' | 'this token' | 'another token'> {
  const stored = await vault.readRefreshToken(issuer, sub);
  if (stored === null) return 'nothing';
  return stored === expected ? 'this token' : 'another token';
}
