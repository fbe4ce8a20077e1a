import {
  createTokenSource,
  readSignInState,
  authorizationHints,
  signIn,
  writeSignInState,
  type Session,
} from '../../core/auth/index.js';
import { createBrokerClient } from '../../core/broker/index.js';
import type { DiscoveryDocument } from '../../core/discovery/profile.js';
import { createVault, type Vault } from '../../core/vault/index.js';
import { openSystemBrowser } from '../browser.js';
import type { CliContext, Command } from '../command.js';
import { usage } from '../args.js';
import { emit, progress } from '../output.js';
import { profileFor } from '../profile.js';
import { dataDirOf } from '../services.js';

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

/** Writes the non-secret state file; a previously signed-in other account loses its token. */
async function recordSignIn(
  ctx: CliContext,
  vault: Vault,
  o: { session: Session; email: string; mailbox: string; profile: DiscoveryDocument },
): Promise<void> {
  const dataDir = dataDirOf(ctx);
  const previous = await readSignInState(dataDir);
  const { session } = o;
  await writeSignInState(dataDir, {
    issuer: session.issuer,
    clientId: session.clientId,
    sub: session.sub,
    email: session.email ?? o.email,
    mailbox: o.mailbox.toLowerCase(),
    broker: o.profile.broker,
    profile: o.profile,
    signedInAt: new Date().toISOString(),
  });
  if (previous && (previous.issuer !== session.issuer || previous.sub !== session.sub)) {
    // Best effort: a keychain hiccup here must not undo a successful sign-in.
    await vault.deleteRefreshToken(previous.issuer, previous.sub).catch(() => undefined);
  }
}

export const loginCommand: Command = {
  options: { 'no-browser': { type: 'boolean' } },
  async run(positionals, values, ctx) {
    const [email, ...rest] = positionals;
    if (!email || rest.length) throw usage('Give your email address: apppass login <email>.');
    const profile = await profileFor(email, ctx);
    const vault = createVault();
    const keychain = await vault.probe();
    if (!keychain.available) {
      ctx.err(
        `${keychain.reason} You will have to sign in again for each command, and new passwords can only be shown once (apppass create --show).`,
      );
    }
    const interrupt = cancelOnInterrupt();
    const session = await signIn({
      issuer: profile.issuer,
      clientId: profile.client_id,
      scopes: profile.scopes,
      openBrowser: browserOpener(ctx, values['no-browser'] === true),
      request: authorizationHints(profile),
      loginHint: email,
      signal: interrupt.signal,
      ...(keychain.available ? { vault } : {}),
      env: ctx.env,
    }).finally(() => interrupt.dispose());
    const broker = createBrokerClient({
      baseUrl: profile.broker,
      tokens: createTokenSource(session, { vault, env: ctx.env }),
      env: ctx.env,
    });
    const me = await broker.me();
    await recordSignIn(ctx, vault, { session, email, mailbox: me.mailbox, profile });
    if (keychain.available && !session.refreshToken)
      ctx.err(
        'Note: the identity provider granted no refresh token; you will have to sign in again soon.',
      );
    const summary = {
      signedIn: true,
      email: session.email ?? email,
      mailbox: me.mailbox,
      issuer: session.issuer,
      broker: profile.broker,
    };
    emit(
      ctx,
      summary,
      () => `Signed in as ${summary.email}; app passwords are managed for ${me.mailbox}.`,
    );
    return 0;
  },
};
