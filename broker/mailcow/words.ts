const MARK = '[redacted]';

/** PHP's htmlspecialchars (ENT_QUOTES): how mailcow may echo a value inside its messages. */
const HTML: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#039;',
};
const htmlEscaped = (s: string) => s.replace(/[&<>"']/g, (c) => HTML[c] ?? c);

/**
 * mailcow's own words (an error `msg`), fit for the operator's log and the client's problem:
 * every secret the broker sent (the API key, a new app password) replaced first, then cut to
 * `max` characters. The other order would leave the part of an echoed secret before the cut,
 * which no later scrub could find. (The client's main/core/diagnostics/redact.ts does the same
 * for mail servers; the broker is deployed alone and cannot import it.)
 */
export function serverWords(text: string, secrets: readonly string[], max: number): string {
  let out = text;
  for (const s of secrets.filter((x) => x !== ''))
    for (const form of new Set([s, htmlEscaped(s)])) out = out.split(form).join(MARK);
  return out.slice(0, max);
}
