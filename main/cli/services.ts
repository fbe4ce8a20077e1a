import { createBrokerClient, type BrokerClient } from '../core/broker/index.js';
import {
  createTokenSource,
  readSignInState,
  restoreSession,
  authorizationHints,
  signIn,
  type SignInState,
  type TokenSource,
} from '../core/auth/index.js';
import { AppPassError } from '../core/errors.js';
import {
  loginVerifier,
  createRotationManager,
  type RotationManager,
} from '../core/rotation/index.js';
import {
  createVault,
  defaultDataDir,
  KeychainUnavailableError,
  openPasswordIndex,
  type PasswordIndex,
  type Vault,
} from '../core/vault/index.js';
import type { CliContext } from './command.js';
import { progress } from './output.js';

/** Everything a command needs once the user is signed in. */
export interface SignedIn {
  state: SignInState;
  mailbox: string;
  dataDir: string;
  broker: BrokerClient;
  vault: Vault;
  index: PasswordIndex;
}

export function notSignedIn(): AppPassError {
  return new AppPassError(
    'not_signed_in',
    'You are not signed in; run `apppass login <email>` first.',
    'auth',
  );
}

export function dataDirOf(ctx: CliContext): string {
  return defaultDataDir(ctx.env);
}

/**
 * Restores the sign-in from the state file and the refresh token in the keychain; throws
 * `not_signed_in` (exit 3) when there is none. With `signInWithoutKeychain`, a missing keychain
 * leads to a fresh sign-in in this process instead (the URL is printed on stderr).
 */
export async function requireSignIn(
  ctx: CliContext,
  o: { signInWithoutKeychain?: boolean } = {},
): Promise<SignedIn> {
  const dataDir = dataDirOf(ctx);
  const state = await readSignInState(dataDir);
  if (!state) throw notSignedIn();
  const vault = createVault();
  const restore = restoreSession({
    issuer: state.issuer,
    clientId: state.clientId,
    sub: state.sub,
    vault,
    env: ctx.env,
  });
  const tokens = await restore.catch((error: unknown) => {
    if (!(error instanceof KeychainUnavailableError) || !o.signInWithoutKeychain) throw error;
    return signInAgain(state, vault, ctx);
  });
  if (!tokens) throw notSignedIn();
  const broker = createBrokerClient({ baseUrl: state.broker, tokens, env: ctx.env });
  return {
    state,
    mailbox: state.mailbox,
    dataDir,
    broker,
    vault,
    index: await openPasswordIndex(dataDir),
  };
}

/** Without a keychain nothing survives between runs: sign in again, tokens kept in memory only. */
async function signInAgain(
  state: SignInState,
  vault: Vault,
  ctx: CliContext,
): Promise<TokenSource> {
  const session = await signIn({
    issuer: state.issuer,
    clientId: state.clientId,
    scopes: state.profile.scopes.filter((scope) => scope !== 'offline_access'),
    request: authorizationHints(state.profile),
    loginHint: state.email,
    env: ctx.env,
    openBrowser: async (url) => {
      ctx.err(`No keychain holds your sign-in; open this address in a browser to sign in:\n${url}`);
    },
  });
  if (session.sub !== state.sub) throw notSignedIn();
  return createTokenSource(session, { vault, env: ctx.env });
}

export function rotationManagerFor(s: SignedIn, ctx: CliContext): RotationManager {
  return createRotationManager({
    dataDir: s.dataDir,
    mailbox: s.mailbox,
    broker: s.broker,
    vault: s.vault,
    index: s.index,
    verify: loginVerifier(s.state.profile.mail),
    progress: progress(ctx),
  });
}

/**
 * Finishes or reconciles rotations an earlier run left behind (never asking anything); reports
 * what happened on stderr. A failure here does not stop the command the user asked for.
 */
export async function settleRotations(s: SignedIn, ctx: CliContext): Promise<void> {
  const manager = rotationManagerFor(s, ctx);
  if ((await manager.pending()).length === 0) return;
  for (const r of await manager.resumeRotations()) {
    if ('error' in r)
      ctx.err(
        `Could not finish the interrupted rotation of password ${r.oldId}: ${r.error.message}`,
      );
    else if (r.status === 'awaiting-confirmation')
      ctx.err(
        `Rotation of password ${r.oldId} waits for you: run \`apppass rotate ${r.oldId}\` to finish it.`,
      );
    else
      ctx.err(
        `Interrupted rotation of password ${r.oldId}: ${r.status}${r.note ? ` (${r.note})` : ''}.`,
      );
  }
}
