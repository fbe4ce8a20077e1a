import { Fail2ban } from './fail2ban.js';
import { DEFAULT_POLICY, type PasswordPolicy } from './password.js';
import { mysqlDatetime } from './php.js';

export const SCOPES = [
  'imap_access',
  'smtp_access',
  'eas_access',
  'dav_access',
  'pop3_access',
  'sieve_access',
] as const;
export type Scope = (typeof SCOPES)[number];

/** One row of table app_passwd; `name` holds the stored (escaped once) value. */
export interface AppPasswordRow extends Record<Scope, number> {
  id: number;
  name: string;
  mailbox: string;
  domain: string;
  password: string;
  created: string;
  modified: string | null;
  active: number;
}

export interface MailboxRecord {
  username: string;
  name: string;
  /** 0 inactive, 1 active, 2 "login disallowed, mail still accepted". */
  active: number;
  attributes: Record<string, string>;
  created: string;
  /** mailbox.authsource: mailcow, keycloak, generic-oidc, ldap. */
  authsource: string;
  /** Bytes (quota2.bytes and mailbox.quota). */
  quota_used: number;
  quota: number;
}

/** One row of table sasl_log (init_db.inc.php): the last successful login per key. */
export interface SaslLogRow {
  service: string;
  /** INT: the app password's id, 0 for the mailbox password. */
  app_password: number;
  username: string;
  real_rip: string;
  datetime: Date;
}

export interface Message {
  type: 'success' | 'danger' | 'warning';
  log?: unknown[];
  msg: string | [string, unknown];
}

/** Everything the emulator knows; only hashes are kept. */
export class Store {
  readonly mailboxes = new Map<string, MailboxRecord>();
  appPasswords: AppPasswordRow[] = [];
  policy: PasswordPolicy = { ...DEFAULT_POLICY };
  /** Table sasl_log, keyed like its primary key (service, real_rip, username). */
  readonly saslLog = new Map<string, SaslLogRow>();
  /** The database's NOW() and PHP's time(); tests may move it. */
  clock: () => Date = () => new Date();
  /** Redis hash IP_SHORTCOUNTRY (last_login() caches country codes there). */
  readonly ipCountries = new Map<string, string>();
  /** Redis F2B_* keys and netfilter's state. */
  readonly fail2ban = new Fail2ban(() => this.clock());
  private nextId = 1;

  takeId(): number {
    return this.nextId++;
  }

  /** hasMailboxObjectAccess for the admin API user: the mailbox's domain exists. */
  adminHasAccess(username: string): boolean {
    const domain = username.split('@')[1]?.toLowerCase();
    return [...this.mailboxes.values()].some((m) => m.username.split('@')[1] === domain);
  }

  /** mailbox('get','mailbox_details', u) as far as app passwords need it. */
  mailboxDetails(username: string): MailboxRecord | undefined {
    return this.mailboxes.get(username.toLowerCase());
  }

  rowsOf(mailbox: string): AppPasswordRow[] {
    return this.appPasswords.filter((r) => r.mailbox === mailbox).sort((a, b) => a.id - b.id);
  }

  rowById(id: unknown): AppPasswordRow | undefined {
    const n = sqlId(id);
    return n === undefined ? undefined : this.appPasswords.find((r) => r.id === n);
  }

  now(): string {
    return mysqlDatetime(this.clock());
  }
}

/** How MariaDB would match a bound id parameter against an INT column. */
function sqlId(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\s*\d+\s*$/.test(v)) return parseInt(v, 10);
  return undefined;
}
