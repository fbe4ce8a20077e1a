import { z } from 'zod';
import type { Ban, LastUsed } from '../../protocol/broker-api.js';
import type { MailcowClient } from './client.js';
import { MailcowError } from './errors.js';
import { mailboxSegment } from './app-passwords.js';
import { mailcowTimeToIso } from './names.js';

// get/last-login and get|edit/fail2ban (mailcow-dockerized data/web/inc/functions.inc.php
// last_login(), data/web/inc/functions.fail2ban.inc.php fail2ban()).

export type { Ban, LastUsed };

const saslRow = z.object({
  real_rip: z.string(),
  datetime: z.string(),
  service: z.string(),
  app_password: z.union([z.number(), z.string(), z.null()]).optional(),
  location: z.union([z.string(), z.boolean(), z.null()]).optional(),
});

const lastLoginAnswer = z.object({ sasl: z.array(z.unknown()).optional() }).passthrough();

const banRow = z.object({
  network: z.string(),
  ip: z.string().optional(),
  banned_until: z.string(),
  queued_for_unban: z.union([z.number(), z.string(), z.boolean()]).optional(),
});

/** "00h 12m 03s" (PHP sprintf of the seconds left; hours may run past 99) -> seconds. */
export function secondsLeft(text: string): number | null {
  const m = /^(-?\d+)h (-?\d+)m (-?\d+)s$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** Per app password id, the newest row of `sasl`; rows of the mailbox password (0) are left out. */
export function newestPerPassword(sasl: unknown[], timeZone: string): Map<number, LastUsed> {
  const out = new Map<number, LastUsed>();
  for (const raw of sasl) {
    const r = saslRow.safeParse(raw);
    if (!r.success) continue;
    const id = Number(r.data.app_password ?? 0);
    const at = mailcowTimeToIso(r.data.datetime, timeZone);
    if (!Number.isInteger(id) || id <= 0 || !at) continue;
    const known = out.get(id);
    if (known && known.at >= at) continue;
    const country = typeof r.data.location === 'string' && r.data.location ? r.data.location : null;
    out.set(id, {
      at,
      service: r.data.service,
      address: r.data.real_rip,
      ...(country ? { country } : {}),
    });
  }
  return out;
}

export class MailcowActivity {
  constructor(
    private readonly client: MailcowClient,
    private readonly timeZone: string,
  ) {}

  /** get/last-login/<mailbox>/<days>: the newest login per app password. */
  async lastUsed(mailbox: string, days: number): Promise<Map<number, LastUsed>> {
    const json = await this.client.read(`get/last-login/${mailboxSegment(mailbox)}/${days}`);
    const parsed = lastLoginAnswer.safeParse(json);
    if (!parsed.success) throw new MailcowError('bad_answer', 'last login: unexpected shape');
    return newestPerPassword(parsed.data.sasl ?? [], this.timeZone);
  }

  /** get/fail2ban's active_bans (absent, or "", when there are none). */
  async bans(now: number): Promise<Ban[]> {
    const json = await this.client.read('get/fail2ban');
    const list =
      json && typeof json === 'object' && 'active_bans' in json
        ? (json as { active_bans: unknown }).active_bans
        : [];
    if (!Array.isArray(list)) return [];
    return list.flatMap((raw) => {
      const r = banRow.safeParse(raw);
      const left = r.success ? secondsLeft(r.data.banned_until) : null;
      if (!r.success || left === null) return [];
      const q = r.data.queued_for_unban;
      return [
        {
          network: r.data.network,
          ip: r.data.ip ?? r.data.network.split('/')[0] ?? r.data.network,
          until: new Date(Math.floor(now / 1000) * 1000 + left * 1000).toISOString(),
          queuedForUnban: q === 1 || q === '1' || q === true,
        },
      ];
    });
  }

  /** edit/fail2ban action unban: queued; netfilter lifts it within about 10 s. */
  async unban(networks: string[]): Promise<void> {
    const json = await this.client.write('edit/fail2ban', {
      items: networks,
      attr: { action: 'unban' },
    });
    const entries = Array.isArray(json) ? json : [json];
    const ok = entries.every(
      (e) => e && typeof e === 'object' && (e as { type?: unknown }).type === 'success',
    );
    if (!ok) throw new MailcowError('danger', 'unban refused');
  }
}
