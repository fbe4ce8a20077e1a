import { AppPassError, EXIT_CODES } from '../core/errors.js';
import { errorText } from './render/errors.js';

export interface Failure {
  code: string;
  message: string;
  exitCode: number;
  /** Only for unexpected errors: the detail shown with APPPASS_DEBUG=1 (redacted). */
  debug?: string;
}

/** Node's parseArgs errors are usage errors. */
const PARSE_ARGS_CODES = new Set([
  'ERR_PARSE_ARGS_UNKNOWN_OPTION',
  'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
  'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL',
]);

/**
 * Turns any thrown value into what the user sees: expected failures (AppPassError and
 * friends) as their one-sentence message; anything else as one line pointing at APPPASS_DEBUG.
 */
export function describeFailure(error: unknown): Failure {
  if (error instanceof AppPassError) {
    return { code: error.code, message: errorText(error), exitCode: EXIT_CODES[error.kind] };
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && PARSE_ARGS_CODES.has(code)) {
    return {
      code: 'usage',
      message: `${(error as Error).message.split('\n')[0]} (see --help).`,
      exitCode: 2,
    };
  }
  const message =
    redact(error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  return {
    code: 'unexpected',
    message: `Unexpected error: ${message.slice(0, 300)}. Run with APPPASS_DEBUG=1 for details.`,
    exitCode: 1,
    debug: redact(error instanceof Error ? (error.stack ?? error.message) : String(error)),
  };
}

/**
 * Best-effort scrub for debug output: bearer tokens, JWTs, password-like assignments and
 * long opaque strings. Secrets should never be in errors at all; this is a second fence.
 */
export function redact(text: string): string {
  return text
    .replace(/(bearer\s+)[^\s"']+/gi, '$1[redacted]')
    .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[redacted-jwt]')
    .replace(
      /((?:password|passwd|pass|secret|token|code)["']?\s*[:=]\s*["']?)[^\s"',&]+/gi,
      '$1[redacted]',
    )
    .replace(/\b[A-Za-z0-9+/_-]{32,}={0,2}/g, '[redacted]');
}
