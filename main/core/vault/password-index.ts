import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file.js';
import { withDataDirLock } from './data-lock.js';

/** What this device knows about an app password; never the secret itself (that is in the keychain). */
export interface IndexEntry {
  mailbox: string;
  id: number;
  name: string;
  protocols: string[];
  created: string;
  verifiedAt: string | null;
  client?: string;
}

export interface PasswordIndex {
  list(mailbox?: string): Promise<IndexEntry[]>;
  upsert(e: IndexEntry): Promise<void>;
  remove(mailbox: string, id: number): Promise<void>;
  /** Set when the file was unreadable at some read: where its copy was kept (the index restarted empty). */
  readonly corruptCopy: string | undefined;
}

export const INDEX_FILE = 'app-passwords.json';

const entrySchema = z.object({
  mailbox: z.string().min(1),
  id: z.number().int(),
  name: z.string(),
  protocols: z.array(z.string()),
  created: z.string(),
  verifiedAt: z.string().nullable(),
  client: z.string().optional(),
});
const fileSchema = z.object({ version: z.literal(1), entries: z.array(entrySchema) });

const sameKey = (a: { mailbox: string; id: number }, mailbox: string, id: number) =>
  a.mailbox === mailbox && a.id === id;

/**
 * The non-secret index, JSON in the app data folder. Every call re-reads the file (the app and
 * the CLI may both write it); writes are atomic and serialized within this process. A corrupt
 * file is kept as `<file>.corrupt`, reported through `corruptCopy`, and the index starts empty.
 */
export async function openPasswordIndex(dataDir: string): Promise<PasswordIndex> {
  const file = join(dataDir, INDEX_FILE);
  let corruptCopy: string | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const load = async (): Promise<IndexEntry[]> => {
    let raw: string;
    try {
      raw = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    try {
      return fileSchema.parse(JSON.parse(raw)).entries;
    } catch {
      corruptCopy = `${file}.corrupt`;
      await copyFile(file, corruptCopy);
      await writeFileAtomic(file, serialize([]));
      return [];
    }
  };
  const mutate = (change: (entries: IndexEntry[]) => IndexEntry[]): Promise<void> => {
    // Read, change and write under the data directory's lock: another process may write too.
    const next = queue.then(() =>
      withDataDirLock(dataDir, async () => writeFileAtomic(file, serialize(change(await load())))),
    );
    queue = next.catch(() => undefined);
    return next;
  };

  await load();
  return {
    get corruptCopy() {
      return corruptCopy;
    },
    list: async (mailbox) => {
      await queue;
      const entries = await load();
      return mailbox === undefined ? entries : entries.filter((e) => e.mailbox === mailbox);
    },
    upsert: async (e) => {
      const entry = entrySchema.parse(e);
      return mutate((entries) => [...entries.filter((x) => !sameKey(x, e.mailbox, e.id)), entry]);
    },
    remove: (mailbox, id) => mutate((entries) => entries.filter((x) => !sameKey(x, mailbox, id))),
  };
}

function serialize(entries: IndexEntry[]): string {
  return `${JSON.stringify({ version: 1, entries }, null, 2)}\n`;
}
