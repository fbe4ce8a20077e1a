import { clearSignInState, readSignInState, signOut } from '../../core/auth/index.js';
import { createVault, KeychainUnavailableError } from '../../core/vault/index.js';
import type { Command } from '../command.js';
import { usage } from '../args.js';
import { emit } from '../output.js';
import { dataDirOf } from '../services.js';

export const logoutCommand: Command = {
  options: {},
  async run(positionals, _values, ctx) {
    if (positionals.length) throw usage('`apppass logout` takes no arguments.');
    const dataDir = dataDirOf(ctx);
    const state = await readSignInState(dataDir);
    if (!state) {
      emit(
        ctx,
        { signedOut: true, wasSignedIn: false, revoked: false },
        () => 'You were not signed in.',
      );
      return 0;
    }
    const session = {
      issuer: state.issuer,
      clientId: state.clientId,
      sub: state.sub,
      email: state.email,
      accessToken: '',
      accessTokenExpiresAt: 0,
    };
    const { revoked } = await signOut(session, createVault(), { env: ctx.env }).catch(
      (error: unknown) => {
        // Without a keychain no refresh token was kept: forgetting the state file is the sign-out.
        if (error instanceof KeychainUnavailableError) return { revoked: false };
        throw error;
      },
    );
    await clearSignInState(dataDir);
    emit(ctx, { signedOut: true, wasSignedIn: true, revoked }, () =>
      revoked
        ? 'Signed out; the refresh token was revoked at the identity provider.'
        : 'Signed out on this device (the identity provider did not confirm revoking the refresh token).',
    );
    return 0;
  },
};
