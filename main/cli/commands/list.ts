import type { Command } from '../command.js';
import { shortName, usage } from '../args.js';
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
