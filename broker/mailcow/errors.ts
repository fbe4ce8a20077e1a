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
