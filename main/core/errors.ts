/**
 * Every failure a user can meet is an AppPassError: a stable `code`, a message written for
 * people (never containing a secret), and the `apppass` exit-code class it belongs to.
 */
export type ErrorKind = 'failed' | 'usage' | 'auth';

/** Exit codes of the `apppass` command (docs/architecture.md, "Contracts"). */
export const EXIT_CODES: Record<ErrorKind, number> = { failed: 1, usage: 2, auth: 3 };

/** Values a face fills into its own wording of a code (never a secret). */
export type MessageParams = Readonly<Record<string, string | number>>;

export class AppPassError extends Error {
  /** Values a face fills into its own wording of `code`. */
  readonly params: MessageParams;

  constructor(
    readonly code: string,
    message: string,
    readonly kind: ErrorKind = 'failed',
    options?: { cause?: unknown; params?: MessageParams },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppPassError';
    this.params = options?.params ?? {};
  }
}
