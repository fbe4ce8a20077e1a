/**
 * What can go wrong talking to mailcow. `reason` is safe to log and to show (mailcow's
 * translation keys and our own words; never the key, a body or a password).
 */
export type MailcowFailure =
  | 'auth' // 401: wrong, inactive or IP-bound key (we back off, see client.ts)
  | 'timeout'
  | 'unreachable'
  | 'bad_answer' // HTML, empty body, or JSON of the wrong shape
  | 'refused' // a non-200 JSON error (403 read-only key, 404 route not found, ...)
  | 'danger'; // HTTP 200 with a `type: danger` message

export class MailcowError extends Error {
  override name = 'MailcowError';
  constructor(
    readonly failure: MailcowFailure,
    readonly reason: string,
  ) {
    super(`mailcow ${failure}: ${reason}`);
  }
}

/** Connection failures that mean the request never reached mailcow. */
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * True when a write may have been carried out although its answer was lost (timeout, garbled
 * answer, connection dropped mid-request). `danger`, `refused` and `auth` answers mean mailcow
 * did not do it.
 */
export function writeOutcomeUnknown(e: unknown): boolean {
  if (!(e instanceof MailcowError)) return false;
  if (e.failure === 'unreachable') return !NEVER_SENT.has(e.reason);
  return e.failure === 'timeout' || e.failure === 'bad_answer';
}
