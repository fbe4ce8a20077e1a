import { KeychainUnavailableError } from '../../core/vault/index.js';
import type { CliContext, Command } from '../command.js';
import { parseId, usage } from '../args.js';
import type { AppPassword } from '../../core/broker/index.js';
import { stalePasswords } from '../../core/last-use.js';
import { lastUseText } from '../last-use-text.js';
import { emit, progress, REVOKE_DELAY_NOTE } from '../output.js';
import { askYesNo } from '../prompt.js';
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

/** The stale ones, after the user saw the list and said yes (or gave --yes). */
async function confirmedStale(s: SignedIn, ctx: CliContext, yes: boolean): Promise<number[]> {
  const all = await s.broker.listAppPasswords();
  if (!all.some((p) => p.stale !== undefined))
    throw usage('This broker does not tell which passwords are stale; give ids instead.');
  const stale: AppPassword[] = stalePasswords(all);
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
    if (modes.filter(Boolean).length > 1) throw usage('Give ids, --all or --stale, not several.');
    if (!modes.some(Boolean))
      throw usage('Give the ids to revoke (see `apppass list`), --all or --stale.');
    const ids = positionals.map((p) => parseId(p));
    const s = await requireSignIn(ctx);
    await settleRotations(s, ctx);
    const targets = values.all
      ? (await s.broker.listAppPasswords()).map((p) => p.id)
      : values.stale
        ? await confirmedStale(s, ctx, values.yes === true)
        : ids;
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
