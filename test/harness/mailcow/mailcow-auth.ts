import { setSaslLog } from './last-login.js';
import { verifyHash } from './password.js';
import { isValidEmail } from './php.js';
import type { Store } from './store.js';

// The endpoint mailcow's Dovecot asks for every mail login: data/conf/dovecot/auth/
// passwd-verify.lua POSTs {username, password, real_rip, service} to https://nginx:9082, which
// runs data/conf/dovecot/auth/mailcowauth.php: apppass_login() (functions.auth.inc.php), then
// user_login(); on success set_sasl_log() (functions.inc.php). Answers 200 {"success":true}
// or 401 {"success":false}; 400 when a field is missing. mailcow-dockerized HEAD 06424670f.

export interface AuthAnswer {
  status: number;
  body: string;
}

const answer = (status: number, success: boolean): AuthAnswer => ({
  status,
  body: JSON.stringify({ success }),
});

/**
 * apppass_login(user, pass, ['service' => s, 'is_internal' => true]): the id of the first of the
 * mailbox's app passwords (mailbox active = '1', app password active = '1') whose
 * `<lower(service)>_access` is 1 (any, for service NONE) and whose hash matches; else null.
 */
function apppassLogin(store: Store, user: string, pass: string, service: string): number | null {
  const simple = user.replace(/[_.-]/g, '');
  if (!isValidEmail(user) && !/^[A-Za-z0-9]+$/.test(simple)) return null;
  const mailbox = store.mailboxDetails(user);
  if (mailbox?.active !== 1) return null;
  const scope = `${service.toLowerCase()}_access`;
  for (const row of store.rowsOf(mailbox.username)) {
    if (row.active !== 1) continue;
    if (service !== 'NONE' && (row as unknown as Record<string, unknown>)[scope] !== 1) continue;
    if (verifyHash(row.password, pass)) return row.id;
  }
  return null;
}

export function mailcowAuth(store: Store, body: string): AuthAnswer {
  let post: unknown;
  try {
    post = JSON.parse(body.trim());
  } catch {
    post = null;
  }
  const p = (post ?? {}) as Record<string, unknown>;
  if (p.username == null || p.password == null || p.real_rip == null) return answer(400, false);
  const user = String(p.username);
  const realRip = String(p.real_rip);
  // The SOGo branch (real_rip = IPV4_NETWORK.248) does not exist on the bench.
  const service = p.service == null ? 'NONE' : String(p.service);
  const id = apppassLogin(store, user, String(p.password), service);
  if (id !== null) {
    setSaslLog(store, user, realRip, service, id);
    return answer(200, true);
  }
  // user_login(): the emulator's mailboxes have no mailbox password (as with generic-oidc,
  // whose users_login() has no branch), so it always fails.
  return answer(401, false);
}
