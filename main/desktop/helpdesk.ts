import { REVOKE_DELAY_MINUTES } from '../../protocol/revoke.js';
import type { BanView, HelpdeskMailboxView, RevokeResult } from '../contract.js';
import type { Account } from '../core/account/account.js';
import { passwordView } from './password-view.js';

// The desktop app's Helpdesk view on the broker's /v1/helpdesk calls.

export async function helpdeskLookup(s: Account, mailbox: string): Promise<HelpdeskMailboxView> {
  const m = await s.broker.helpdesk.lookup(mailbox);
  return {
    mailbox: m.mailbox,
    name: m.name,
    active: m.active,
    authSource: m.authSource,
    quotaUsed: m.quotaUsed,
    quota: m.quota,
    passwords: m.appPasswords.map(passwordView),
  };
}

export async function helpdeskRevoke(
  s: Account,
  mailbox: string,
  target: number | 'all',
): Promise<RevokeResult> {
  const revoked =
    target === 'all'
      ? await s.broker.helpdesk.revokeAll(mailbox)
      : (await s.broker.helpdesk.revoke(mailbox, target), [target]);
  return { revoked, mayKeepWorkingMinutes: REVOKE_DELAY_MINUTES };
}

export async function helpdeskBans(s: Account, ip: string | null): Promise<BanView[]> {
  const bans = await s.broker.helpdesk.bans(ip ?? undefined);
  return bans.map((b) => ({
    network: b.network,
    until: b.until,
    queuedForUnban: b.queuedForUnban,
  }));
}
