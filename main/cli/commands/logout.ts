import { signOutAccount } from '../../core/account/session.js';
import type { Command } from '../command.js';
import { usage } from '../args.js';
import { emit } from '../output.js';
import { accountDeps } from '../services.js';

export const logoutCommand: Command = {
  options: {},
  async run(positionals, _values, ctx) {
    if (positionals.length) throw usage('`apppass logout` takes no arguments.');
    const { wasSignedIn, revoked } = await signOutAccount(accountDeps(ctx), null);
    emit(ctx, { signedOut: true, wasSignedIn, revoked }, () =>
      !wasSignedIn
        ? 'You were not signed in.'
        : revoked
          ? 'Signed out; the refresh token was revoked at the identity provider.'
          : 'Signed out on this device (the identity provider did not confirm revoking the refresh token).',
    );
    return 0;
  },
};
