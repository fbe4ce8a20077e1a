import * as client from 'openid-client';
import { AppPassError } from '../errors.js';
import { signInFailure } from './errors.js';
import { connectIssuer } from './issuer.js';
import {
  startLoopback,
  type Callback,
  type LoopbackListener,
  type PageWording,
} from './loopback.js';
import { sessionFromTokens } from './session.js';
import type { AuthNetOptions, RefreshTokenStore, Session } from './types.js';
import { emailFromUserInfo } from './userinfo.js';

export interface SignInOptions extends AuthNetOptions {
  issuer: string;
  clientId: string;
  scopes: string[];
  /** Opens the system browser (Electron's shell.openExternal, the CLI's opener, or a printer). */
  openBrowser: (url: string) => Promise<void>;
  /** default 300000 (5 minutes: MFA and password changes take time) */
  timeoutMs?: number;
  /** Cancels the sign-in; the listener closes at once. */
  signal?: AbortSignal;
  loginHint?: string;
  /** The face's wording of the page the browser shows after the redirect; default its code. */
  page?: PageWording;
  /** From the discovery document: what this IdP needs in the authorization request. */
  request?: AuthorizationHints;
  /**
   * When given, a granted refresh token goes straight into the keychain (a keychain error
   * propagates). Without it the refresh token stays in the returned Session only.
   */
  vault?: RefreshTokenStore;
}

/** The discovery document's optional sign-in fields (see `discoveryDocument`). */
export interface AuthorizationHints {
  audience?: string;
  resource?: string;
  /** Absent: true, as before these fields existed. */
  promptConsent?: boolean;
}

export function authorizationHints(profile: {
  audience?: string;
  resource?: string;
  prompt_consent?: boolean;
}): AuthorizationHints {
  return {
    ...(profile.audience ? { audience: profile.audience } : {}),
    ...(profile.resource ? { resource: profile.resource } : {}),
    ...(profile.prompt_consent !== undefined ? { promptConsent: profile.prompt_consent } : {}),
  };
}

const DEFAULT_TIMEOUT_MS = 300_000;

function timeoutError(timeoutMs: number): AppPassError {
  return new AppPassError('signin_timeout', 'auth', { params: { ms: timeoutMs } });
}

/** Waits for the browser to come back, unless cancelled or out of time. */
function awaitCallback(listener: LoopbackListener, o: SignInOptions): Promise<Callback> {
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise<Callback>((resolve, reject) => {
    // Whichever way this ends, the timer and the abort listener go with it.
    const settle = (finish: () => void) => {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      finish();
    };
    const timer = setTimeout(() => settle(() => reject(timeoutError(timeoutMs))), timeoutMs);
    const onAbort = () => settle(() => reject(new AppPassError('signin_cancelled', 'auth')));
    if (o.signal?.aborted) return onAbort();
    o.signal?.addEventListener('abort', onAbort, { once: true });
    void listener.callback.then((c) => settle(() => resolve(c)));
  });
}

async function authorizationUrl(
  config: client.Configuration,
  o: SignInOptions,
  redirectUri: string,
  checks: { verifier: string; state: string; nonce: string },
): Promise<string> {
  const params: Record<string, string> = {
    redirect_uri: redirectUri,
    scope: o.scopes.join(' '),
    code_challenge: await client.calculatePKCECodeChallenge(checks.verifier),
    code_challenge_method: 'S256',
    state: checks.state,
    nonce: checks.nonce,
  };
  // oidc-provider grants offline_access only after an explicit consent; authentik adds the
  // consent prompt itself, Keycloak needs none, and Authelia (>= 4.39.11) would then ask for
  // consent at every sign-in: the discovery document says which (absent: send it, as before).
  const hints = o.request ?? {};
  if (o.scopes.includes('offline_access') && hints.promptConsent !== false)
    params.prompt = 'consent';
  // Authelia's JWT access tokens carry only the audience the request asked for.
  if (hints.audience) params.audience = hints.audience;
  if (hints.resource) params.resource = hints.resource;
  if (o.loginHint) params.login_hint = o.loginHint;
  return client.buildAuthorizationUrl(config, params).href;
}

/**
 * Authorization Code + PKCE (S256) through the system browser and a one-shot loopback
 * listener (RFC 8252), with state, nonce and the RFC 9207 iss check.
 */
export async function signIn(o: SignInOptions): Promise<Session> {
  const config = await connectIssuer(o);
  const issuer = config.serverMetadata().issuer;
  const checks = {
    verifier: client.randomPKCECodeVerifier(),
    state: client.randomState(),
    nonce: client.randomNonce(),
  };
  const listener = await startLoopback(checks.state, o.page);
  try {
    const url = await authorizationUrl(config, o, listener.redirectUri, checks);
    await openBrowser(o, url);
    const callback = await awaitCallback(listener, o);
    let session: Session;
    try {
      const tokens = await client.authorizationCodeGrant(config, callback.url, {
        pkceCodeVerifier: checks.verifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      session = sessionFromTokens(tokens, { issuer, clientId: o.clientId });
    } catch (err) {
      const failure = signInFailure(err, issuer);
      await callback.respond({ ok: false, failure });
      throw failure;
    }
    await callback.respond({ ok: true });
    session.email ??= await emailFromUserInfo(config, session);
    if (o.vault && session.refreshToken)
      await o.vault.storeRefreshToken(issuer, session.sub, session.refreshToken);
    return session;
  } finally {
    await listener.close();
  }
}

async function openBrowser(o: SignInOptions, url: string): Promise<void> {
  try {
    await o.openBrowser(url);
  } catch (err) {
    throw new AppPassError('browser_open_failed', 'auth', { cause: err });
  }
}
