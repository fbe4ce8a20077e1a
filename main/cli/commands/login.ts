import { signInAccount } from '../../core/account/session.js';
import { openSystemBrowser } from '../browser.js';
import type { CliContext, Command } from '../command.js';
import { usage } from '../args.js';
import { emit, progress } from '../output.js';
import { profileFor } from '../profile.js';
import { errorText } from '../render/errors.js';
import { accountDeps } from '../services.js';

function browserOpener(ctx: CliContext, noBrowser: boolean): (url: string) => Promise<void> {
  return async (url) => {
    if (noBrowser) {
      ctx.err(`Open this address in a browser to sign in:\n${url}`);
      return;
    }
    progress(ctx)('Opening your browser to sign in…');
    await openSystemBrowser(url);
  };
}

/** Ctrl-C during the wait for the browser cancels the sign-in cleanly. */
function cancelOnInterrupt(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.removeListener('SIGINT', onSigint) };
}

export const loginCommand: Command = {
  options: { 'no-browser': { type: 'boolean' } },
  async run(positionals, values, ctx) {
    const [email, ...rest] = positionals;
    if (!email || rest.length) throw usage('Give your email address: apppass login <email>.');
    const profile = await profileFor(email, ctx);
    const deps = accountDeps(ctx);
    const keychain = await deps.vault.probe();
    if (!keychain.available) {
      ctx.err(
        `${errorText(keychain.error)} You will have to sign in again for each command, and new passwords can only be shown once (apppass create --show).`,
      );
    }
    const interrupt = cancelOnInterrupt();
    const account = await signInAccount(deps, {
      email,
      profile,
      openBrowser: browserOpener(ctx, values['no-browser'] === true),
      signal: interrupt.signal,
    }).finally(() => interrupt.dispose());
    if (keychain.available && !account.tokens.session().refreshToken)
      ctx.err(
        'Note: the identity provider granted no refresh token; you will have to sign in again soon.',
      );
    const summary = {
      signedIn: true,
      email: account.state.email,
      mailbox: account.me?.mailbox ?? account.mailbox,
      issuer: account.state.issuer,
      broker: profile.broker,
    };
    emit(
      ctx,
      summary,
      () => `Signed in as ${summary.email}; app passwords are managed for ${summary.mailbox}.`,
    );
    return 0;
  },
};
