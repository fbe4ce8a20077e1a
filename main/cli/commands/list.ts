import type { Command } from '../command.js';
import { shortName, usage } from '../args.js';
import { tellsLastUse } from '../../core/last-use.js';
import { lastUseText, NOT_SEEN_NOTE, STALE_NOTE } from '../last-use-text.js';
import { emit, table } from '../output.js';
import { requireSignIn, settleInterrupted } from '../services.js';

export const listCommand: Command = {
  options: {},
  async run(positionals, _values, ctx) {
    if (positionals.length) throw usage('`apppass list` takes no arguments.');
    const a = await requireSignIn(ctx);
    await settleInterrupted(a, ctx);
    const items = await a.listPasswords();
    emit(ctx, { mailbox: a.mailbox, appPasswords: items }, () => {
      if (items.length === 0) return `No app passwords on ${a.mailbox}.`;
      const lastUse = tellsLastUse(items);
      const rows = items.map((p) => [
        `${p.storedOnDevice ? '*' : ' '}${p.stale ? '!' : ' '}${p.id}`,
        p.name,
        p.protocols.map(shortName).join(','),
        p.active ? 'active' : 'inactive',
        p.created,
        ...(lastUse ? [lastUseText(p.lastUsed)] : []),
      ]);
      const header = ['   ID', 'NAME', 'PROTOCOLS', 'STATE', 'CREATED'];
      const notes = [
        '* stored on this device',
        ...(items.some((p) => p.stale) ? [STALE_NOTE] : []),
        ...(lastUse ? [NOT_SEEN_NOTE] : []),
      ];
      return `${table(lastUse ? [...header, 'LAST USE'] : header, rows)}\n\n${notes.join('\n')}`;
    });
    return 0;
  },
};
