import type { Command } from '../command.js';
import { parseId, usage } from '../args.js';
import { emit, progress, REVOKE_DELAY_NOTE } from '../output.js';
import { requireSignIn, settleInterrupted } from '../services.js';

export const revokeCommand: Command = {
  options: { all: { type: 'boolean' } },
  async run(positionals, values, ctx) {
    if (values.all && positionals.length) throw usage('Give ids or --all, not both.');
    if (!values.all && !positionals.length)
      throw usage('Give the ids to revoke (see `apppass list`) or --all.');
    const ids = positionals.map((p) => parseId(p));
    const a = await requireSignIn(ctx);
    await settleInterrupted(a, ctx);
    const say = progress(ctx);
    const { outcomes } = await a.revoke(values.all ? 'all' : ids, (o) =>
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
