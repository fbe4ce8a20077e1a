import {
  addAppPasswd,
  deleteAppPasswd,
  editAppPasswd,
  UncaughtPhpError,
  type Caller,
} from './app-passwd.js';
import { EMPTY_BODY, getRoute } from './get-routes.js';
import type { PasswordPolicy } from './password.js';
import { intval, phpJson, phpJsonPretty } from './php.js';
import type { Message, Store } from './store.js';

// json_api.php after authentication: body parsing, the order of its checks, the answers.

export interface ApiSession {
  access: 'rw' | 'ro' | null;
  /** Messages left in the PHP session by an uncaught error, shown at the head of the next answer. */
  pending: Message[];
}

export interface ApiRequest {
  method: string;
  /** The `query` nginx hands to PHP, already decoded the way PHP decodes it. */
  query: string;
  contentType: string;
  body: Buffer;
}

export interface ApiAnswer {
  status: number;
  body: string;
}

const err = (status: number, msg: string): ApiAnswer => ({
  status,
  body: phpJson({ type: 'error', msg }),
});
const ROUTE_NOT_FOUND = err(404, 'route not found');

type Posted = { attr?: unknown; items?: unknown } | 'invalid';

function decodeJson(body: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)) as unknown;
  } catch {
    return null;
  }
}

/** json_api.php:64-99: JSON bodies by action, or form fields attr/items holding JSON. */
function readPosted(action: string, r: ApiRequest): Posted {
  if (r.contentType.includes('application/json')) {
    const data = decodeJson(r.body);
    if (data === null) return 'invalid';
    if (action === 'add') return { attr: data };
    if (action === 'delete') return { items: data };
    const obj = (typeof data === 'object' ? data : {}) as Record<string, unknown>;
    return { attr: obj.attr ?? null, items: obj.items ?? null };
  }
  const form = new URLSearchParams(r.body.toString('utf8'));
  const field = (k: string) =>
    form.has(k) ? decodeJson(Buffer.from(form.get(k) ?? '')) : undefined;
  return { attr: field('attr'), items: field('items') };
}

function asAttr(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function editPolicy(store: Store, caller: Caller, attr: Record<string, unknown>): Message[] {
  const log = ['policy', 'edit', attr];
  if (!caller.admin) return [{ type: 'danger', log, msg: 'access_denied' }];
  const next: PasswordPolicy = { ...store.policy };
  for (const k of Object.keys(next) as Array<keyof PasswordPolicy>) {
    if (attr[k] !== undefined && attr[k] !== null) next[k] = intval(attr[k]);
  }
  if (next.length < 3) next.length = store.policy.length;
  store.policy = next;
  return [{ type: 'success', log, msg: 'password_policy_saved' }];
}

function runWrite(
  store: Store,
  caller: Caller,
  action: string,
  category: string | undefined,
  p: Posted & object,
) {
  const key = `${action}/${category ?? ''}`;
  if (key === 'add/app-passwd') return addAppPasswd(store, caller, asAttr(p.attr));
  if (key === 'edit/app-passwd') return editAppPasswd(store, caller, p.items, asAttr(p.attr));
  if (key === 'delete/app-passwd') return deleteAppPasswd(store, caller, p.items);
  if (key === 'edit/passwordpolicy') return editPolicy(store, caller, asAttr(p.attr));
  if (key === 'edit/fail2ban') return store.fail2ban.edit(caller, p.items, asAttr(p.attr));
  return undefined;
}

function handleWrite(
  store: Store,
  session: ApiSession,
  action: string,
  r: ApiRequest,
  category?: string,
): ApiAnswer {
  const posted = readPosted(action, r);
  if (posted === 'invalid') return err(400, "Request body doesn't contain valid json!");
  const needed =
    action === 'add'
      ? posted.attr
      : action === 'delete'
        ? posted.items
        : (posted.attr ?? posted.items);
  if (needed === undefined)
    return {
      status: 200,
      body: phpJson({ type: 'error', msg: 'Cannot find attributes in post data' }),
    };
  if (session.access === 'ro' || (action !== 'add' && session.access === null)) {
    return err(403, 'API read/write access denied');
  }
  if (r.method !== 'POST') return err(405, 'only POST method is allowed');
  const caller: Caller = { user: session.access ? 'API' : null, admin: session.access !== null };
  let messages: Message[] | undefined;
  try {
    messages = runWrite(store, caller, action, category, posted);
  } catch (e) {
    if (!(e instanceof UncaughtPhpError)) throw e;
    session.pending.push({
      type: 'danger',
      msg: 'SQLSTATE[23000]: Integrity constraint violation: 1452 a foreign key constraint fails',
    });
    return { status: 200, body: '' };
  }
  if (messages === undefined) return ROUTE_NOT_FOUND;
  const all = [...session.pending, ...messages];
  session.pending = [];
  return {
    status: 200,
    body: phpJson(all.length ? all : { type: 'success', msg: 'Task completed' }),
  };
}

function handleGet(store: Store, session: ApiSession, r: ApiRequest, parts: string[]): ApiAnswer {
  if (r.method !== 'GET') return err(405, 'only GET method is allowed');
  if (session.access === null) return { status: 200, body: '' };
  const data = getRoute(store, { user: 'API', admin: true }, parts);
  if (data === undefined) return ROUTE_NOT_FOUND;
  if (data === EMPTY_BODY) return { status: 200, body: '' };
  const empty = data === false || (Array.isArray(data) && data.length === 0);
  return { status: 200, body: empty ? '{}' : phpJsonPretty(data) };
}

export function handleApi(store: Store, session: ApiSession, r: ApiRequest): ApiAnswer {
  const [action = '', ...parts] = r.query.split('/');
  if (action === 'get') return handleGet(store, session, r, parts);
  if (action === 'add' || action === 'edit' || action === 'delete') {
    return handleWrite(store, session, action, r, parts[0]);
  }
  return ROUTE_NOT_FOUND;
}
