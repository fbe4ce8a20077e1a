import type { AppPassword, LastUsed } from '../../protocol/broker-api.js';
import type { LastUseView, PasswordEntry } from '../contract.js';
import { describeLastUse } from '../core/last-use.js';

// A listed app password as the desktop contract carries it.

/** The broker's lastUsed as the contract carries it (absent stays absent). */
export function lastUseView(l: LastUsed | null | undefined): LastUseView | null | undefined {
  if (l === undefined || l === null) return l;
  const d = describeLastUse(l, Date.now());
  return {
    at: l.at,
    service: d.service,
    ago: d.ago,
    address: d.address,
    internal: d.internal,
    ...(d.country ? { country: d.country } : {}),
  };
}

/** The listed fields every face shows, plus last use and stale when the broker tells them. */
export function passwordView(p: AppPassword): Omit<PasswordEntry, 'storedOnDevice'> {
  const { id, name, protocols, active, created } = p;
  const lastUsed = lastUseView(p.lastUsed);
  return {
    id,
    name,
    protocols,
    active,
    created,
    ...(lastUsed !== undefined ? { lastUsed } : {}),
    ...(p.stale !== undefined ? { stale: p.stale } : {}),
  };
}
