import type { AppPassword } from '../../core/broker/index.js';
import type { Command } from '../command.js';
import { shortName, usage } from '../args.js';
import { tellsLastUse } from '../../core/last-use.js';
import { lastUseText, NOT_SEEN_NOTE, STALE_NOTE } from '../last-use-text.js';
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
      const lastUse = tellsLastUse(items);
      const rows = items.map((p) => [
        `${p.storedOnDevice ? '*' : ' '}${p.stale ? '!' : ' '}${p.id}`,
        p.name,
        p.protocols.map(shortName).join(','),
        p.active ? 'active' : 'inactive',
        p.created,
        ...(lastUse ? [lastUseText(p.lastUsed)] : []),
      ]);
      const header = [
        '   ID',
        'NAME',
        'PROTOCOLS',
        'STATE',
        'CREATED',
        ...(lastUse ? ['LAST USE'] : []),
      ];
      const notes = [
        '* stored on this device',
        ...(items.some((p) => p.stale) ? [STALE_NOTE] : []),
        ...(lastUse ? [NOT_SEEN_NOTE] : []),
      ];
      return `${table(header, rows)}\n\n${notes.join('\n')}`;
    });
    return 0;
  },
};
