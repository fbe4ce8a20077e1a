import { noteText } from '../../main/cli/render/notes.js';
import type { MessageParams } from '../../protocol/messages.js';
import { errorText } from '../../main/cli/render/errors.js';
import { AppPassError } from '../../main/core/errors.js';

/**
 * The core's errors carry codes; tests that read the sentence read it as the command words it
 * (main/cli/render). The error keeps its name, code, kind and params.
 */
function worded(error: unknown): unknown {
  if (!(error instanceof AppPassError)) return error;
  return Object.assign(new Error(errorText(error)), {
    name: error.name,
    code: error.code,
    kind: error.kind,
    params: error.params,
  });
}

/** `promise`, its rejection worded in English. */
export function wordedRejection<T>(promise: Promise<T>): Promise<T> {
  return promise.catch((error: unknown) => {
    throw worded(error);
  });
}

/** `run()`, what it throws worded in English. */
export function wordedThrow<T>(run: () => T): () => T {
  return () => {
    try {
      return run();
    } catch (error) {
      throw worded(error);
    }
  };
}

/** What a discovery source (or any answer carrying a note) said, as the command words it. */
export function said(
  answer: { note: { code: string; params: MessageParams } } | undefined,
): string {
  return answer ? noteText(answer.note) : '';
}
