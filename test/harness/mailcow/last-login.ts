import { BlockList, isIP } from 'node:net';
import type { Caller } from './app-passwd.js';
import { isValidEmail, mysqlDatetime } from './php.js';
import type { Store } from './store.js';

// mailcow's record of mail logins and its get/last-login answer, from mailcow-dockerized
// data/web/inc/functions.inc.php (set_sasl_log(), last_login()) and data/web/json_api.php
// (case "last-login"). mailcow-dockerized HEAD 06424670f.

/**
 * set_sasl_log(): `REPLACE INTO sasl_log (username, real_rip, service, app_password)`. The
 * primary key is (service, real_rip, username) (init_db.inc.php, table sasl_log), so a later
 * login from the same address and service replaces the row, whichever password it used.
 * MariaDB's default collation compares the username case-insensitively.
 */
export function setSaslLog(
  store: Store,
  username: string,
  realRip: string,
  service: string,
  appPassword: number,
): void {
  const key = JSON.stringify([service.toLowerCase(), realRip, username.toLowerCase()]);
  store.saslLog.set(key, {
    service,
    app_password: appPassword,
    username,
    real_rip: realRip,
    // DATETIME(0) DEFAULT NOW(0): whole seconds
    datetime: new Date(Math.floor(store.clock().getTime() / 1000) * 1000),
  });
}

// PHP 8.2 filter_var(FILTER_VALIDATE_IP, FILTER_FLAG_NO_PRIV_RANGE | FILTER_FLAG_NO_RES_RANGE)
// (ext/filter/logical_filters.c): the ranges that make an address "not public" for last_login().
// One list per family: a BlockList also matches IPv4 addresses against ::ffff:0:0/96.
const NOT_PUBLIC_V4 = new BlockList();
const NOT_PUBLIC_V6 = new BlockList();
for (const [net, bits] of [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['0.0.0.0', 8],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['240.0.0.0', 4],
] as const)
  NOT_PUBLIC_V4.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['fc00::', 7],
  ['::1', 128],
  ['::', 128],
  ['::ffff:0:0', 96],
  ['fe80::', 10],
] as const)
  NOT_PUBLIC_V6.addSubnet(net, bits, 'ipv6');

function isPublicIp(ip: string): boolean {
  const family = isIP(ip);
  if (!family) return false;
  return family === 6 ? !NOT_PUBLIC_V6.check(ip, 'ipv6') : !NOT_PUBLIC_V4.check(ip, 'ipv4');
}

/**
 * `HOUR(TIMEDIFF(NOW(), datetime))`: MySQL caps TIME at 838:59:59, so the hour count never
 * exceeds 838 and `days` >= 35 returns every row kept.
 */
function timediffHours(now: Date, then: Date): number {
  const hours = Math.floor(Math.abs(now.getTime() - then.getTime()) / 3_600_000);
  return Math.min(hours, 838);
}

/**
 * json_api.php `case "last-login"`: `extra` is the number of days when intval(extra) >= 1,
 * else last_login()'s default of 7.
 */
export function lastLoginDays(extra: string | undefined): number {
  const n = extra === undefined ? NaN : parseInt(extra, 10);
  return Number.isFinite(n) && n >= 1 ? n : 7;
}

/**
 * last_login('get', username, days): `{"ui", "sasl"}`. `ui` is the last-but-one successful
 * mailcow UI login (`LIMIT 1 OFFSET 1` on table logs); the emulator records no UI logins, so
 * PDO's fetch() gives false. `sasl` rows are newest first; a non-public `real_rip` becomes
 * "Web/EAS/Internal (<ip>)"; a public one gets `location` from Redis IP_SHORTCOUNTRY, else from
 * dfdata.bella.network — unreachable from the bench, so an unknown address keeps false there.
 * `app_password_name` is the stored name (escaped once, not again), null once it is deleted.
 */
export function lastLogin(
  store: Store,
  caller: Caller,
  username: string,
  days: number,
  countries: Map<string, string>,
): { ui: false; sasl: Record<string, unknown>[] } {
  if (!isValidEmail(username) || !caller.admin || !store.adminHasAccess(username)) {
    return { ui: false, sasl: [] };
  }
  const now = store.clock();
  const rows = [...store.saslLog.values()]
    .filter((r) => r.username.toLowerCase() === username.toLowerCase())
    .filter((r) => timediffHours(now, r.datetime) < days * 24)
    .sort((a, b) => b.datetime.getTime() - a.datetime.getTime());
  const sasl = rows.map((r) => {
    const name = store.appPasswords.find((p) => p.id === r.app_password)?.name ?? null;
    const entry: Record<string, unknown> = {
      real_rip: r.real_rip,
      datetime: mysqlDatetime(r.datetime),
      service: r.service,
      app_password: r.app_password,
      app_password_name: name,
    };
    if (!isPublicIp(r.real_rip)) entry.real_rip = `Web/EAS/Internal (${r.real_rip})`;
    else entry.location = countries.get(r.real_rip) ?? false;
    return entry;
  });
  return { ui: false, sasl };
}
