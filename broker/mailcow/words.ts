const MARK = '[redacted]';

/**
 * mailcow's own words (an error `msg`), fit for the operator's log and the client's problem:
 * every secret the broker sent (the API key, a new app password) replaced first, then cut to
 * `max` characters. The other order would leave the part of an echoed secret before the cut,
 * which no later scrub could find. (The client's main/core/diagnostics/redact.ts does the same
 * for mail servers; the broker is deployed alone and cannot import it.)
 */
export function serverWords(text: string, secrets: readonly string[], max: number): string {
  let out = text;
  for (const s of secrets) if (s !== '') out = out.split(s).join(MARK);
  return out.slice(0, max);
}
