import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { Caller } from './app-passwd.js';
import { htmlspecialchars, phpString, toArray } from './php.js';
import type { Message } from './store.js';

// mailcow's fail2ban state (Redis keys F2B_*), the API's view of it and netfilter-mailcow's
// handling of it, from mailcow-dockerized HEAD 06424670f:
//   data/web/inc/functions.fail2ban.inc.php  fail2ban('get'), fail2ban('edit')
//   data/web/json_api.php                    case "fail2ban" (get: any object; edit: items -> network)
//   data/web/inc/functions.inc.php           valid_network()
//   data/Dockerfiles/netfilter/main.py       refreshF2boptions(), ban(), unban(), autopurge()

/** main.py verifyF2boptions(): the defaults netfilter writes to F2B_OPTIONS. */
function defaultOptions(): Record<string, unknown> {
  return {
    ban_time: 1800,
    max_ban_time: 10000,
    ban_time_increment: true,
    max_attempts: 10,
    retry_window: 600,
    netban_ipv4: 32,
    netban_ipv6: 128,
    banlist_id: randomUUID(),
    manage_external: 0,
  };
}

/** main.py refreshF2bregex(): the default F2B_REGEX (json.dumps turns the int keys into strings). */
const DEFAULT_REGEX: Record<string, string> = {
  '1': 'mailcow UI: Invalid password for .+ by ([0-9a-f\\.:]+)',
  '2': 'Rspamd UI: Invalid password by ([0-9a-f\\.:]+)',
  '3': 'warning: .*\\[([0-9a-f\\.:]+)\\]: SASL .+ authentication failed: (?!.*Connection lost to authentication server).+',
  '4': 'warning: non-SMTP command from .*\\[([0-9a-f\\.:]+)]:.+',
  '5': 'NOQUEUE: reject: RCPT from \\[([0-9a-f\\.:]+)].+Protocol error.+',
  '6': '\\w+\\([^,]+,([0-9a-f\\.:]+),<[^>]+>\\): Password mismatch \\(SHA1 of given password: [a-f0-9]+\\)',
  '7': '\\w+\\([^,]+,([0-9a-f\\.:]+),<[^>]+>\\): unknown user \\(SHA1 of given password: [a-f0-9]+\\)',
  '8': "SOGo.+ Login from '([0-9a-f\\.:]+)' for user .+ might not have worked",
  '9': '([0-9a-f\\.:]+) \\"GET \\/SOGo\\/.* HTTP.+\\" 403 .+',
};

/** valid_network(): an IP, or IP/prefix with the prefix within the family's bits. */
export function validNetwork(v: string): boolean {
  if (isIP(v)) return true;
  const parts = v.split('/');
  if (parts.length !== 2 || !/^\d+$/.test(parts[1] ?? '')) return false;
  const bits = parseInt(parts[1] ?? '', 10);
  const family = isIP(parts[0] ?? '');
  return family === 4 ? bits <= 32 : family === 6 ? bits <= 128 : false;
}

/** A network in Python's ipaddress.ip_network(strict=False) text form. */
function networkOf(ip: string, bits: number): string {
  if (isIP(ip) === 4) {
    const n = ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
    const masked = bits === 0 ? 0 : Math.floor(n / 2 ** (32 - bits)) * 2 ** (32 - bits);
    const octets = [24, 16, 8, 0].map((s) => Math.floor(masked / 2 ** s) % 256);
    return `${octets.join('.')}/${bits}`;
  }
  return `${ip}/${bits}`; // the bench bans IPv6 only as /128
}

interface Counter {
  attempts: number;
  last_attempt: number;
  ban_counter: number;
}

/** PHP sprintf('%02d') of a float: truncated toward zero, at least two digits. */
const d2 = (n: number) => {
  const t = Math.trunc(n);
  return t < 0 ? String(t) : String(t).padStart(2, '0');
};

export class Fail2ban {
  options = defaultOptions();
  readonly whitelist = new Set<string>();
  readonly blacklist = new Set<string>();
  /** F2B_PERM_BANS: network -> unix time banned. */
  readonly permBans = new Map<string, number>();
  /** F2B_ACTIVE_BANS: network -> unix time the ban ends. */
  readonly activeBans = new Map<string, number>();
  /** F2B_QUEUE_UNBAN: network -> 1. */
  readonly queueUnban = new Map<string, number>();
  /** netfilter's in-memory `bans` dict: only what it banned itself can be unbanned. */
  private readonly counters = new Map<string, Counter>();

  constructor(private readonly clock: () => Date) {}

  private time(): number {
    return this.clock().getTime() / 1000;
  }

  /** main.py calcNetBanTime(): doubles per earlier ban when ban_time_increment, within max. */
  private banSeconds(counter: number): number {
    const base = Number(this.options.ban_time);
    const max = Number(this.options.max_ban_time);
    const grown = this.options.ban_time_increment ? base * 2 ** counter : base;
    return Math.max(base, Math.min(grown, max));
  }

  /** main.py ban(): one failed login seen from `address`; bans at max_attempts in retry_window. */
  failedLogin(address: string): void {
    const family = isIP(address);
    if (!family) return;
    const bits = Number(family === 4 ? this.options.netban_ipv4 : this.options.netban_ipv6);
    const net = networkOf(address, bits);
    const c = this.counters.get(net) ?? { attempts: 0, last_attempt: 0, ban_counter: 0 };
    this.counters.set(net, c);
    const now = this.time();
    if (now - c.last_attempt > Number(this.options.retry_window)) c.attempts = 0;
    c.attempts += 1;
    c.last_attempt = now;
    if (c.attempts >= Number(this.options.max_attempts)) {
      this.activeBans.set(net, Math.round(now) + this.banSeconds(c.ban_counter));
    }
  }

  private unban(net: string): void {
    const c = this.counters.get(net);
    this.queueUnban.delete(net);
    if (!c) return; // "is not banned, skipping unban and deleting from queue"
    this.activeBans.delete(net);
    c.attempts = 0;
    c.ban_counter += 1;
  }

  /** main.py autopurge(), one tick (every 10 s there): queued unbans, then expired bans. */
  autopurge(): void {
    for (const net of [...this.queueUnban.keys()]) this.unban(net);
    const now = this.time();
    for (const [net, until] of [...this.activeBans]) if (until - now <= 0) this.unban(net);
  }

  /** fail2ban('get'): false unless admin; perm_bans/active_bans absent when there are none. */
  get(caller: Caller): Record<string, unknown> | false {
    if (!caller.admin) return false;
    const out: Record<string, unknown> = { ...this.options, regex: DEFAULT_REGEX };
    const natsorted = (s: Set<string>) =>
      [...s].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    out.whitelist = natsorted(this.whitelist).join('\n');
    out.blacklist = natsorted(this.blacklist).join('\n');
    if (this.permBans.size) {
      out.perm_bans = [...this.permBans.keys()].map((n) => ({ network: n, ip: n.split('/')[0] }));
    }
    if (this.activeBans.size) {
      const now = Math.floor(this.time());
      out.active_bans = [...this.activeBans].map(([network, until]) => {
        const diff = until - now;
        return {
          queued_for_unban: this.queueUnban.get(network) === 1 ? 1 : 0,
          network,
          ip: network.split('/')[0],
          banned_until: `${d2(diff / 3600)}h ${d2(Math.trunc(diff / 60) % 60)}m ${d2(diff % 60)}s`,
        };
      });
    }
    return out;
  }

  /**
   * fail2ban('edit', ['network' => items] + attr) for the `unban` action: every valid network is
   * queued (netfilter acts on it within 10 s, and only when the key matches a ban exactly);
   * an invalid one is skipped silently, and each item still answers `object_modified`.
   * No items: mailcow rewrites the options unchanged and answers `f2b_modified`.
   */
  edit(caller: Caller, items: unknown, attr: Record<string, unknown>): Message[] {
    const data = { network: items, ...attr };
    const log = ['fail2ban', 'edit', data];
    if (!caller.admin) return [{ type: 'danger', log, msg: 'access_denied' }];
    const networks = toArray(data.network).map(phpString);
    if (attr.action !== undefined && attr.action !== 'unban' && networks.length) {
      throw new Error(`emulator: fail2ban action ${phpString(attr.action)} is not emulated`);
    }
    if (attr.action === 'unban' && networks.length) {
      return networks.map((network) => {
        if (validNetwork(network)) this.queueUnban.set(network, 1);
        return { type: 'success', log, msg: ['object_modified', htmlspecialchars(network)] };
      });
    }
    return [{ type: 'success', log, msg: 'f2b_modified' }];
  }
}
