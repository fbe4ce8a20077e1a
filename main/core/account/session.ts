import type { DiscoveryDocument } from '../../../protocol/discovery.js';
import type { Note } from '../../../protocol/messages.js';
import {
  authorizationHints,
  clearSignInState,
  createTokenSource,
  readSignInState,
  restoreSession,
  signIn,
  signOut,
  writeSignInState,
  type PageWording,
  type Session,
  type SignInState,
  type SignOutResult,
  type TokenSource,
} from '../auth/index.js';
import { createBrokerClient } from '../broker/index.js';
import { discover, type DiscoverOptions } from '../discovery/discover.js';
import { AppPassError } from '../errors.js';
import {
  KeychainUnavailableError,
  openPasswordIndex,
  withDataDirLock,
  type Vault,
} from '../vault/index.js';
import { Account } from './account.js';
import { keychainOrMemory } from './tokens.js';

/** What every account use case needs of the device; one per process (command run or app). */
export interface AccountDeps {
  /** Folder for the sign-in state, the non-secret index and the rotation journal. */
  dataDir: string;
  vault: Vault;
  env: NodeJS.ProcessEnv;
  /** Extra CA certificates (PEM) for the mail servers' logins. */
  ca?: string[];
  /** Progress for people (the command's stderr), as codes the face words; never a secret. */
  progress?: (note: Note) => void;
  /** The face's wording of the page the browser shows after a sign-in. */
  signInPage?: PageWording;
}

/** A refresh, like every write to the data directory, waits for the other app or command. */
const exclusive =
  (d: AccountDeps) =>
  <T>(work: () => Promise<T>): Promise<T> =>
    withDataDirLock(d.dataDir, work);

const domainOf = (address: string): string =>
  address.slice(address.lastIndexOf('@') + 1).toLowerCase();

export const notSignedIn = (): AppPassError => new AppPassError('not_signed_in', 'auth');

/**
 * The discovery document for signing in: the given `config` document alone when there is one,
 * else what discovery finds for `email`; `no_profile` (usage) naming what was tried otherwise.
 */
export async function profileFor(
  email: string,
  o: Omit<DiscoverOptions, 'signal'> & { env: NodeJS.ProcessEnv },
): Promise<DiscoveryDocument> {
  const result = await discover(email, o);
  if (result.profile) return result.profile;
  // which sources were asked; `apppass discover` shows what each of them said
  const tried = [...new Set(result.sources.map((s) => s.source))].join(', ');
  throw new AppPassError('no_profile', 'usage', { params: { email: result.email, tried } });
}

/** The broker client, /v1/me when asked, and the index: an Account for `state`. */
async function connect(
  d: AccountDeps,
  state: SignInState,
  tokens: TokenSource,
  o: { me: boolean },
): Promise<Account> {
  const broker = createBrokerClient({ baseUrl: state.broker, tokens, env: d.env });
  const me = o.me ? await broker.me() : null;
  const index = await openPasswordIndex(d.dataDir);
  return new Account({ ...d, state, me, tokens, broker, index });
}

export interface SignInInput {
  email: string;
  profile: DiscoveryDocument;
  /** Shows the authorization URL: the system browser, or a line on stderr. */
  openBrowser(url: string): Promise<void>;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** This sign-in's page wording (the desktop app's language), over `AccountDeps.signInPage`. */
  page?: PageWording;
}

/** A previous other account's refresh token must not outlive its sign-in on this device. */
async function forgetPreviousAccount(d: AccountDeps, session: Session): Promise<void> {
  const previous = await readSignInState(d.dataDir);
  if (previous && (previous.issuer !== session.issuer || previous.sub !== session.sub)) {
    // Best effort: a keychain hiccup here must not undo a successful sign-in.
    await d.vault.deleteRefreshToken(previous.issuer, previous.sub).catch(() => undefined);
  }
}

/**
 * Signs in at the IdP (system browser, PKCE), asks the broker which mailbox it acts on, and
 * records the sign-in (state file; refresh token in the keychain, or in memory for this run
 * when there is none). A previously signed-in other account loses its refresh token.
 */
export async function signInAccount(d: AccountDeps, input: SignInInput): Promise<Account> {
  const { profile, email } = input;
  const vault = keychainOrMemory(d.vault);
  const page = input.page ?? d.signInPage;
  const session = await signIn({
    issuer: profile.issuer,
    clientId: profile.client_id,
    scopes: profile.scopes,
    openBrowser: input.openBrowser,
    loginHint: email,
    request: authorizationHints(profile),
    vault,
    env: d.env,
    ...(page ? { page } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
    ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}),
  });
  const tokens = createTokenSource(session, { vault, env: d.env, exclusive: exclusive(d) });
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
  const connected = await connect(d, partial, tokens, { me: true });
  const state = { ...partial, mailbox: (connected.me?.mailbox ?? '').toLowerCase() };
  // Another mailbox of the organisation is said by the app; another domain is refused.
  if (domainOf(state.mailbox) !== domainOf(email)) {
    await signOut(tokens, vault, { env: d.env }).catch(() => undefined);
    throw new AppPassError('account_other_domain', 'auth', {
      params: { actual: state.mailbox, domain: domainOf(email) },
    });
  }
  await withDataDirLock(d.dataDir, async () => {
    await forgetPreviousAccount(d, session);
    await writeSignInState(d.dataDir, state);
  });
  return connected.signedInAs(state);
}

export interface RestoreOptions {
  /** Also ask the broker's /v1/me (the desktop app shows name and allowed scopes). */
  me?: boolean;
  /**
   * No keychain holds the refresh token: 'signed-out' (the desktop app asks to sign in), 'fail'
   * (the error says what to install), or a fresh sign-in whose tokens stay in memory.
   */
  withoutKeychain: 'signed-out' | 'fail' | { openBrowser(url: string): Promise<void> };
}

/** The sign-in kept from an earlier run (state file + refresh token), or null when none. */
export async function restoreAccount(d: AccountDeps, o: RestoreOptions): Promise<Account | null> {
  const state = await readSignInState(d.dataDir);
  if (!state) return null;
  const strategy = o.withoutKeychain;
  const vault = strategy === 'signed-out' ? keychainOrMemory(d.vault) : d.vault;
  const restore = restoreSession({
    issuer: state.issuer,
    clientId: state.clientId,
    sub: state.sub,
    vault,
    env: d.env,
    exclusive: exclusive(d),
  });
  const tokens = await restore.catch((error: unknown) => {
    if (!(error instanceof KeychainUnavailableError) || typeof strategy !== 'object') throw error;
    return signInAgain(d, state, strategy.openBrowser);
  });
  return tokens ? connect(d, state, tokens, { me: o.me === true }) : null;
}

/** Without a keychain nothing survives between runs: sign in again, tokens in memory only. */
async function signInAgain(
  d: AccountDeps,
  state: SignInState,
  openBrowser: (url: string) => Promise<void>,
): Promise<TokenSource> {
  const session = await signIn({
    issuer: state.issuer,
    clientId: state.clientId,
    scopes: state.profile.scopes.filter((scope) => scope !== 'offline_access'),
    loginHint: state.email,
    request: authorizationHints(state.profile),
    env: d.env,
    openBrowser,
    ...(d.signInPage ? { page: d.signInPage } : {}),
  });
  if (session.sub !== state.sub) throw notSignedIn();
  return createTokenSource(session, { vault: d.vault, env: d.env, exclusive: exclusive(d) });
}

/**
 * Forgets the sign-in on this device: revokes the refresh token where the IdP allows, deletes
 * it from the keychain and removes the state file. `wasSignedIn` false: there was nothing;
 * `revocation` says what the IdP did with the refresh token.
 */
export async function signOutAccount(
  d: AccountDeps,
  account: Account | null,
): Promise<{ wasSignedIn: boolean } & SignOutResult> {
  const state = account?.state ?? (await readSignInState(d.dataDir));
  if (!state) return { wasSignedIn: false, revoked: false, revocation: 'no_token' };
  const from = account?.tokens ?? {
    issuer: state.issuer,
    clientId: state.clientId,
    sub: state.sub,
    email: state.email,
    accessToken: '',
    accessTokenExpiresAt: 0,
  };
  try {
    const result = await signOut(from, keychainOrMemory(d.vault), { env: d.env });
    return { wasSignedIn: true, ...result };
  } finally {
    await withDataDirLock(d.dataDir, () => clearSignInState(d.dataDir));
  }
}
