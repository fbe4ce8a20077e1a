import type { DoctorReport } from '../../../protocol/report.js';

const MARK = '[redacted]';

/** The forms in which a password can show up in text: as is, and base64 inside SASL. */
export function secretForms(user: string, pass: string): string[] {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  return [pass, b64(pass), b64(`\0${user}\0${pass}`), b64(`${user}\0${user}\0${pass}`)].filter(
    (s) => s.length >= 4,
  );
}

/** Replace every secret in `text`; base64 AUTH blobs of any kind are masked too. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join(MARK);
  return out.replace(/\b(AUTH(?:ENTICATE)?\s+"?PLAIN"?\s+)"?[A-Za-z0-9+/=]{8,}"?/gi, `$1${MARK}`);
}

/**
 * A server's words, fit for a report: scrubbed first, then cut to `max` characters. The other
 * order would leave the part of an echoed password before the cut, which no scrub then finds.
 */
export function serverWords(text: string, secrets: readonly string[], max = 120): string {
  return scrub(text, secrets).slice(0, max);
}

function maskLocalPart(address: string): string {
  const at = address.lastIndexOf('@');
  return at > 0 ? `***${address.slice(at)}` : '***';
}

function mapStrings<T>(value: T, fn: (s: string) => string): T {
  if (typeof value === 'string') return fn(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, fn)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)])) as T;
  }
  return value;
}

/** Every string of a report (or part of one) passed through scrub(): the last guard before it leaves. */
export function scrubDeep<T>(value: T, secrets: readonly string[]): T {
  return secrets.length ? mapStrings(value, (s) => scrub(s, secrets)) : value;
}

/** `--redact`: the mailbox's local part masked wherever it appears. */
export function redactReport(report: DoctorReport): DoctorReport {
  const target = report.target;
  const at = target.lastIndexOf('@');
  const local = at > 0 ? target.slice(0, at) : target;
  const masked = maskLocalPart(target);
  return mapStrings(report, (s) => s.split(target).join(masked).split(`${local}@`).join(`***@`));
}
