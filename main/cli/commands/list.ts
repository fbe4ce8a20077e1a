import type { AppPassword } from '../../core/broker/index.js';
import type { Command } from '../command.js';
import { shortName, usage } from '../args.js';
import { emit, table } from '../output.js';
import { requireSignIn, settleRotations, type SignedIn } from '../services.js';

export interface ListedPassword extends AppPassword {
  /** In this device's index and its secret in the keychain. */
  storedOnDevice: boolean;
}

async function markStored(s: SignedIn, items: AppPassword[]): Promise<ListedPassword[]> {
  const indexed = new Set((await s.index.list(s.mailbox)).map((e) => e.id));
  return Promise.all(
    items.map(async (p) => ({
      ...p,
      storedOnDevice: indexed.has(p.id) && Boolean(await s.vault.readAppPassword(s.mailbox, p.id)),
    })),
  );
}

export const listCommand: Command = {
  options: {},
  async run(positionals, _values, ctx) {
    if (positionals.length) throw usage('`apppass list` takes no arguments.');
    const s = await requireSignIn(ctx);
    await settleRotations(s, ctx);
    const items = await markStored(s, await s.broker.listAppPasswords());
    emit(ctx, { mailbox: s.mailbox, appPasswords: items }, () => {
      if (items.length === 0) return `No app passwords on ${s.mailbox}.`;
      const rows = items.map((p) => [
        `${p.storedOnDevice ? '*' : ' '} ${p.id}`,
        p.name,
        p.protocols.map(shortName).join(','),
        p.active ? 'active' : 'inactive',
        p.created,
      ]);
      return `${table(['  ID', 'NAME', 'PROTOCOLS', 'STATE', 'CREATED'], rows)}\n\n* stored on this device`;
    });
    return 0;
  },
};
