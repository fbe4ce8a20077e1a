import { randomUUID } from 'node:crypto';
import type { Note } from '../../../protocol/messages.js';
import { newIdempotencyKey } from '../broker/index.js';
import { AppPassError } from '../errors.js';
import type { ConfirmFn, RotationDeps } from './deps.js';
import { Journal, type RotationRecord, type StepName } from './journal.js';
import {
  confirmStep,
  createStep,
  forgetStep,
  orphansOf,
  requireNewId,
  revokeStep,
  rollbackStep,
  storeStep,
  VerificationFailed,
  verifyStep,
  type StepContext,
} from './steps.js';
import type { VerifyCheck } from './verify.js';

export interface RotationResult {
  status: 'completed' | 'awaiting-confirmation' | 'rolled-back' | 'lost';
  rotationId: string;
  name: string;
  oldId: number;
  newId?: number;
  checks: VerifyCheck[];
  /** Why it was rolled back or lost, as a code the face words. */
  reason?: Note;
}

export interface RotationManager {
  /** Rotates app password `oldId` (or continues the pending rotation of it). */
  rotate(oldId: number, o?: { confirm?: ConfirmFn }): Promise<RotationResult>;
  /**
   * Resumes or reconciles every pending rotation of this mailbox with the broker's list.
   * Without `confirm`, rotations waiting for the user stay paused.
   */
  resumeRotations(o?: {
    confirm?: ConfirmFn;
  }): Promise<
    Array<RotationResult | { rotationId: string; oldId: number; error: AppPassError | Error }>
  >;
  pending(): Promise<RotationRecord[]>;
}

type Next = StepName | 'finished';

/** Where to continue after the last journaled boundary. Before "store done" the create is replayed. */
export function nextStep(last: RotationRecord['last']): Next {
  if (!last) return 'create';
  const { step, status } = last;
  if (step === 'create' || (step === 'store' && status === 'begun')) return 'create';
  if (status === 'begun') return step;
  const after: Record<StepName, Next> = {
    create: 'store',
    store: 'verify',
    verify: 'confirm',
    confirm: 'revoke',
    revoke: 'forget',
    forget: 'finished',
    rollback: 'finished',
  };
  return after[step];
}

export function createRotationManager(deps: RotationDeps): RotationManager {
  const journal = new Journal(deps.dataDir);
  const pending = async () => (await journal.list()).filter((r) => r.mailbox === deps.mailbox);
  const context = (rec: RotationRecord): StepContext => ({ deps, journal, rec });
  return {
    pending,
    async rotate(oldId, o = {}) {
      const existing = (await pending()).find((r) => r.oldId === oldId);
      if (existing) return resume(context(existing), o.confirm);
      return drive(context(await begin(deps, oldId)), o.confirm, false);
    },
    async resumeRotations(o = {}) {
      const results = [];
      for (const rec of await pending()) {
        try {
          results.push(await resume(context(rec), o.confirm));
        } catch (error) {
          results.push({ rotationId: rec.rotationId, oldId: rec.oldId, error: error as Error });
        }
      }
      return results;
    },
  };
}

async function begin(deps: RotationDeps, oldId: number): Promise<RotationRecord> {
  const list = await deps.broker.listAppPasswords();
  const old = list.find((p) => p.id === oldId);
  if (!old) {
    throw new AppPassError('not_found', 'failed', { params: { id: oldId } });
  }
  const known = (await deps.index.list(deps.mailbox)).find((e) => e.id === oldId);
  return {
    rotationId: randomUUID(),
    mailbox: deps.mailbox,
    oldId,
    name: old.name,
    protocols: old.protocols,
    ...(known?.client ? { client: known.client } : {}),
    idempotencyKey: newIdempotencyKey(),
    knownIds: list.map((p) => p.id),
    startedAt: (deps.now?.() ?? new Date()).toISOString(),
  };
}

/** Continues a rotation after checking the journal against what the broker lists now. */
async function resume(c: StepContext, confirm: ConfirmFn | undefined): Promise<RotationResult> {
  const next = nextStep(c.rec.last);
  if (next === 'finished') return finish(c, 'completed', []);
  if (next !== 'create' && next !== 'rollback') {
    const list = await c.deps.broker.listAppPasswords();
    const alive = (id: number | undefined) => id !== undefined && list.some((p) => p.id === id);
    if (!alive(c.rec.newId)) return lostNew(c, alive(c.rec.oldId) && next !== 'forget');
  }
  return drive(c, confirm, true);
}

/** The new password vanished from mailcow (revoked elsewhere): keep or report the old one. */
async function lostNew(c: StepContext, oldIntact: boolean): Promise<RotationResult> {
  if (oldIntact) {
    await rollbackStep(c, { code: 'rotation_new_removed', params: {} });
    return finish(c, 'rolled-back', []);
  }
  c.rec.reason = { code: 'rotation_both_gone', params: {} };
  return finish(c, 'lost', []);
}

async function drive(
  c: StepContext,
  confirm: ConfirmFn | undefined,
  resumed: boolean,
): Promise<RotationResult> {
  let next = nextStep(c.rec.last);
  let checks: VerifyCheck[] = [];
  if (next === 'create') {
    await storeStep(c, await createStep(c));
    if (resumed) await removeOrphans(c);
    next = 'verify';
  }
  if (next === 'verify') {
    try {
      checks = (await verifyStep(c)).checks;
    } catch (error) {
      if (!(error instanceof VerificationFailed)) throw error;
      await rollbackStep(c, verificationNote(error));
      return finish(c, 'rolled-back', error.outcome.checks);
    }
    next = 'confirm';
  }
  if (next === 'confirm') {
    const info = { name: c.rec.name, oldId: c.rec.oldId, newId: requireNewId(c.rec) };
    if (!confirm || !(await confirm(info))) return result(c, 'awaiting-confirmation', checks);
    await confirmStep(c);
    next = 'revoke';
  }
  return finishFrom(c, next, checks);
}

async function finishFrom(
  c: StepContext,
  next: Next,
  checks: VerifyCheck[],
): Promise<RotationResult> {
  if (next === 'rollback') {
    await rollbackStep(c, c.rec.reason ?? { code: 'rotation_undone', params: {} });
    return finish(c, 'rolled-back', checks);
  }
  if (next === 'revoke') {
    if (!(await newIsIntact(c))) return lostNew(c, true);
    await revokeStep(c);
    next = 'forget';
  }
  if (next === 'forget') await forgetStep(c);
  return finish(c, 'completed', checks);
}

/** Before revoking the old password: the new one must be on the server and in the keychain. */
async function newIsIntact(c: StepContext): Promise<boolean> {
  const id = requireNewId(c.rec);
  const listed = (await c.deps.broker.listAppPasswords()).some((p) => p.id === id);
  return listed && Boolean(await c.deps.vault.readAppPassword(c.rec.mailbox, id));
}

async function removeOrphans(c: StepContext): Promise<void> {
  for (const orphan of orphansOf(c.rec, await c.deps.broker.listAppPasswords())) {
    await c.deps.broker.deleteAppPassword(orphan.id, { missingOk: true });
  }
}

function verificationNote(error: VerificationFailed): Note {
  const failed = error.outcome.checks.find((x) => !x.ok);
  if (!failed) return { code: 'rotation_unreadable', params: {} };
  return {
    code: 'rotation_check_failed',
    params: { service: failed.service, verdict: failed.verdict },
  };
}

async function finish(
  c: StepContext,
  status: RotationResult['status'],
  checks: VerifyCheck[],
): Promise<RotationResult> {
  await c.journal.remove(c.rec.rotationId);
  return result(c, status, checks);
}

function result(
  c: StepContext,
  status: RotationResult['status'],
  checks: VerifyCheck[],
): RotationResult {
  return {
    status,
    rotationId: c.rec.rotationId,
    name: c.rec.name,
    oldId: c.rec.oldId,
    ...(c.rec.newId !== undefined ? { newId: c.rec.newId } : {}),
    checks,
    ...(c.rec.reason ? { reason: c.rec.reason } : {}),
  };
}
