import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CreatedAppPassword } from '../protocol/broker-api.js';
import type { AuditLog, AuditRecord } from './audit.js';
import type { IdentityResolver, PartialCaller } from './auth/identity.js';
import type { TokenVerifier } from './auth/verify.js';
import type { BrokerConfig } from './config.js';
import type { LastUsedJoin } from './last-used.js';
import type { MailcowActivity } from './mailcow/activity.js';
import type { MailcowApi } from './mailcow/app-passwords.js';
import type { IdempotencyCache } from './limits/idempotency.js';
import type { KeyedMutex } from './limits/mutex.js';
import type { RateLimiter } from './limits/rate-limit.js';

/** Everything a route needs, built once per broker. */
export interface Services {
  config: BrokerConfig;
  identity: IdentityResolver;
  verifier: TokenVerifier;
  mailcow: MailcowApi;
  activity: MailcowActivity;
  lastUsed: LastUsedJoin;
  /** The broker's clock (ms); tests inject one. */
  now: () => number;
  audit: AuditLog;
  writes: RateLimiter;
  idempotency: IdempotencyCache<CreatedAppPassword>;
  mailboxLock: KeyedMutex;
  log: (line: string) => void;
}

/** One request: what the route learned so far goes into `caller` and `audit` for the record. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  ip: string;
  params: Record<string, string>;
  caller: PartialCaller;
  audit: Pick<AuditRecord, 'action'> &
    Partial<Pick<AuditRecord, 'id' | 'name' | 'outcome' | 'actor' | 'subject' | 'affected'>>;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Route = (s: Services, ctx: RequestContext) => Promise<RouteResult>;
