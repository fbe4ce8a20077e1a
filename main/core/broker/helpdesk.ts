import type { z } from 'zod';
import {
  banListSchema,
  BROKER_PATHS,
  helpdeskMailboxPath,
  helpdeskMailboxSchema,
  revokedAllSchema,
  unbanSchema,
  type Ban,
  type HelpdeskMailbox,
} from '../../../protocol/broker-api.js';
import type { BrokerRequest } from './http.js';

// The broker's /v1/helpdesk calls (403 `not_helpdesk` for anybody outside the group).

export interface HelpdeskCalls {
  lookup(mailbox: string, o?: { signal?: AbortSignal }): Promise<HelpdeskMailbox>;
  revoke(mailbox: string, id: number, o?: { signal?: AbortSignal }): Promise<void>;
  revokeAll(mailbox: string, o?: { signal?: AbortSignal }): Promise<number[]>;
  bans(ip?: string, o?: { signal?: AbortSignal }): Promise<Ban[]>;
  unban(ip: string, o?: { signal?: AbortSignal }): Promise<string[]>;
}

type Call = <T>(req: BrokerRequest, schema: z.ZodType<T>, what: string) => Promise<T>;

export function createHelpdeskCalls(
  call: Call,
  noContent: (req: BrokerRequest) => Promise<void>,
): HelpdeskCalls {
  const mailboxPath = helpdeskMailboxPath;
  return {
    lookup: (mailbox, o = {}) =>
      call(
        { method: 'GET', path: mailboxPath(mailbox), auth: true, signal: o.signal },
        helpdeskMailboxSchema,
        'mailbox',
      ),
    revoke: (mailbox, id, o = {}) =>
      noContent({
        method: 'DELETE',
        path: `${mailboxPath(mailbox)}/app-passwords/${encodeURIComponent(String(id))}`,
        auth: true,
        signal: o.signal,
      }),
    revokeAll: async (mailbox, o = {}) =>
      (
        await call(
          {
            method: 'DELETE',
            path: `${mailboxPath(mailbox)}/app-passwords`,
            auth: true,
            signal: o.signal,
          },
          revokedAllSchema,
          'revoked passwords',
        )
      ).revoked,
    bans: (ip, o = {}) =>
      call(
        {
          method: 'GET',
          path: `${BROKER_PATHS.helpdeskBans}${ip ? `?ip=${encodeURIComponent(ip)}` : ''}`,
          auth: true,
          signal: o.signal,
        },
        banListSchema,
        'ban list',
      ),
    unban: async (ip, o = {}) =>
      (
        await call(
          {
            method: 'POST',
            path: BROKER_PATHS.helpdeskUnban,
            auth: true,
            body: { ip },
            signal: o.signal,
          },
          unbanSchema,
          'unban',
        )
      ).queued,
  };
}
