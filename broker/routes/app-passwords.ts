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
import { generatePassword } from '../password.js';
import { rollBackCreate } from './create-rollback.js';

const notFound = () =>
  new Problem(404, 'not_found', 'Not found', 'There is no such app password for your mailbox.');

function takeWrite(s: Services, caller: Caller): void {
  const wait = s.writes.take(caller.sub);
  if (wait > 0) {
    throw new Problem(
      429,
      'rate_limited',
      'Too many changes',
      `Too many changes in a short time; try again in ${wait} s.`,
      {
        'Retry-After': String(wait),
      },
    );
  }
}

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

function replay(
  s: Services,
  ctx: RequestContext,
  sub: string,
  key: string | undefined,
  fingerprint: string,
): RouteResult | null {
  if (key === undefined) return null;
  const found = s.idempotency.get(sub, key, fingerprint);
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
 * diffing the list. When the add's answer is lost, or the new row cannot be looked up, the
 * password may exist unknown to anyone: it is rolled back (create-rollback.ts).
 */
async function createLocked(
  s: Services,
  ctx: RequestContext,
  caller: Caller,
  name: string,
  protocols: ProtocolScope[],
): Promise<CreatedAppPassword> {
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
  try {
    await s.mailcow.addAppPassword(caller.mailbox, name, password, protocols);
  } catch (e) {
    if (!writeOutcomeUnknown(e)) throw e; // danger, refused, auth: nothing was created
    throw await rollBackCreate(s, ctx, caller, before, name, e);
  }
  let after: AppPassword[];
  try {
    after = await s.mailcow.listAppPasswords(caller.mailbox);
  } catch (e) {
    throw await rollBackCreate(s, ctx, caller, before, name, e);
  }
  const created = newSince(before, after, name)[0];
  if (!created)
    throw badGateway(
      'mailcow_bad_answer',
      'mailcow accepted the app password but does not list it.',
    );
  return { ...created, password };
}

export const createAppPassword: Route = async (s, ctx) => {
  const caller = await s.identity.resolve(ctx.req, ctx.caller);
  const { name, protocols, key, fingerprint } = await parseCreate(s, ctx);
  const early = replay(s, ctx, caller.sub, key, fingerprint);
  if (early) return early;
  takeWrite(s, caller);
  return s.mailboxLock.run(caller.mailbox, async () => {
    const late = replay(s, ctx, caller.sub, key, fingerprint); // a twin request may have just finished
    if (late) return late;
    const created = await createLocked(s, ctx, caller, name, protocols);
    if (key !== undefined) s.idempotency.put(caller.sub, key, fingerprint, created);
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
  takeWrite(s, caller);
  return s.mailboxLock.run(caller.mailbox, async () => {
    const own = (await s.mailcow.listAppPasswords(caller.mailbox)).find((p) => p.id === id);
    if (!own) throw notFound();
    ctx.audit.name = own.name;
    await s.mailcow.deleteAppPassword(id);
    return { status: 204 };
  });
};
