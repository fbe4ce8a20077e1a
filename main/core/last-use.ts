import type { AppPassword, LastUsed } from './broker/index.js';

// How a password's last use is told (codes and numbers; each face words them). mailcow keeps
// one login row per service, address and mailbox — a login with another password from the same
// address replaces it — so "not seen" never proves "not used".

export type AgoUnit = 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';

export interface LastUse {
  /** IMAP, SMTP, POP3, SIEVE, SOGO… */
  service: string;
  ago: { unit: AgoUnit; count: number };
  /** The client address (for mailcow's internal label, the address inside it). */
  address: string;
  /** mailcow's "Web/EAS/Internal (<ip>)": webmail, ActiveSync or a private network. */
  internal: boolean;
  country?: string;
}

const STEPS: Array<[AgoUnit, number]> = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** Whole units before `now`, the largest that fits (at least 0 seconds). */
export function timeAgo(at: string, now: number): LastUse['ago'] {
  const seconds = Math.max(0, Math.floor((now - Date.parse(at)) / 1000));
  for (const [unit, size] of STEPS) {
    if (seconds >= size) return { unit, count: Math.floor(seconds / size) };
  }
  return { unit: 'second', count: 0 };
}

export function describeLastUse(l: LastUsed, now: number): LastUse {
  const internal = /^Web\/EAS\/Internal \((.*)\)$/.exec(l.address);
  return {
    service: l.service.toUpperCase(),
    ago: timeAgo(l.at, now),
    address: internal ? (internal[1] ?? '') : l.address,
    internal: internal !== null,
    ...(l.country ? { country: l.country } : {}),
  };
}

/** The passwords the broker marked stale (none when it does not mark them). */
export function stalePasswords<T extends Pick<AppPassword, 'stale'>>(list: T[]): T[] {
  return list.filter((p) => p.stale === true);
}

/** Whether the broker tells last use at all (older brokers do not). */
export function tellsLastUse(list: Array<Pick<AppPassword, 'lastUsed'>>): boolean {
  return list.some((p) => p.lastUsed !== undefined);
}
