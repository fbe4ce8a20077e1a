import { z } from 'zod';
import type { AppPassword } from '../../protocol/broker-api.js';
import { PROTOCOL_SCOPES, type ProtocolScope } from '../../protocol/scopes.js';
import type { MailcowClient } from './client.js';
import { MailcowError } from './errors.js';
import { decodeName, mailcowTimeToIso } from './names.js';

export interface Mailbox {
  username: string;
  name: string;
  active: boolean;
  /** mailcow, keycloak, generic-oidc, ldap (null when mailcow does not say). */
  authSource: string | null;
  /** Bytes. */
  quotaUsed: number | null;
  quota: number | null;
}

export interface PasswordPolicy {
  length: number;
  chars: boolean;
  specialChars: boolean;
  lowerUpper: boolean;
  numbers: boolean;
}

const flag = z.union([z.number(), z.string(), z.boolean(), z.null()]).optional();
const isOne = (v: unknown) => v === 1 || v === '1' || v === true;

const appPasswordRow = z.object({
  id: z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(Number),
  name: z.string(),
  mailbox: z.string(),
  created: z.string(),
  modified: z.string().nullable().optional(),
  active: flag,
  ...Object.fromEntries(PROTOCOL_SCOPES.map((s) => [s, flag])),
});

const bytes = z.union([z.number(), z.string(), z.null()]).optional();
const mailboxRow = z.object({
  username: z.string(),
  name: z.string().nullable().optional(),
  active: flag,
  authsource: z.string().nullable().optional(),
  quota_used: bytes,
  quota: bytes,
});

const toBytes = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : null;
};

const policyRow = z.object({
  length: z.union([z.string(), z.number()]).optional(),
  chars: flag,
  special_chars: flag,
  lowerupper: flag,
  numbers: flag,
});

const resultEntry = z.object({ type: z.string(), msg: z.unknown().optional() });

/** `{}` is mailcow's empty list; anything else must be an array. */
function asList(json: unknown, what: string): unknown[] {
  if (Array.isArray(json)) return json;
  if (json && typeof json === 'object' && Object.keys(json).length === 0) return [];
  throw new MailcowError('bad_answer', `${what}: expected a list`);
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new MailcowError('bad_answer', `${what}: unexpected shape`);
  return r.data;
}

/** App passwords named `name` that `after` has and `before` had not, newest first. */
export function newSince(
  before: readonly { id: number }[],
  after: AppPassword[],
  name: string,
): AppPassword[] {
  const known = new Set(before.map((p) => p.id));
  return after.filter((p) => !known.has(p.id) && p.name === name).sort((a, b) => b.id - a.id);
}

/** A mailbox as a path segment. `+` must survive nginx's and PHP's decoding, hence %252B. */
export function mailboxSegment(mailbox: string): string {
  return encodeURIComponent(mailbox).replace(/%2B/gi, '%252B');
}

/**
 * Checks an add/edit/delete answer: HTTP 200 may still carry `type: danger`. Its message goes
 * to the log and the client's problem detail, so `words` takes out what the broker sent (the
 * key, the password just sent) before cutting it short.
 */
export function checkWriteResult(
  json: unknown,
  what: string,
  words: (text: string, max: number) => string,
): void {
  const entries = Array.isArray(json) ? json : [json];
  const parsed = entries.map((e) => parse(resultEntry, e, what));
  const failed = parsed.find((e) => e.type === 'danger' || e.type === 'error');
  if (failed) {
    const msg = Array.isArray(failed.msg) ? failed.msg[0] : failed.msg;
    throw new MailcowError('danger', typeof msg === 'string' ? words(msg, 80) : failed.type);
  }
  if (!parsed.some((e) => e.type === 'success'))
    throw new MailcowError('bad_answer', `${what}: no success message`);
}

/** The app-password, mailbox and policy calls the broker makes, always naming the mailbox. */
export class MailcowApi {
  constructor(
    readonly client: MailcowClient,
    private readonly timeZone: string,
  ) {}

  async listAppPasswords(mailbox: string): Promise<AppPassword[]> {
    const json = await this.client.read(`get/app-passwd/all/${mailboxSegment(mailbox)}`);
    const rows = asList(json, 'app password list').map((r) =>
      parse(appPasswordRow, r, 'app password'),
    );
    return rows
      .filter((r) => r.mailbox.toLowerCase() === mailbox.toLowerCase())
      .map((r) => ({
        id: r.id,
        name: decodeName(r.name),
        protocols: PROTOCOL_SCOPES.filter((s) => isOne((r as Record<string, unknown>)[s])),
        active: isOne(r.active),
        created: mailcowTimeToIso(r.created, this.timeZone) ?? r.created,
        modified: r.modified ? (mailcowTimeToIso(r.modified, this.timeZone) ?? r.modified) : null,
      }));
  }

  async addAppPassword(
    mailbox: string,
    name: string,
    password: string,
    protocols: ProtocolScope[],
  ): Promise<void> {
    const json = await this.client.write(
      'add/app-passwd',
      {
        username: mailbox,
        app_name: name,
        app_passwd: password,
        app_passwd2: password,
        active: 1,
        protocols,
      },
      [password],
    );
    checkWriteResult(json, 'add app password', (t, max) => this.client.words(t, max, [password]));
  }

  async deleteAppPassword(id: number): Promise<void> {
    const json = await this.client.write('delete/app-passwd', [id]);
    checkWriteResult(json, 'delete app password', (t, max) => this.client.words(t, max));
  }

  /** The mailbox, or null when mailcow does not know it (`{}`). */
  async getMailbox(mailbox: string): Promise<Mailbox | null> {
    const json = await this.client.read(`get/mailbox/${mailboxSegment(mailbox)}`);
    const list = Array.isArray(json)
      ? json
      : json && typeof json === 'object' && Object.keys(json).length
        ? [json]
        : [];
    const row = list
      .map((r) => parse(mailboxRow, r, 'mailbox'))
      .find((r) => r.username.toLowerCase() === mailbox.toLowerCase());
    // active 2 means "login disallowed": app passwords are refused at login then, so not active.
    if (!row) return null;
    return {
      username: row.username,
      name: row.name ?? '',
      active: isOne(row.active),
      authSource: row.authsource ?? null,
      quotaUsed: toBytes(row.quota_used),
      quota: toBytes(row.quota),
    };
  }

  async passwordPolicy(): Promise<PasswordPolicy> {
    const p = parse(policyRow, await this.client.read('get/passwordpolicy'), 'password policy');
    const length = Number(p.length ?? 0);
    return {
      length: Number.isFinite(length) ? length : 0,
      chars: isOne(p.chars),
      specialChars: isOne(p.special_chars),
      lowerUpper: isOne(p.lowerupper),
      numbers: isOne(p.numbers),
    };
  }

  /** A cheap authenticated call for /healthz. */
  async ping(timeoutMs: number): Promise<void> {
    await this.client.read('get/status/version', timeoutMs);
  }
}
