import { signOutAccount } from '../../core/account/session.js';
import type { SignOutResult } from '../../core/auth/index.js';
import type { Command } from '../command.js';
import { usage } from '../args.js';
import { emit } from '../output.js';
import { accountDeps } from '../services.js';

export const logoutCommand: Command = {
  options: {},
  async run(positionals, _values, ctx) {
    if (positionals.length) throw usage('`apppass logout` takes no arguments.');
    const result = await signOutAccount(accountDeps(ctx), null);
    emit(ctx, { signedOut: true, ...result }, () =>
      result.wasSignedIn ? signedOutText(result) : 'You were not signed in.',
    );
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
