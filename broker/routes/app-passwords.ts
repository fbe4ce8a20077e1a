import {
  createAppPasswordRequest,
  IDEMPOTENCY_HEADER,
  IDEMPOTENCY_KEY,
  type AppPassword,
  type CreatedAppPassword,
} from '../../protocol/broker-api.js';
import type { ProtocolScope } from '../../protocol/scopes.js';
import type { Caller } from '../auth/identity.js';
import type { RequestContext, Route, RouteResult, Services } from '../context.js';
import { readJsonBody } from '../http/body.js';
import { Problem, badGateway, badRequest, forbidden } from '../http/problem.js';
import { newSince } from '../mailcow/app-passwords.js';
import { writeOutcomeUnknown } from '../mailcow/errors.js';
import type { IdempotencyRef } from '../limits/write-state.js';
import { generatePassword } from '../password.js';
import { removeStrays, rollBackCreate } from './create-rollback.js';
import { takeWrite } from './write-budget.js';

const notFound = () =>
  new Problem(404, 'not_found', 'Not found', 'There is no such app password for your mailbox.');

export const listAppPasswords: Route = async (s, ctx) => {
  const caller = await s.identity.resolve(ctx.req, ctx.caller);
  const list = await s.mailcow.listAppPasswords(caller.mailbox);
  return { status: 200, body: await s.lastUsed.annotate(caller.mailbox, list) };
};

async function parseCreate(s: Services, ctx: RequestContext) {
  const parsed = createAppPasswordRequest.safeParse(await readJsonBody(ctx.req));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest(
      'invalid_body',
      `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const protocols = [...new Set(parsed.data.protocols)].sort() as ProtocolScope[];
  const refused = protocols.filter((p) => !s.config.protocols.includes(p));
  if (refused.length)
    throw forbidden('protocol_not_allowed', `Not offered on this server: ${refused.join(', ')}.`);
  const key = ctx.req.headers[IDEMPOTENCY_HEADER];
  if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))) {
    throw badRequest(
      'invalid_idempotency_key',
      'Idempotency-Key must be 1-200 visible ASCII characters.',
    );
  }
  ctx.audit.name = parsed.data.name;
  return {
    name: parsed.data.name,
    protocols,
    key,
    fingerprint: JSON.stringify([parsed.data.name, protocols]),
  };
}

async function replay(
  s: Services,
  ctx: RequestContext,
  ref: IdempotencyRef | null,
): Promise<RouteResult | null> {
  if (!ref) return null;
  const found = await s.state.replay(ref);
  if (!found) return null;
  if ('conflict' in found) {
    throw new Problem(
      422,
      'idempotency_key_reused',
      'Idempotency-Key reused',
      'This Idempotency-Key was used for a different request.',
    );
  }
  ctx.audit.id = found.hit.id;
  ctx.audit.outcome = 'replayed';
  return { status: 201, body: found.hit };
}

async function newPassword(s: Services): Promise<string> {
  const policy = await s.mailcow.passwordPolicy();
  try {
    return generatePassword(policy);
  } catch {
    throw badGateway(
      'policy_unsatisfiable',
      "mailcow's password policy asks for more than 128 characters.",
    );
  }
}

/**
 * Creates under the mailbox lock: mailcow's add answer has no id, so the new row is found by
 * diffing the list. The create is journaled (an intent) before the add and closed together with
 * storing its Idempotency-Key result, so an instance dying in between leaves an intent the next
 * holder of the lock repairs. When the add's answer is lost, the new row cannot be looked up, or
 * the result cannot be stored, the password may exist unknown to anyone: it is rolled back.
 */
async function createLocked(
  s: Services,
  ctx: RequestContext,
  caller: Caller,
  create: { name: string; protocols: ProtocolScope[]; ref: IdempotencyRef | null },
  held: () => void,
): Promise<CreatedAppPassword> {
  const { name, protocols } = create;
  const before = await s.mailcow.listAppPasswords(caller.mailbox);
  if (before.length >= s.config.maxPerMailbox) {
    throw new Problem(
      409,
      'limit_reached',
      'Too many app passwords',
      `A mailbox may have at most ${s.config.maxPerMailbox} app passwords; revoke one first.`,
    );
  }
  const password = await newPassword(s);
  const intent = await s.state.openIntent(caller.mailbox, {
    name,
    before: before.map((p) => p.id),
  });
  try {
    held();
    await s.mailcow.addAppPassword(caller.mailbox, name, password, protocols);
  } catch (e) {
    if (writeOutcomeUnknown(e)) throw await rollBackCreate(s, ctx, caller, before, name, e);
    // danger, refused, auth, lock lost: nothing was created
    await s.state.dropIntent(caller.mailbox, intent).catch(() => undefined);
    throw e;
  }
  // From here on the intent stays open on every failure: the next holder of the lock checks
  // the mailbox again (finding nothing when the rollback worked).
  let after: AppPassword[];
  try {
    after = await s.mailcow.listAppPasswords(caller.mailbox);
  } catch (e) {
    throw await rollBackCreate(s, ctx, caller, before, name, e);
  }
  const row = newSince(before, after, name)[0];
  if (!row)
    throw badGateway(
      'mailcow_bad_answer',
      'mailcow accepted the app password but does not list it.',
    );
  const created = { ...row, password };
  try {
    await s.state.commit(caller.mailbox, intent, create.ref, created);
  } catch (e) {
    // Not remembered under its key, the password would be created again on a retry.
    throw await rollBackCreate(s, ctx, caller, before, name, e);
  }
  return created;
}

/** Removes what creates of instances that died mid-way left in this mailbox (journaled intents). */
async function repairStranded(s: Services, ctx: RequestContext, caller: Caller): Promise<void> {
  for (const intent of await s.state.strandedIntents(caller.mailbox)) {
    const before = intent.before.map((id) => ({ id }));
    if (!(await removeStrays(s, ctx, caller, before, intent.name, 500))) {
      throw badGateway(
        'mailcow_unreachable',
        'An earlier interrupted change to this mailbox could not be cleaned up yet; try again.',
      );
    }
    await s.state.dropIntent(caller.mailbox, intent);
  }
}

export const createAppPassword: Route = async (s, ctx) => {
  const caller = await s.identity.resolve(ctx.req, ctx.caller);
  const { name, protocols, key, fingerprint } = await parseCreate(s, ctx);
  const ref = key === undefined ? null : { sub: caller.sub, key, fingerprint };
  const early = await replay(s, ctx, ref);
  if (early) return early;
  return s.state.withMailboxLock(caller.mailbox, async (held) => {
    await repairStranded(s, ctx, caller);
    const late = await replay(s, ctx, ref); // a twin request may have just finished
    if (late) return late;
    // counted only now: twins of one Idempotency-Key waiting for the lock are replays, not writes
    await takeWrite(s, caller.sub);
    const created = await createLocked(s, ctx, caller, { name, protocols, ref }, held);
    ctx.audit.id = created.id;
    return { status: 201, body: created };
  });
};

export const deleteAppPassword: Route = async (s, ctx) => {
  const caller = await s.identity.resolve(ctx.req, ctx.caller);
  const raw = ctx.params.id ?? '';
  if (!/^[1-9]\d{0,9}$/.test(raw)) throw notFound();
  const id = Number(raw);
  ctx.audit.id = id;
  await takeWrite(s, caller.sub);
  return s.state.withMailboxLock(caller.mailbox, async () => {
    const own = (await s.mailcow.listAppPasswords(caller.mailbox)).find((p) => p.id === id);
    if (!own) throw notFound();
    ctx.audit.name = own.name;
    await s.mailcow.deleteAppPassword(id);
    return { status: 204 };
  });
};
