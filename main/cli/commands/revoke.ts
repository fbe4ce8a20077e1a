import { KeychainUnavailableError } from '../../core/vault/index.js';
import type { Command } from '../command.js';
import { parseId, usage } from '../args.js';
import { emit, progress, REVOKE_DELAY_NOTE } from '../output.js';
import { requireSignIn, settleRotations, type SignedIn } from '../services.js';

interface Outcome {
  id: number;
  revoked: boolean;
  message?: string;
}

async function revokeOne(s: SignedIn, id: number): Promise<Outcome> {
  const existed = await s.broker.deleteAppPassword(id, { missingOk: true });
  // Forget the local copy either way: a password gone from the server is useless here.
  await s.vault.deleteAppPassword(s.mailbox, id).catch((error: unknown) => {
    if (!(error instanceof KeychainUnavailableError)) throw error; // nothing can be stored then
  });
  await s.index.remove(s.mailbox, id);
  return existed
    ? { id, revoked: true }
    : { id, revoked: false, message: `There is no app password ${id} on your mailbox.` };
}

export const revokeCommand: Command = {
  options: { all: { type: 'boolean' } },
  async run(positionals, values, ctx) {
    if (values.all && positionals.length) throw usage('Give ids or --all, not both.');
    if (!values.all && !positionals.length)
      throw usage('Give the ids to revoke (see `apppass list`) or --all.');
    const ids = positionals.map((p) => parseId(p));
    const s = await requireSignIn(ctx);
    await settleRotations(s, ctx);
    const targets = values.all ? (await s.broker.listAppPasswords()).map((p) => p.id) : ids;
    const say = progress(ctx);
    const outcomes: Outcome[] = [];
    for (const id of targets) {
      const outcome = await revokeOne(s, id);
      say(outcome.revoked ? `Revoked app password ${id}.` : (outcome.message ?? ''));
      outcomes.push(outcome);
    }
    const revoked = outcomes.filter((o) => o.revoked).length;
    emit(ctx, { revoked: outcomes, note: REVOKE_DELAY_NOTE }, () =>
      revoked ? `${revoked} app password(s) revoked. ${REVOKE_DELAY_NOTE}` : 'Nothing was revoked.',
    );
    return outcomes.every((o) => o.revoked) ? 0 : 1;
  },
};
