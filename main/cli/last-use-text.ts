import type { LastUsed } from '../core/broker/index.js';
import { describeLastUse, type LastUse } from '../core/last-use.js';

// English words for a password's last use, for the command line.

function agoText(a: LastUse['ago']): string {
  if (a.unit === 'second' && a.count < 60) return 'just now';
  return `${a.count} ${a.unit}${a.count === 1 ? '' : 's'} ago`;
}

/** "IMAP, 2 hours ago, from 203.0.113.5 (DE)"; "not seen" when mailcow has no login on record. */
export function lastUseText(l: LastUsed | null | undefined, now = Date.now()): string {
  if (l === undefined) return '';
  if (l === null) return 'not seen';
  const d = describeLastUse(l, now);
  const where = d.internal
    ? `from ${d.address} (webmail, ActiveSync or an internal address)`
    : `from ${d.address}${d.country ? ` (${d.country})` : ''}`;
  return `${d.service}, ${agoText(d.ago)}, ${where}`;
}

export const NOT_SEEN_NOTE =
  '"not seen" means mailcow has no login on record, not that nobody uses it: mailcow keeps only the latest login per service and address, so a login with another password from the same place replaces it.';

export const STALE_NOTE =
  '! stale: not seen for a long time, or never seen a week after creation. `apppass revoke --stale` lists them and asks before revoking.';
