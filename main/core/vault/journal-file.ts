import { readFile } from 'node:fs/promises';
import type { z } from 'zod';

/**
 * A journal file as `schema` describes it: `empty` when there is none yet, `damaged()` thrown
 * when it is not valid JSON of that shape (a journal is never silently dropped: it says what
 * an interrupted operation left behind).
 */
export async function readJournalFile<T>(
  path: string,
  schema: z.ZodType<T>,
  empty: T,
  damaged: () => Error,
): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw damaged();
  return result.data;
}
