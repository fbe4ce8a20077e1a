import { join } from 'node:path';
import { z } from 'zod';
import { note } from '../../../protocol/messages.js';
import { protocolScope } from '../../../protocol/scopes.js';
import { AppPassError } from '../errors.js';
import { readJournalFile, withDataDirLock, writeFileAtomic } from '../vault/index.js';

/** The rotation steps, in order; `rollback` only runs instead of confirm/revoke/forget. */
export const STEPS = [
  'create',
  'store',
  'verify',
  'confirm',
  'revoke',
  'forget',
  'rollback',
] as const;
export type StepName = (typeof STEPS)[number];

const stepState = z.object({
  step: z.enum(STEPS),
  status: z.enum(['begun', 'done']),
  at: z.string(),
});

/** One rotation as written to disk. Never holds a secret: only ids, names and the idempotency key. */
export const rotationRecord = z.object({
  rotationId: z.string().min(1),
  mailbox: z.string().min(1),
  oldId: z.number().int(),
  name: z.string(),
  protocols: z.array(protocolScope),
  client: z.string().optional(),
  /** Sent with the create (and its replays after a crash), so the broker returns the same result. */
  idempotencyKey: z.string().min(1),
  /** Ids the broker listed before the create: anything new with our name is ours. */
  knownIds: z.array(z.number().int()),
  newId: z.number().int().optional(),
  startedAt: z.string(),
  /** The last step boundary passed; `done` of `forget`/`rollback` removes the record. */
  last: stepState.optional(),
  /**
   * Why the rotation was rolled back or stopped, as a code the face words (no secret). Older
   * journals held an English `note`; parsing drops it.
   */
  reason: note.optional(),
});
export type RotationRecord = z.infer<typeof rotationRecord>;

const journalFile = z.object({ version: z.literal(1), rotations: z.array(rotationRecord) });

export const JOURNAL_FILE = 'rotations.json';

/**
 * The rotation journal beside the password index. Every change is written atomically
 * (the vault's temp file + fsync + rename) before the caller goes on; writes are serialized.
 */
export class Journal {
  private queue: Promise<unknown> = Promise.resolve();
  readonly path: string;

  constructor(private readonly dataDir: string) {
    this.path = join(dataDir, JOURNAL_FILE);
  }

  async list(): Promise<RotationRecord[]> {
    await this.queue;
    return (await this.read()).rotations;
  }

  /** Writes `record` (replacing the one with the same rotationId) to disk. */
  put(record: RotationRecord): Promise<void> {
    return this.update((all) => [...all.filter((r) => r.rotationId !== record.rotationId), record]);
  }

  remove(rotationId: string): Promise<void> {
    return this.update((all) => all.filter((r) => r.rotationId !== rotationId));
  }

  private update(change: (all: RotationRecord[]) => RotationRecord[]): Promise<void> {
    // Read, change and write under the data directory's lock: another process may write too.
    const next = this.queue.then(() =>
      withDataDirLock(this.dataDir, async () => {
        const current = await this.read();
        await this.write({ version: 1, rotations: change(current.rotations) });
      }),
    );
    this.queue = next.catch(() => undefined);
    return next;
  }

  private read(): Promise<z.infer<typeof journalFile>> {
    return readJournalFile(
      this.path,
      journalFile,
      { version: 1, rotations: [] },
      () => new AppPassError('journal_corrupt', 'failed', { params: { path: this.path } }),
    );
  }

  private write(content: z.infer<typeof journalFile>): Promise<void> {
    return writeFileAtomic(this.path, `${JSON.stringify(content, null, 2)}\n`);
  }
}
