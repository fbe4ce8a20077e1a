import { listAppPasswd, type Caller } from './app-passwd.js';
import { lastLogin, lastLoginDays } from './last-login.js';
import type { PasswordPolicy } from './password.js';
import type { MailboxRecord, Store } from './store.js';

// The `get` categories the emulator serves. Each returns the data process_get_return prints
// ({} for empty), `undefined` for "route not found", or EMPTY_BODY for a PHP fatal error.

export const EMPTY_BODY = Symbol('empty body');
export const MAILCOW_VERSION = '2026-07a';

type GetResult = unknown | typeof EMPTY_BODY | undefined;

function policyStrings(p: PasswordPolicy): Record<string, string> {
  return {
    length: String(p.length),
    chars: String(p.chars),
    special_chars: String(p.special_chars),
    lowerupper: String(p.lowerupper),
    numbers: String(p.numbers),
  };
}

const POLICY_TEXT: Array<[keyof PasswordPolicy, (p: PasswordPolicy) => string]> = [
  ['length', (p) => `Minimum password length is ${p.length}`],
  ['chars', () => 'Must contain at least one letter'],
  ['special_chars', () => 'Must contain at least one special character'],
  ['lowerupper', () => 'Must contain lower and upper case letters'],
  ['numbers', () => 'Must contain at least one number'],
];

function policyHtml(p: PasswordPolicy): string {
  const lines = POLICY_TEXT.filter(([k]) => p[k] !== 0).map(([, text]) => `- ${text(p)}`);
  return `<p class="help-block small">${lines.join('<br>')}</p>`;
}

function mailboxJson(m: MailboxRecord): Record<string, unknown> {
  const [localPart, domain] = m.username.split('@');
  return {
    active: m.active,
    active_int: m.active,
    attributes: m.attributes,
    authsource: m.authsource,
    created: m.created,
    custom_attributes: {},
    domain,
    is_relayed: 0,
    last_imap_login: 0,
    last_pop3_login: 0,
    last_smtp_login: 0,
    last_sso_login: 0,
    local_part: localPart,
    max_new_quota: 10737418240,
    messages: 0,
    modified: null,
    name: m.name,
    percent_class: 'success',
    percent_in_use: m.quota ? Math.round((m.quota_used / m.quota) * 100) : '- ',
    quota: m.quota,
    quota_used: m.quota_used,
    username: m.username,
  };
}

function getMailbox(store: Store, object: string | undefined, extra: string | undefined): unknown {
  if (object === undefined || object === 'all' || object === 'reduced') {
    const domains = extra ? extra.split(',') : undefined;
    return [...store.mailboxes.values()]
      .filter((m) => !domains || domains.includes(m.username.split('@')[1] ?? ''))
      .map(mailboxJson);
  }
  const m = store.mailboxDetails(object);
  return m ? mailboxJson(m) : {};
}

export function getRoute(store: Store, caller: Caller, parts: string[]): GetResult {
  const [category, object, extra] = parts;
  switch (category) {
    case 'app-passwd':
      return object === 'all' ? listAppPasswd(store, caller, extra) : EMPTY_BODY;
    case 'passwordpolicy':
      return object === 'html' ? policyHtml(store.policy) : policyStrings(store.policy);
    case 'mailbox':
      return getMailbox(store, object, extra);
    case 'last-login': // json_api.php: only `if ($object)`; nothing printed without one
      return object
        ? lastLogin(store, caller, object, lastLoginDays(extra), store.ipCountries)
        : EMPTY_BODY;
    case 'fail2ban': // any object: fail2ban('get')
      return store.fail2ban.get(caller);
    case 'status':
      return object === 'version' ? { version: MAILCOW_VERSION } : undefined;
    default:
      return undefined;
  }
}
