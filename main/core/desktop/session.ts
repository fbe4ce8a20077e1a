// The sign-in state file is shared with the `apppass` command, so both see one sign-in.
import {
  clearSignInState,
  createTokenSource,
  readSignInState,
  restoreSession,
  signIn,
  signOut,
  writeSignInState,
  type RefreshTokenStore,
  type SignInState,
  type TokenSource,
} from '../auth/index.js';
import { createBrokerClient, type BrokerClient, type Me } from '../broker/index.js';
import { discover, type DiscoverOptions } from '../discovery/discover.js';
import type { DiscoveryDocument } from '../discovery/profile.js';
import { AppPassError } from '../errors.js';
import {
  KeychainUnavailableError,
  openPasswordIndex,
  type PasswordIndex,
  type Vault,
} from '../vault/index.js';

/** Everything the signed-in API needs; rebuilt at sign-in or restored at start. */
export interface SignedIn {
  readonly state: SignInState;
  readonly me: Me;
  readonly tokens: TokenSource;
  readonly broker: BrokerClient;
  readonly index: PasswordIndex;
}

export interface SessionDeps {
  dataDir: string;
  vault: Vault;
  env: NodeJS.ProcessEnv;
  openExternal(url: string): Promise<void>;
  discovery?: Omit<DiscoverOptions, 'env' | 'signal'>;
  /** Sign-in timeout; default the auth module's 5 minutes. */
  signInTimeoutMs?: number;
}

async function unlessNoKeychain<T>(op: () => Promise<T>, otherwise: T): Promise<T> {
  try {
    return await op();
  } catch (error) {
    if (error instanceof KeychainUnavailableError) return otherwise;
    throw error;
  }
}

/**
 * Refresh tokens when no keychain answers (Linux without Secret Service): the sign-in still
 * works for this run with the token in memory, nothing is written anywhere, and the next start
 * asks to sign in again. The app tells the person what to install (keychainStatus).
 */
function tokensInKeychainOrMemory(vault: Vault): RefreshTokenStore {
  return {
    storeRefreshToken: (issuer, sub, token) =>
      unlessNoKeychain(() => vault.storeRefreshToken(issuer, sub, token), undefined),
    readRefreshToken: (issuer, sub) =>
      unlessNoKeychain(() => vault.readRefreshToken(issuer, sub), null),
    deleteRefreshToken: (issuer, sub) =>
      unlessNoKeychain(() => vault.deleteRefreshToken(issuer, sub), undefined),
  };
}

const domainOf = (address: string): string =>
  address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/** The discovery document for an address, or a clear error naming what was tried. */
export async function profileFor(email: string, d: SessionDeps): Promise<DiscoveryDocument> {
  const result = await discover(email, { ...d.discovery, env: d.env });
  if (result.profile) return result.profile;
  throw new AppPassError(
    'no_profile',
    `No AppPass configuration was found for ${result.email}; ask your mail administrator.`,
    'usage',
  );
}

async function connect(state: SignInState, tokens: TokenSource, d: SessionDeps) {
  const broker = createBrokerClient({ baseUrl: state.broker, tokens, env: d.env });
  const me = await broker.me();
  return { state, me, tokens, broker, index: await openPasswordIndex(d.dataDir) };
}

/** Browser sign-in for `email`; `signal` cancels the wait for the browser. */
export async function signInWithBrowser(
  email: string,
  signal: AbortSignal,
  d: SessionDeps,
): Promise<SignedIn> {
  const profile = await profileFor(email, d);
  const vault = tokensInKeychainOrMemory(d.vault);
  const session = await signIn({
    issuer: profile.issuer,
    clientId: profile.client_id,
    scopes: profile.scopes,
    openBrowser: d.openExternal,
    loginHint: email,
    signal,
    vault,
    env: d.env,
    ...(d.signInTimeoutMs ? { timeoutMs: d.signInTimeoutMs } : {}),
  });
  const tokens = createTokenSource(session, { vault, env: d.env });
  const partial: SignInState = {
    issuer: session.issuer,
    clientId: session.clientId,
    sub: session.sub,
    email: session.email ?? email,
    mailbox: '',
    broker: profile.broker,
    profile,
    signedInAt: new Date().toISOString(),
  };
  const signedIn = await connect(partial, tokens, d);
  const state = { ...partial, mailbox: signedIn.me.mailbox.toLowerCase() };
  // Another mailbox of the same organisation is said by the app; another domain is refused.
  if (domainOf(state.mailbox) !== domainOf(email)) {
    await signOut(tokens, vault, { env: d.env }).catch(() => undefined);
    throw new AppPassError(
      'account_other_domain',
      `You signed in as ${state.mailbox}, which is not an address at ${domainOf(email)}; sign in with your ${domainOf(email)} account.`,
      'auth',
    );
  }
  await writeSignInState(d.dataDir, state);
  return { ...signedIn, state };
}

/** The sign-in kept from an earlier run (state file + refresh token in the keychain), or null. */
export async function restoreSignIn(d: SessionDeps): Promise<SignedIn | null> {
  const state = await readSignInState(d.dataDir);
  if (!state) return null;
  const tokens = await restoreSession({
    issuer: state.issuer,
    clientId: state.clientId,
    sub: state.sub,
    vault: tokensInKeychainOrMemory(d.vault),
    env: d.env,
  });
  return tokens ? connect(state, tokens, d) : null;
}

/** Revokes the refresh token where the IdP allows, deletes it and the state file. */
export async function forgetSignIn(s: SignedIn | null, d: SessionDeps): Promise<void> {
  try {
    if (s) await signOut(s.tokens, tokensInKeychainOrMemory(d.vault), { env: d.env });
  } finally {
    await clearSignInState(d.dataDir);
  }
}
