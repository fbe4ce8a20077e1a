import type { Account } from '../core/account/account.js';
import { notSignedIn, restoreAccount, type AccountDeps } from '../core/account/session.js';
import { createVault, defaultDataDir } from '../core/vault/index.js';
import type { CliContext } from './command.js';
import { progress } from './output.js';
import { errorText } from './render/errors.js';

/** The device the command runs on: data folder, keychain, environment, progress on stderr. */
export function accountDeps(ctx: CliContext): AccountDeps {
  return {
    dataDir: defaultDataDir(ctx.env),
    vault: createVault(),
    env: ctx.env,
    progress: progress(ctx),
    failureText: errorText,
  };
}

/**
 * Restores the sign-in from the state file and the refresh token in the keychain; throws
 * `not_signed_in` (exit 3) when there is none. With `signInWithoutKeychain`, a missing keychain
 * leads to a fresh sign-in in this process instead (the URL is printed on stderr).
 */
export async function requireSignIn(
  ctx: CliContext,
  o: { signInWithoutKeychain?: boolean } = {},
): Promise<Account> {
  const account = await restoreAccount(accountDeps(ctx), {
    withoutKeychain: o.signInWithoutKeychain
      ? {
          openBrowser: async (url) =>
            ctx.err(
              `No keychain holds your sign-in; open this address in a browser to sign in:\n${url}`,
            ),
        }
      : 'fail',
  });
  if (!account) throw notSignedIn();
  return account;
}

/** Says what became of creates an earlier run did not finish (stored, or orphans to revoke). */
async function settleCreates(a: Account, ctx: CliContext): Promise<void> {
  for (const c of await a.settleCreates()) {
    if (c.status === 'stored')
      ctx.err(`Interrupted create of "${c.name}": finished, password ${c.ids.join(', ')} stored.`);
    else if (c.status === 'orphaned')
      ctx.err(
        `Interrupted create of "${c.name}" left password ${c.ids.join(', ')} on the server, but its secret was lost; revoke it with \`apppass revoke ${c.ids.join(' ')}\`.`,
      );
  }
}

/**
 * Finishes, or reports on stderr, what an interrupted earlier run left: creates, then
 * rotations (never asking anything).
 */
export async function settleInterrupted(a: Account, ctx: CliContext): Promise<void> {
  await settleCreates(a, ctx);
  for (const r of await a.settleRotations()) {
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
