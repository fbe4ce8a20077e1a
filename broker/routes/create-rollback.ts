import type { Caller } from '../auth/identity.js';
import type { RequestContext, Services } from '../context.js';
import { toProblem } from '../errors.js';
import { Problem } from '../http/problem.js';
import type { AppPassword } from '../../protocol/broker-api.js';
import { newSince } from '../mailcow/app-passwords.js';
import { MailcowError } from '../mailcow/errors.js';

/**
 * A create whose outcome is unknown (mailcow's answer was lost) may have left an active app
 * password whose secret nobody knows. Creates are serialized per mailbox, so whatever appeared
 * under this name since `before` is ours: list again, delete exactly those, audit each, and
 * return the original problem with a detail saying whether anything may be left behind.
 */
export async function rollBackCreate(
  s: Services,
  ctx: RequestContext,
  caller: Caller,
  before: AppPassword[],
  name: string,
  cause: unknown,
): Promise<Problem> {
  const p = toProblem(cause, s.log);
  const audit = (id: number | null, outcome: 'ok' | 'failed') =>
    s.audit.write({
      sub: caller.sub,
      mailbox: caller.mailbox,
      action: 'create_rolled_back',
      id,
      name,
      ip: ctx.ip,
      outcome,
      status: p.status,
      ...(outcome === 'failed' ? { reason: 'cleanup_failed' } : {}),
    });
  let current: number | null = null;
  try {
    const strays = newSince(before, await s.mailcow.listAppPasswords(caller.mailbox), name);
    for (const stray of strays) {
      current = stray.id;
      await s.mailcow.deleteAppPassword(stray.id);
      audit(stray.id, 'ok');
    }
  } catch (e) {
    const why = e instanceof MailcowError ? `${e.failure}: ${e.reason}` : 'unexpected error';
    s.log(`could not remove an app password a failed create may have left (${why})`);
    audit(current, 'failed');
    return new Problem(
      p.status,
      p.code,
      p.title,
      `${p.detail} An app password named "${name}" may have been created anyway: find it in your list and revoke it.`,
      p.headers,
    );
  }
  return new Problem(
    p.status,
    p.code,
    p.title,
    `${p.detail} No app password was left behind.`,
    p.headers,
  );
}
