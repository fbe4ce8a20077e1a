import { hashPassword, passwordCheck } from './password.js';
import { htmlspecialchars, intval, isValidEmail, phpEmpty, phpString, toArray } from './php.js';
import { SCOPES, type AppPasswordRow, type Message, type Store } from './store.js';

// functions.app_passwd.inc.php, step for step (see mailcow-api.md section 2).

export interface Caller {
  /** Session user: 'API' for an API key, null when anonymous. */
  user: string | null;
  admin: boolean;
}

type Attr = Record<string, unknown>;

/** Raised where real mailcow hits an uncaught PDOException: HTTP 200, empty body. */
export class UncaughtPhpError extends Error {}

function masked(attr: Attr): Attr {
  const log = { ...attr };
  if ('app_passwd' in log) log.app_passwd = '*';
  if ('app_passwd2' in log) log.app_passwd2 = '*';
  return log;
}

/** Who the target user is (2.0); null = access_denied. */
function targetUser(store: Store, caller: Caller, attr: Attr): string | null {
  const u = attr.username;
  if (isValidEmail(u)) return caller.admin && store.adminHasAccess(u) ? u.toLowerCase() : null;
  return caller.user;
}

function scopesFrom(protocols: unknown): Record<(typeof SCOPES)[number], number> {
  const list = toArray(protocols);
  const has = (s: string) => list.some((p) => p === true || p === s);
  return Object.fromEntries(SCOPES.map((s) => [s, has(s) ? 1 : 0])) as Record<
    (typeof SCOPES)[number],
    number
  >;
}

export function addAppPasswd(store: Store, caller: Caller, attr: Attr): Message[] {
  const log = ['app_passwd', 'add', masked(attr)];
  const danger = (msg: string): Message[] => [{ type: 'danger', log, msg }];
  const user = targetUser(store, caller, attr);
  const mailbox = user === null ? undefined : store.mailboxDetails(user);
  if (!mailbox) return danger('access_denied');
  const problem = passwordCheck(store.policy, attr.app_passwd, attr.app_passwd2);
  if (problem) return danger(problem);
  const password = hashPassword(phpString(attr.app_passwd));
  const name = htmlspecialchars(phpString(attr.app_name).trim());
  if (phpEmpty(name)) return danger('app_name_empty');
  store.appPasswords.push({
    id: store.takeId(),
    name,
    mailbox: mailbox.username,
    domain: mailbox.username.split('@')[1] ?? '',
    password,
    created: store.now(),
    modified: null,
    ...scopesFrom(attr.protocols),
    active: intval(attr.active),
  });
  return [{ type: 'success', log, msg: 'app_passwd_added' }];
}

/** One id of an edit; returns the message to queue, or null on success. */
function editOne(store: Store, caller: Caller, user: string | null, id: unknown, attr: Attr) {
  const row = store.rowById(id);
  if (!row || !caller.admin || !store.adminHasAccess(row.mailbox)) {
    return ['app_passwd_id_invalid', id] as [string, unknown];
  }
  const readName = htmlspecialchars(row.name); // details() escapes on every read
  const name = htmlspecialchars(
    (phpEmpty(attr.app_name) ? readName : phpString(attr.app_name)).trim(),
  );
  let hash: string | undefined;
  if (!phpEmpty(attr.app_passwd) && !phpEmpty(attr.app_passwd2)) {
    const problem = passwordCheck(store.policy, attr.app_passwd, attr.app_passwd2);
    if (problem) return problem;
    hash = hashPassword(phpString(attr.app_passwd));
  }
  if (user === null || !store.mailboxDetails(user)) throw new UncaughtPhpError('FK violation');
  const before = JSON.stringify(row);
  if (hash !== undefined && row.mailbox === user) row.password = hash; // WHERE mailbox = target
  row.name = name;
  row.mailbox = user; // the final UPDATE moves the row to the target user
  if (attr.protocols !== undefined && attr.protocols !== null) {
    Object.assign(row, scopesFrom(attr.protocols));
  }
  if (attr.active !== undefined && attr.active !== null) row.active = intval(attr.active);
  if (JSON.stringify(row) !== before) row.modified = store.now();
  return null;
}

export function editAppPasswd(store: Store, caller: Caller, items: unknown, attr: Attr): Message[] {
  const ids = toArray(items);
  const log = ['app_passwd', 'edit', masked({ id: ids, ...attr })];
  const user = targetUser(store, caller, attr);
  if (isValidEmail(attr.username) && user === null) {
    return [{ type: 'danger', log, msg: 'access_denied' }];
  }
  const backup = structuredClone(store.appPasswords);
  const messages: Message[] = [];
  const allIds = ids.map(phpString).join(', ');
  try {
    for (const id of ids) {
      const problem = editOne(store, caller, user, id, attr);
      if (problem === null)
        messages.push({ type: 'success', log, msg: ['object_modified', allIds] });
      else messages.push({ type: 'danger', log, msg: problem });
    }
  } catch (e) {
    store.appPasswords = backup; // the PDOException aborts the request before anything sticks
    throw e;
  }
  return messages;
}

export function deleteAppPasswd(store: Store, caller: Caller, items: unknown): Message[] {
  const ids = toArray(items);
  const log = ['app_passwd', 'delete', { id: ids }];
  const messages: Message[] = [];
  for (const id of ids) {
    const row = store.rowById(id);
    if (!row) return [...messages, { type: 'danger', log, msg: 'app_passwd_id_invalid' }];
    if (!caller.admin || !store.adminHasAccess(row.mailbox)) {
      return [...messages, { type: 'danger', log, msg: 'access_denied' }];
    }
    store.appPasswords = store.appPasswords.filter((r) => r !== row);
    messages.push({
      type: 'success',
      log,
      msg: ['app_passwd_removed', htmlspecialchars(phpString(id))],
    });
  }
  return messages;
}

/** get/app-passwd/all[/<mailbox>]: rows as details() returns them (name escaped again). */
export function listAppPasswd(
  store: Store,
  caller: Caller,
  segment: string | undefined,
): AppPasswordRow[] {
  const user = isValidEmail(segment) ? segment.toLowerCase() : caller.user;
  if (user === null || !caller.admin || !store.adminHasAccess(user)) return [];
  return store.rowsOf(user).map((r) => ({ ...r, name: htmlspecialchars(r.name) }));
}
