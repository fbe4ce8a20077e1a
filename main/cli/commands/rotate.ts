import type { ConfirmFn, RotationResult } from '../../core/rotation/index.js';
import type { CliContext, Command } from '../command.js';
import { parseId, usage } from '../args.js';
import { emit, REVOKE_DELAY_NOTE } from '../output.js';
import { askYesNo } from '../prompt.js';
import { noteText } from '../render/notes.js';
import { requireSignIn } from '../services.js';

function confirmer(ctx: CliContext, yes: boolean): ConfirmFn {
  if (yes) return async () => true;
  return (info) =>
    askYesNo(
      ctx,
      `New password ${info.newId} works and is in your keychain. Is your mail client updated to use it, so old password ${info.oldId} can be revoked?`,
    );
}

function describe(r: RotationResult): string {
  switch (r.status) {
    case 'completed':
      return `Rotated "${r.name}": new app password ${r.newId ?? '?'} is in use, old password ${r.oldId} is revoked. ${REVOKE_DELAY_NOTE}`;
    case 'awaiting-confirmation':
      return `New password ${r.newId ?? '?'} is stored and verified; old password ${r.oldId} stays active until you run \`apppass rotate ${r.oldId}\` again and confirm (or add --yes).`;
    default:
      return `Rotation of "${r.name}" did not complete: ${r.reason ? noteText(r.reason) : r.status}`;
  }
}

export const rotateCommand: Command = {
  options: { yes: { type: 'boolean', short: 'y' } },
  async run(positionals, values, ctx) {
    if (positionals.length !== 1)
      throw usage('Give exactly one app password id: apppass rotate <id>.');
    const oldId = parseId(positionals[0]);
    const a = await requireSignIn(ctx);
    const result = await a.rotate(oldId, confirmer(ctx, values.yes === true));
    // --json keeps its English `note` beside the `reason` code
    const json = result.reason ? { ...result, note: noteText(result.reason) } : result;
    emit(ctx, json, () => describe(result));
    return result.status === 'completed' ? 0 : 1;
  },
};
