import { AppPassError } from '../../core/errors.js';
import { MOBILECONFIG_TEXT_EN } from '../render/mobileconfig.js';
import { accountMobileconfig, writeMobileconfig } from '../../core/setup/account-profile.js';
import type { Command, CliContext } from '../command.js';
import { parseProtocols, shortName, str, usage } from '../args.js';
import { emit, progress } from '../output.js';
import { accountDeps, requireSignIn, settleInterrupted } from '../services.js';

/**
 * Without a keychain the password can only be shown once. Checked before creating anything,
 * so a refusal leaves nothing behind on the server.
 */
async function keychainReady(show: boolean, ctx: CliContext): Promise<boolean> {
  const probe = await accountDeps(ctx).vault.probe();
  if (probe.available) return true;
  // A locked keychain is unlocked and tried again, not worked around.
  if (probe.error.code === 'keychain_locked') throw probe.error;
  if (!show) {
    throw new AppPassError('keychain_unavailable', 'failed', {
      params: { ...probe.error.params, then: 'create' },
    });
  }
  ctx.err(
    'No keychain is available: the password is shown once below and not stored on this device.',
  );
  return false;
}

export const createCommand: Command = {
  options: {
    name: { type: 'string' },
    protocols: { type: 'string' },
    'no-store': { type: 'boolean' },
    show: { type: 'boolean' },
    mobileconfig: { type: 'string' },
    'mobileconfig-password': { type: 'boolean' },
  },
  async run(positionals, values, ctx) {
    const name = str(values.name)?.trim();
    if (positionals.length) throw usage('`apppass create` takes no positional arguments.');
    if (!name) throw usage('Give a name for the new password: --name "Thunderbird on laptop".');
    const protocols = parseProtocols(str(values.protocols) ?? '');
    // An Apple Mail / iOS profile for the new password; the password goes in only if asked.
    const profileFile = str(values.mobileconfig);
    const profilePassword = values['mobileconfig-password'] === true;
    if (profilePassword && !profileFile)
      throw usage('--mobileconfig-password needs --mobileconfig <file>.');
    const noStore = values['no-store'] === true;
    let store = false;
    let show = values.show === true;
    if (!noStore) {
      store = await keychainReady(show, ctx);
    } else if (!show) {
      show = true; // not stored anywhere: showing it once is the only way to use it
      ctx.err(
        'Warning: --no-store: the password is shown once now and not kept anywhere; copy it into your mail client.',
      );
    }
    const a = await requireSignIn(ctx, { signInWithoutKeychain: true });
    await settleInterrupted(a, ctx);
    progress(ctx)(`Creating app password "${name}"…`);
    // If the keychain fails now, the new password is revoked again (never lost, never half-kept).
    const { created, stored } = await a.createPassword(
      { name, protocols },
      { store, onStoreFailure: 'revoke' },
    );
    const { password, ...meta } = created;
    if (profileFile) {
      const text = accountMobileconfig(
        a,
        MOBILECONFIG_TEXT_EN,
        profilePassword ? password : undefined,
      );
      await writeMobileconfig(profileFile, text);
    }
    const profile = profileFile ? { mobileconfig: profileFile } : {};
    emit(ctx, { ...meta, storedOnDevice: stored, ...profile, ...(show ? { password } : {}) }, () =>
      [
        `Created app password ${created.id} "${created.name}" (${created.protocols.map(shortName).join(', ')})${stored ? ', stored in the keychain' : ''}.`,
        ...(profileFile
          ? [
              `Apple Mail / iOS profile written to ${profileFile}${profilePassword ? ' (with the password: delete it after installing)' : ' (Apple asks for the password on install)'}.`,
            ]
          : []),
        ...(show ? [`Password: ${password}`] : []),
      ].join('\n'),
    );
    return 0;
  },
};
