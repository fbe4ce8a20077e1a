import type { CreatedAppPassword } from '../../core/broker/index.js';
import { AppPassError } from '../../core/errors.js';
import { createVault } from '../../core/vault/index.js';
import type { Command, CliContext } from '../command.js';
import { parseProtocols, shortName, str, usage } from '../args.js';
import { emit, progress } from '../output.js';
import { requireSignIn, settleRotations, type SignedIn } from '../services.js';

/**
 * Without a keychain the password can only be shown once. Checked before creating anything,
 * so a refusal leaves nothing behind on the server.
 */
async function keychainReady(show: boolean, ctx: CliContext): Promise<boolean> {
  const probe = await createVault().probe();
  if (probe.available) return true;
  if (!show) {
    throw new AppPassError(
      'keychain_unavailable',
      `${probe.reason} Run again with --show to see the new password once and copy it into your mail client, or with --no-store.`,
    );
  }
  ctx.err(
    'No keychain is available: the password is shown once below and not stored on this device.',
  );
  return false;
}

/** Keychain + index; if the keychain fails now, the new password is revoked again (never lost). */
async function store(s: SignedIn, created: CreatedAppPassword): Promise<void> {
  try {
    await s.vault.storeAppPassword(s.mailbox, created.id, created.password);
  } catch (error) {
    await s.broker.deleteAppPassword(created.id, { missingOk: true });
    throw error;
  }
  await s.index.upsert({
    mailbox: s.mailbox,
    id: created.id,
    name: created.name,
    protocols: created.protocols,
    created: created.created,
    verifiedAt: null,
  });
}

export const createCommand: Command = {
  options: {
    name: { type: 'string' },
    protocols: { type: 'string' },
    'no-store': { type: 'boolean' },
    show: { type: 'boolean' },
  },
  async run(positionals, values, ctx) {
    const name = str(values.name)?.trim();
    if (positionals.length) throw usage('`apppass create` takes no positional arguments.');
    if (!name) throw usage('Give a name for the new password: --name "Thunderbird on laptop".');
    const protocols = parseProtocols(str(values.protocols) ?? '');
    const noStore = values['no-store'] === true;
    let stored = false;
    let show = values.show === true;
    if (!noStore) {
      stored = await keychainReady(show, ctx);
    } else if (!show) {
      show = true; // not stored anywhere: showing it once is the only way to use it
      ctx.err(
        'Warning: --no-store: the password is shown once now and not kept anywhere; copy it into your mail client.',
      );
    }
    const s = await requireSignIn(ctx, { signInWithoutKeychain: true });
    if (stored) await settleRotations(s, ctx);
    progress(ctx)(`Creating app password "${name}"…`);
    const created = await s.broker.createAppPassword({ name, protocols });
    if (stored) await store(s, created);
    const { password, ...meta } = created;
    emit(ctx, { ...meta, storedOnDevice: stored, ...(show ? { password } : {}) }, () =>
      [
        `Created app password ${created.id} "${created.name}" (${created.protocols.map(shortName).join(', ')})${stored ? ', stored in the keychain' : ''}.`,
        ...(show ? [`Password: ${password}`] : []),
      ].join('\n'),
    );
    return 0;
  },
};
