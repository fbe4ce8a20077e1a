import {
  clearSignInState,
  readSignInState,
  signOut,
  type SignOutResult,
} from '../../core/auth/index.js';
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
        { signedOut: true, wasSignedIn: false, revoked: false, revocation: 'no_token' },
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
    const result = await signOut(session, createVault(), { env: ctx.env }).catch(
      (error: unknown): SignOutResult => {
        // Without a keychain no refresh token was kept: forgetting the state file is the sign-out.
        if (error instanceof KeychainUnavailableError)
          return { revoked: false, revocation: 'no_token' };
        throw error;
      },
    );
    await clearSignInState(dataDir);
    emit(ctx, { signedOut: true, wasSignedIn: true, ...result }, () => signedOutText(result));
    return 0;
  },
};

/** What the IdP did with the refresh token, plainly: "signed out" alone only when it is gone. */
function signedOutText(r: SignOutResult): string {
  switch (r.revocation) {
    case 'revoked':
      return 'Signed out; the refresh token was revoked at the identity provider.';
    case 'kept':
      return `Signed out on this device, but the identity provider kept the refresh token (it refused to revoke it: ${r.idpError ?? 'error'}); it stays valid until it expires. authentik before 2025.2 does this for apps without a client secret: an administrator can end the session in authentik.`;
    case 'not_offered':
      return 'Signed out on this device; the identity provider offers no revocation, so the refresh token stays valid until it expires.';
    case 'unreachable':
      return 'Signed out on this device; the identity provider could not be reached to revoke the refresh token, so it stays valid until it expires.';
    case 'no_token':
      return 'Signed out on this device.';
  }
}
