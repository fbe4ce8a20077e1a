import type { Advice, Message, MessageParams } from '../../protocol/messages.js';
import type { CodeTexts } from './i18n/codes-en.js';
import { fill } from './i18n/translate.js';

// The core's codes in the person's language: the values some wordings need are derived here
// (service names, durations, what to install), then filled into the language's text.

const SERVICE_NAMES: Record<string, string> = {
  imap: 'IMAP',
  smtp: 'SMTP',
  pop3: 'POP3',
  sieve: 'ManageSieve',
};
const FAMILIES: Record<string, string> = { ipv4: 'IPv4', ipv6: 'IPv6' };

function duration(texts: CodeTexts, seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 120) return fill(texts.durations.seconds, { n: s });
  if (s < 7200) return fill(texts.durations.minutes, { n: Math.round(s / 60) });
  return fill(texts.durations.hours, { n: Math.round(s / 3600) });
}

const platformGroup = (p: unknown): keyof CodeTexts['keychainInstall'] =>
  p === 'darwin' ? 'darwin' : p === 'win32' ? 'other' : 'linux';

function derived(texts: CodeTexts, p: MessageParams): MessageParams {
  const out: Record<string, string | number> = { ...p };
  for (const key of ['service', 'loggedInWith', 'gate'])
    if (typeof p[key] === 'string') out[key] = SERVICE_NAMES[p[key]] ?? p[key];
  for (const key of ['family', 'other'])
    if (typeof p[key] === 'string') out[key] = FAMILIES[p[key]] ?? p[key];
  if (typeof p.reason === 'string' && p.reason in texts.keychainReasons)
    out.reason = texts.keychainReasons[p.reason as keyof CodeTexts['keychainReasons']];
  if (p.platform !== undefined) out.install = texts.keychainInstall[platformGroup(p.platform)];
  if (typeof p.role === 'string' && p.role in texts.urlRoles)
    out.role = texts.urlRoles[p.role as keyof CodeTexts['urlRoles']];
  if (typeof p.ms === 'number') out.minutes = Math.max(1, Math.round(p.ms / 60_000));
  if (typeof p.skewSeconds === 'number') {
    out.skew = duration(texts, p.skewSeconds);
    out.side = texts.clockSide[p.skewSeconds > 0 ? 'ahead' : 'behind'];
  }
  // a discovery note behind an error (invalid_config): worded first, then filled in as detail
  if (typeof p.note === 'string' && p.note in texts.notes)
    out.detail = fill(texts.notes[p.note as keyof CodeTexts['notes']], p);
  out.description = p.description ? `(“${p.description}”)` : '';
  out.said = p.said ?? '';
  return out;
}

/** An error in the person's language; an unknown code shows main's English message. */
export function errorText(texts: CodeTexts, e: Message & { message?: string }): string {
  const text = (texts.errors as Readonly<Record<string, string>>)[e.code];
  if (!text) return e.message ?? e.code;
  return fill(text, derived(texts, e.params)).replace(/\s+/g, ' ').trim();
}

/** The hints of a check or finding in the person's language, one sentence each. */
export function hintText(texts: CodeTexts, advice: readonly Advice[] | undefined): string {
  return (advice ?? []).map((a) => fill(texts.hints[a.code], derived(texts, a.params))).join(' ');
}

/** The technical particulars an error may carry, in the order they are listed. */
const DETAIL_PARAMS: ReadonlyArray<[string, (value: string | number) => string]> = [
  ['host', String],
  ['origin', String],
  ['status', (status) => `HTTP ${status}`],
  ['reason', String],
  ['what', String],
  ['said', (said) => `“${said}”`],
  ['tried', String],
];

/**
 * The particulars of an error its sentence does not already say (host, HTTP status, what the
 * server said…), as the command shows them: "broker.example.org, HTTP 502"; null when none.
 */
export function errorDetails(texts: CodeTexts, e: Message): string | null {
  const text = (texts.errors as Readonly<Record<string, string>>)[e.code] ?? '';
  const used = new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
  const parts = DETAIL_PARAMS.flatMap(([name, format]) => {
    const value = e.params[name];
    return used.has(name) || value === undefined || value === '' ? [] : [format(value)];
  });
  return parts.length ? parts.join(', ') : null;
}
