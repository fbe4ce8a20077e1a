import type { Account } from '../../core/account/account.js';
import { stalePasswords } from '../../core/last-use.js';
import type { CliContext, Command } from '../command.js';
import { lastUseText } from '../last-use-text.js';
import { askYesNo } from '../prompt.js';
import { parseId, usage } from '../args.js';
import { emit, progress, REVOKE_DELAY_NOTE } from '../output.js';
import { requireSignIn, settleInterrupted } from '../services.js';

/** The stale ones, after the user saw the list and said yes (or gave --yes). */
async function confirmedStale(a: Account, ctx: CliContext, yes: boolean): Promise<number[]> {
  const all = await a.listPasswords();
  if (!all.some((p) => p.stale !== undefined))
    throw usage('This broker does not tell which passwords are stale; give ids instead.');
  const stale = stalePasswords(all);
  if (!stale.length) return [];
  const lines = stale.map((p) => `  ${p.id}  ${p.name}  (${lastUseText(p.lastUsed)})`);
  ctx.err(`Stale app passwords that would be revoked:\n${lines.join('\n')}`);
  if (yes) return stale.map((p) => p.id);
  return (await askYesNo(ctx, `Revoke these ${stale.length}?`)) ? stale.map((p) => p.id) : [];
}

export const revokeCommand: Command = {
  options: {
    all: { type: 'boolean' },
    stale: { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
  },
  async run(positionals, values, ctx) {
    const modes = [values.all === true, values.stale === true, positionals.length > 0];
    if (modes.filter(Boolean).length > 1)
      throw usage('Give ids, --all or --stale: one of them, not both.');
    if (!modes.some(Boolean))
      throw usage('Give the ids to revoke (see `apppass list`), --all or --stale.');
    const ids = positionals.map((p) => parseId(p));
    const a = await requireSignIn(ctx);
    await settleInterrupted(a, ctx);
    const say = progress(ctx);
    const target = values.all
      ? 'all'
      : values.stale
        ? await confirmedStale(a, ctx, values.yes === true)
        : ids;
    const { outcomes } = await a.revoke(target, (o) =>
      say(o.revoked ? `Revoked app password ${o.id}.` : missing(o.id)),
    );
    const shown = outcomes.map((o) => (o.revoked ? o : { ...o, message: missing(o.id) }));
    const revoked = outcomes.filter((o) => o.revoked).length;
    emit(ctx, { revoked: shown, note: REVOKE_DELAY_NOTE }, () =>
      revoked ? `${revoked} app password(s) revoked. ${REVOKE_DELAY_NOTE}` : 'Nothing was revoked.',
    );
    return outcomes.every((o) => o.revoked) ? 0 : 1;
  },
};

const missing = (id: number) => `There is no app password ${id} on your mailbox.`;
