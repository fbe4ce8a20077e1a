import type { Note } from '../../../protocol/messages.js';
import type { AppPassword, CreatedAppPassword } from '../broker/index.js';
import { AppPassError } from '../errors.js';
import type { RotationDeps } from './deps.js';
import type { Journal, RotationRecord, StepName } from './journal.js';
import type { VerifyOutcome } from './verify.js';

/** One rotation being driven: its record, the journal, and the collaborators. */
export interface StepContext {
  deps: RotationDeps;
  journal: Journal;
  rec: RotationRecord;
}

const stamp = (c: StepContext) => (c.deps.now?.() ?? new Date()).toISOString();

/**
 * Runs `action` between two journal writes ("begun" before, "done" after), with the fault
 * hook on both sides of the action so tests can fail or crash at every boundary.
 */
export async function journaled<T>(
  c: StepContext,
  step: StepName,
  action: () => Promise<T>,
): Promise<T> {
  c.rec.last = { step, status: 'begun', at: stamp(c) };
  await c.journal.put(c.rec);
  await c.deps.faults?.({ step, when: 'before', record: structuredClone(c.rec) });
  const result = await action();
  await c.deps.faults?.({ step, when: 'after', record: structuredClone(c.rec) });
  c.rec.last = { step, status: 'done', at: stamp(c) };
  await c.journal.put(c.rec);
  return result;
}

/**
 * Creates the new password under the journaled Idempotency-Key: after a crash the replay
 * returns the same password (within the broker's window). A different id means the window
 * had passed: the first one was never stored and is deleted.
 */
export function createStep(c: StepContext): Promise<CreatedAppPassword> {
  return journaled(c, 'create', async () => {
    c.deps.progress?.({ code: 'progress_creating', params: {} });
    const created = await c.deps.broker.createAppPassword(
      { name: c.rec.name, protocols: c.rec.protocols },
      { idempotencyKey: c.rec.idempotencyKey },
    );
    const previous = c.rec.newId;
    c.rec.newId = created.id;
    if (previous !== undefined && previous !== created.id) await discardNew(c, previous);
    return created;
  });
}

/** Stores the new secret in the keychain and the index, before anything else can fail. */
export function storeStep(c: StepContext, created: CreatedAppPassword): Promise<void> {
  return journaled(c, 'store', async () => {
    await c.deps.vault.storeAppPassword(c.rec.mailbox, created.id, created.password);
    await c.deps.index.upsert({
      mailbox: c.rec.mailbox,
      id: created.id,
      name: created.name,
      protocols: created.protocols,
      created: created.created,
      verifiedAt: null,
      ...(c.rec.client ? { client: c.rec.client } : {}),
    });
  });
}

/** Thrown inside the verify step so its "done" is never journaled for a failed check. */
export class VerificationFailed extends Error {
  constructor(readonly outcome: VerifyOutcome) {
    super('verification failed');
  }
}

/** Logs in with the stored secret (read back from the keychain, proving it is there). */
export function verifyStep(c: StepContext): Promise<VerifyOutcome> {
  return journaled(c, 'verify', async () => {
    const id = requireNewId(c.rec);
    c.deps.progress?.({ code: 'progress_checking', params: {} });
    const secret = await c.deps.vault.readAppPassword(c.rec.mailbox, id);
    if (!secret) throw new VerificationFailed({ ok: false, checks: [] });
    const outcome = await c.deps.verify({ user: c.rec.mailbox, pass: secret }, c.rec.protocols);
    if (!outcome.ok) throw new VerificationFailed(outcome);
    await markVerified(c, id, stamp(c));
    return outcome;
  });
}

/** Records the user's yes; asked outside the journal so a "no" leaves the rotation paused. */
export function confirmStep(c: StepContext): Promise<void> {
  return journaled(c, 'confirm', async () => undefined);
}

export function revokeStep(c: StepContext): Promise<void> {
  return journaled(c, 'revoke', async () => {
    c.deps.progress?.({ code: 'progress_revoking', params: { id: c.rec.oldId } });
    await c.deps.broker.deleteAppPassword(c.rec.oldId, { missingOk: true });
  });
}

export function forgetStep(c: StepContext): Promise<void> {
  return journaled(c, 'forget', async () => {
    await c.deps.vault.deleteAppPassword(c.rec.mailbox, c.rec.oldId);
    await c.deps.index.remove(c.rec.mailbox, c.rec.oldId);
  });
}

/** Undoes the new password (mailcow, keychain, index); only run while the old one is intact. */
export function rollbackStep(c: StepContext, reason: Note): Promise<void> {
  c.rec.reason = reason;
  return journaled(c, 'rollback', async () => {
    c.deps.progress?.({ code: 'progress_removing_new', params: {} });
    if (c.rec.newId !== undefined) await discardNew(c, c.rec.newId);
  });
}

async function discardNew(c: StepContext, id: number): Promise<void> {
  await c.deps.broker.deleteAppPassword(id, { missingOk: true });
  await c.deps.vault.deleteAppPassword(c.rec.mailbox, id);
  await c.deps.index.remove(c.rec.mailbox, id);
}

async function markVerified(c: StepContext, id: number, at: string): Promise<void> {
  const entries = await c.deps.index.list(c.rec.mailbox);
  const entry = entries.find((e) => e.id === id);
  if (entry) await c.deps.index.upsert({ ...entry, verifiedAt: at });
}

export function requireNewId(rec: RotationRecord): number {
  if (rec.newId === undefined) {
    throw new AppPassError('rotation_state');
  }
  return rec.newId;
}

/**
 * Passwords a crashed earlier create may have left behind: our name, not listed before the
 * rotation began, and not the one we kept.
 */
export function orphansOf(rec: RotationRecord, list: AppPassword[]): AppPassword[] {
  return list.filter(
    (p) =>
      p.name === rec.name &&
      p.id !== rec.newId &&
      p.id !== rec.oldId &&
      !rec.knownIds.includes(p.id),
  );
}
