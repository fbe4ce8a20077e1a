import type { MailService } from '../../../protocol/scopes.js';

/** What a check learns from the capability exchange. */
export interface Capabilities {
  starttls: boolean;
  loginDisabled: boolean;
  /** SASL mechanisms offered, upper case (PLAIN, LOGIN, ...). */
  mechanisms: string[];
  /** A password login is possible with what was offered (SASL PLAIN/LOGIN or a LOGIN/USER command). */
  canLogin: boolean;
  /** The capability words as the server sent them (IMAP); the others leave it empty. */
  words: string[];
}

type Done = (lines: string[]) => boolean;

/**
 * The few exchanges each mail protocol needs before authentication: how its greeting and
 * replies end, how it lists capabilities, and how STARTTLS is asked for.
 */
export interface Dialect {
  greetingDone: Done;
  greetingOk(lines: string[]): boolean;
  /** Command that lists capabilities, or undefined when the server pushes them (Sieve). */
  capsCommand(afterGreeting: string[]): string | undefined;
  capsDone: Done;
  parseCaps(lines: string[]): Capabilities;
  starttls: string;
  starttlsDone: Done;
  starttlsOk(lines: string[]): boolean;
  /** After TLS, the capabilities come from a command (true) or are pushed by the server. */
  capsPushedAfterTls: boolean;
}

const last = (lines: string[]): string => lines[lines.length - 1] ?? '';
const tagged =
  (tag: string): Done =>
  (lines) =>
    lines.some((l) => l.startsWith(`${tag} `));

/** From `* OK [CAPABILITY a b] text` or `* CAPABILITY a b`. */
function imapCapabilityWords(lines: string[]): string[] {
  for (const line of lines) {
    const m = /\[CAPABILITY ([^\]]*)\]/i.exec(line) ?? /^\* CAPABILITY (.*)$/i.exec(line);
    if (m?.[1]) return m[1].split(/\s+/).filter(Boolean);
  }
  return [];
}

const imap: Dialect = {
  greetingDone: (lines) => lines.length > 0,
  greetingOk: (lines) => /^\* (OK|PREAUTH)\b/i.test(lines[0] ?? ''),
  // Dovecot puts [CAPABILITY ...] into the greeting: no round trip then
  capsCommand: (g) => (/\[CAPABILITY /i.test(g.join(' ')) ? undefined : 'C1 CAPABILITY'),
  capsDone: (lines) => lines.length > 0 && !lines.every((l) => l.startsWith('*')),
  parseCaps(lines) {
    const words = imapCapabilityWords(lines);
    const upper = words.map((w) => w.toUpperCase());
    const mechanisms = upper.filter((w) => w.startsWith('AUTH=')).map((w) => w.slice(5));
    const loginDisabled = upper.includes('LOGINDISABLED');
    const starttls = upper.includes('STARTTLS');
    return { starttls, loginDisabled, mechanisms, canLogin: !loginDisabled, words };
  },
  starttls: 'S1 STARTTLS',
  starttlsDone: tagged('S1'),
  starttlsOk: (lines) => /^S1 OK\b/i.test(last(lines)),
  capsPushedAfterTls: false,
};

// A reply ends at the first line that is not `NNN-` (a non-SMTP line ends it too).
const smtpDone: Done = (lines) => lines.length > 0 && !/^\d{3}-/.test(last(lines));
const smtp: Dialect = {
  greetingDone: smtpDone,
  greetingOk: (lines) => last(lines).startsWith('220'),
  capsCommand: () => 'EHLO checker.invalid',
  capsDone: smtpDone,
  parseCaps(lines) {
    const ext = lines.map((l) => l.slice(4).toUpperCase());
    const auth = ext.find((e) => /^AUTH[ =]/.test(e));
    const mechanisms = auth
      ? auth
          .slice(5)
          .split(/[\s=]+/)
          .filter(Boolean)
      : [];
    const canLogin = mechanisms.includes('PLAIN') || mechanisms.includes('LOGIN');
    return {
      starttls: ext.includes('STARTTLS'),
      loginDisabled: false,
      mechanisms,
      canLogin,
      words: [],
    };
  },
  starttls: 'STARTTLS',
  starttlsDone: smtpDone,
  starttlsOk: (lines) => last(lines).startsWith('220'),
  capsPushedAfterTls: false,
};

const pop3: Dialect = {
  greetingDone: (lines) => lines.length > 0,
  greetingOk: (lines) => (lines[0] ?? '').startsWith('+OK'),
  capsCommand: () => 'CAPA',
  capsDone: (lines) => (lines[0] ?? '').startsWith('-ERR') || last(lines) === '.',
  parseCaps(lines) {
    const caps = lines.slice(1).map((l) => l.toUpperCase());
    const sasl = caps.find((c) => c.startsWith('SASL'));
    const mechanisms = sasl ? sasl.split(/\s+/).slice(1) : [];
    const user = caps.includes('USER');
    const canLogin = user || mechanisms.includes('PLAIN') || mechanisms.includes('LOGIN');
    return {
      starttls: caps.includes('STLS'),
      loginDisabled: false,
      mechanisms,
      canLogin,
      words: [],
    };
  },
  starttls: 'STLS',
  starttlsDone: (lines) => lines.length > 0,
  starttlsOk: (lines) => (lines[0] ?? '').startsWith('+OK'),
  capsPushedAfterTls: false,
};

// Capability lines are quoted strings; the first other line (OK/NO/BYE) ends the reply.
const sieveDone: Done = (lines) => lines.length > 0 && !last(lines).startsWith('"');
const sieve: Dialect = {
  greetingDone: sieveDone,
  greetingOk: (lines) => /^OK\b/i.test(last(lines)),
  capsCommand: () => undefined, // the greeting is the capability list
  capsDone: sieveDone,
  parseCaps(lines) {
    const value = (key: string) =>
      lines.find((l) => l.toUpperCase().startsWith(`"${key}"`))?.slice(key.length + 2);
    const sasl = value('SASL');
    const mechanisms = sasl
      ? sasl.replace(/"/g, '').trim().toUpperCase().split(/\s+/).filter(Boolean)
      : [];
    const canLogin = mechanisms.includes('PLAIN') || mechanisms.includes('LOGIN');
    return {
      starttls: value('STARTTLS') !== undefined,
      loginDisabled: false,
      mechanisms,
      canLogin,
      words: [],
    };
  },
  starttls: 'STARTTLS',
  starttlsDone: sieveDone,
  starttlsOk: (lines) => /^OK\b/i.test(last(lines)),
  capsPushedAfterTls: true,
};

export const DIALECTS: Record<MailService, Dialect> = { imap, smtp, pop3, sieve };
