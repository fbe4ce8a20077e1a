import type { BrokerConfig } from './config.js';
import type { AppPassword } from '../protocol/broker-api.js';
import type { LastUsed, MailcowActivity } from './mailcow/activity.js';

/** An app password as listed: plus its last use and whether it looks abandoned. */
export interface ListedAppPassword extends AppPassword {
  /** null: mailcow has no login on record (which is not proof it is unused). */
  lastUsed?: LastUsed | null;
  stale?: boolean;
}

const DAY_MS = 86_400_000;
/** A password nobody logged in with this long after its creation is stale. */
export const UNSEEN_AFTER_CREATION_DAYS = 7;

/**
 * Stale: not seen for `staleDays`, or never seen `UNSEEN_AFTER_CREATION_DAYS` after creation.
 * mailcow keeps one login row per service and address (a later login with another password
 * from there replaces it) and drops rows older than 31 days unless newest for their service,
 * so "not seen" only means "no row left".
 */
export function isStale(
  p: Pick<AppPassword, 'created'>,
  lastUsed: LastUsed | null,
  now: number,
  staleDays: number,
): boolean {
  if (lastUsed) return now - Date.parse(lastUsed.at) > staleDays * DAY_MS;
  return now - Date.parse(p.created) > UNSEEN_AFTER_CREATION_DAYS * DAY_MS;
}

/**
 * Joins get/last-login to a list: one mailcow call per mailbox, reused for a few seconds.
 * When that call fails the list goes out without the fields (as from an older broker).
 */
export class LastUsedJoin {
  private readonly cache = new Map<string, { until: number; map: Map<number, LastUsed> }>();

  constructor(
    private readonly activity: MailcowActivity,
    private readonly config: Pick<BrokerConfig, 'staleDays' | 'lastLoginCacheSeconds'>,
    private readonly now: () => number,
    private readonly log: (line: string) => void,
  ) {}

  async annotate(mailbox: string, list: AppPassword[]): Promise<ListedAppPassword[]> {
    const seen = await this.lastUsed(mailbox);
    if (!seen) return list;
    const now = this.now();
    return list.map((p) => {
      const lastUsed = seen.get(p.id) ?? null;
      return { ...p, lastUsed, stale: isStale(p, lastUsed, now, this.config.staleDays) };
    });
  }

  private async lastUsed(mailbox: string): Promise<Map<number, LastUsed> | null> {
    const hit = this.cache.get(mailbox);
    if (hit && hit.until > Date.now()) return hit.map;
    try {
      // mailcow compares HOUR(TIMEDIFF()) capped at 838 h: any window >= 35 days is everything
      const map = await this.activity.lastUsed(mailbox, this.config.staleDays);
      if (this.config.lastLoginCacheSeconds > 0) {
        if (this.cache.size > 10_000) this.cache.clear();
        this.cache.set(mailbox, {
          until: Date.now() + this.config.lastLoginCacheSeconds * 1000,
          map,
        });
      }
      return map;
    } catch (e) {
      this.log(`last-login unavailable: ${e instanceof Error ? e.message : 'unknown'}`);
      return null;
    }
  }

  /** After a revoke the cached rows may name a gone password; they would only be dropped. */
  forget(mailbox: string): void {
    this.cache.delete(mailbox);
  }
}
