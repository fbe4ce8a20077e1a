import type { MessageParams } from '../../protocol/messages.js';

/**
 * Every failure a user can meet is an AppPassError: a stable `code` (protocol/messages.ts), the
 * values its wording needs (`params`, never a secret), and the `apppass` exit-code class it
 * belongs to. The core builds no sentence: the command and the desktop app word the code.
 */
export type ErrorKind = 'failed' | 'usage' | 'auth';

/** Exit codes of the `apppass` command (docs/architecture.md, "Contracts"). */
export const EXIT_CODES: Record<ErrorKind, number> = { failed: 1, usage: 2, auth: 3 };

export type { MessageParams };

export interface ErrorOptions {
  params?: MessageParams;
  cause?: unknown;
}

export class AppPassError extends Error {
  /** Values a face fills into its own wording of `code`. */
  readonly params: MessageParams;

  /** `message` is the code itself: what reaches a log is never a sentence or a secret. */
  constructor(
    readonly code: string,
    readonly kind: ErrorKind = 'failed',
    options: ErrorOptions = {},
  ) {
    super(code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppPassError';
    this.params = options.params ?? {};
  }
}
