import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { protocolScope } from '../../../protocol/scopes.js';
import { newIdempotencyKey } from '../broker/index.js';
import { AppPassError } from '../errors.js';
import { withDataDirLock, writeFileAtomic } from '../vault/index.js';

/**
 * One create-and-store in flight, written before the broker is asked: if the process dies
 * between mailcow creating the password and the keychain holding it, the next run finds the
 * record and reconciles (create-reconcile.ts). Never holds a secret.
 */
export const createRecord = z.object({
  createId: z.string().min(1),
  mailbox: z.string().min(1),
  name: z.string(),
  protocols: z.array(protocolScope),
  client: z.string().optional(),
  /** false: the user asked for show-once (--no-store); a leftover is offered for revoking. */
  store: z.boolean(),
  /** Sent with the create: a replay within the broker's window returns the same password. */
  idempotencyKey: z.string().min(1),
  /** Ids the broker listed before the create: a new one with our name is ours. */
  knownIds: z.array(z.number().int()),
  startedAt: z.string(),
});
export type CreateRecord = z.infer<typeof createRecord>;

const journalFile = z.object({ version: z.literal(1), creates: z.array(createRecord) });

export const CREATE_JOURNAL_FILE = 'creates.json';

/** The create journal beside the index: each change read, made and written under the lock. */
export class CreateJournal {
  readonly path: string;

  constructor(private readonly dataDir: string) {
    this.path = join(dataDir, CREATE_JOURNAL_FILE);
  }

  async list(mailbox: string): Promise<CreateRecord[]> {
    return (await this.read()).filter((r) => r.mailbox === mailbox);
  }

  /** Records the intent (a fresh idempotency key) and resolves with it. */
  async begin(
    intent: Pick<CreateRecord, 'mailbox' | 'name' | 'protocols' | 'client' | 'store' | 'knownIds'>,
  ): Promise<CreateRecord> {
    const record: CreateRecord = {
      ...intent,
      createId: randomUUID(),
      idempotencyKey: newIdempotencyKey(),
      startedAt: new Date().toISOString(),
    };
    await this.update((all) => [...all, createRecord.parse(record)]);
    return record;
  }

  finish(createId: string): Promise<void> {
    return this.update((all) => all.filter((r) => r.createId !== createId));
  }

  private update(change: (all: CreateRecord[]) => CreateRecord[]): Promise<void> {
    return withDataDirLock(this.dataDir, async () => {
      const creates = change(await this.read());
      await writeFileAtomic(this.path, `${JSON.stringify({ version: 1, creates }, null, 2)}\n`);
    });
  }

  private async read(): Promise<CreateRecord[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const result = journalFile.safeParse(parsed);
    if (!result.success) {
      throw new AppPassError('create_journal_corrupt', 'failed', { params: { path: this.path } });
    }
    return result.data.creates;
  }
}
