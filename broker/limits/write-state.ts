import { randomUUID } from 'node:crypto';
import type { CreatedAppPassword } from '../../protocol/broker-api.js';
import { IdempotencyCache } from './idempotency.js';
import { KeyedMutex } from './mutex.js';
import { RateLimiter } from './rate-limit.js';

/** A create about to reach mailcow, journaled so a crash between add and answer is repaired. */
export interface CreateIntent {
  id: string;
  name: string;
  /** ids the mailbox had before the add: whatever appears under `name` since is this create's. */
  before: number[];
}

/** The request an Idempotency-Key answered (`fingerprint` = name and scopes). */
export interface IdempotencyRef {
  sub: string;
  key: string;
  fingerprint: string;
}

export type Replay = { hit: CreatedAppPassword } | { conflict: true } | null;

/**
 * What writes coordinate on: rate limits, Idempotency-Key results, the per-mailbox lock and the
 * create journal. In memory for one instance (memoryWriteState), in Redis for several
 * (redis-state.ts). Every method may throw a Problem (503) when the shared store is unreachable;
 * the routes then change nothing at mailcow.
 */
export interface WriteState {
  readonly kind: 'memory' | 'redis';
  /** 0 when a write is allowed now, else the seconds to wait. */
  takeWrite(sub: string): Promise<number>;
  replay(ref: IdempotencyRef): Promise<Replay>;
  /**
   * Runs `job` while holding the mailbox's lock (every instance's, with Redis). `held()` throws
   * when the lock was lost meanwhile (Redis unreachable for longer than its lease).
   */
  withMailboxLock<T>(mailbox: string, job: (held: () => void) => Promise<T>): Promise<T>;
  openIntent(mailbox: string, intent: Omit<CreateIntent, 'id'>): Promise<CreateIntent>;
  /** Intents of creates whose instance died (only ever seen under the lock). */
  strandedIntents(mailbox: string): Promise<CreateIntent[]>;
  /** Closes the intent and, with a key, stores the result for replays: both or neither. */
  commit(
    mailbox: string,
    intent: CreateIntent,
    ref: IdempotencyRef | null,
    result: CreatedAppPassword,
  ): Promise<void>;
  dropIntent(mailbox: string, intent: CreateIntent): Promise<void>;
  close(): Promise<void>;
}

/** One instance: today's in-process limits, a journal that lives as long as the process. */
export function memoryWriteState(writesPerMinute: number): WriteState {
  const writes = new RateLimiter(writesPerMinute);
  const results = new IdempotencyCache<CreatedAppPassword>();
  const lock = new KeyedMutex();
  const intents = new Map<string, Map<string, CreateIntent>>();
  const of = (mailbox: string) => {
    let m = intents.get(mailbox);
    if (!m) intents.set(mailbox, (m = new Map()));
    return m;
  };
  const forget = (mailbox: string, intent: CreateIntent) => {
    const m = intents.get(mailbox);
    m?.delete(intent.id);
    if (m?.size === 0) intents.delete(mailbox);
  };
  return {
    kind: 'memory',
    takeWrite: async (sub) => writes.take(sub),
    replay: async ({ sub, key, fingerprint }) => results.get(sub, key, fingerprint),
    withMailboxLock: (mailbox, job) => lock.run(mailbox, () => job(() => undefined)),
    async openIntent(mailbox, intent) {
      const open = { ...intent, id: randomUUID() };
      of(mailbox).set(open.id, open);
      return open;
    },
    strandedIntents: async (mailbox) => [...(intents.get(mailbox)?.values() ?? [])],
    async commit(mailbox, intent, ref, result) {
      if (ref) results.put(ref.sub, ref.key, ref.fingerprint, result);
      forget(mailbox, intent);
    },
    dropIntent: async (mailbox, intent) => forget(mailbox, intent),
    close: async () => undefined,
  };
}
