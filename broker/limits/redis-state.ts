import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Problem } from '../http/problem.js';
import { Sealer } from './sealed.js';
import type { CreatedAppPassword } from '../../protocol/broker-api.js';
import type { CreateIntent, WriteState } from './write-state.js';

const PREFIX = 'apppass:';
/** Lease of a mailbox lock, renewed while held: a killed instance blocks its mailbox this long. */
const LOCK_LEASE_MS = 6000;
const LOCK_RENEW_MS = 2000;
const LOCK_WAIT_MS = 30_000;
const RESULT_TTL_MS = 10 * 60_000;
const INTENT_TTL_MS = 7 * 24 * 3600_000;
const READY_WAIT_MS = 2000;

// Token bucket as in rate-limit.ts, on Redis' clock so every instance agrees.
const TAKE_WRITE = `
local cap = tonumber(ARGV[1])
local rate = cap / 60000
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or cap
local at = tonumber(b[2]) or now
tokens = math.min(cap, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = math.max(1, math.ceil((1 - tokens) / rate / 1000))
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], 120000)
return wait`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export interface RedisStateOptions {
  url: string;
  /** Seals Idempotency-Key results (the mailcow API key: every instance has it, Redis not). */
  secret: string;
  writesPerMinute: number;
  log: (line: string) => void;
}

const unavailable = () =>
  new Problem(
    503,
    'state_unavailable',
    'Shared state unavailable',
    'The broker cannot reach its shared store (Redis); nothing was changed. Try again shortly.',
    { 'Retry-After': '5' },
  );

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Idempotency results, rate limits, the per-mailbox lock and the create journal in Redis, so
 * any number of broker instances behave as one and a restart forgets nothing. Commands fail
 * fast while Redis is away (no offline queue): a write then answers 503 before mailcow is asked.
 */
export function redisWriteState(o: RedisStateOptions): WriteState {
  const redis = new Redis(o.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 2000,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  let down = false;
  redis.on('error', (e: Error & { code?: string }) => {
    if (down) return;
    down = true;
    // ioredis' messages name host and port only, never the URL's password
    o.log(`redis unreachable (${e.code ?? e.name}); writes answer 503 until it is back`);
  });
  redis.on('ready', () => {
    if (down) o.log('redis reachable again');
    down = false;
  });
  const sealer = new Sealer(o.secret);
  // While (re)connecting, a command waits for the connection up to READY_WAIT_MS.
  const ready = async () => {
    if (redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        redis.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, READY_WAIT_MS);
      redis.once('ready', done);
    });
  };
  const guard = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      await ready();
      return await fn();
    } catch (e) {
      if (e instanceof Problem) throw e;
      throw unavailable();
    }
  };
  const intentsKey = (mailbox: string) => `${PREFIX}intents:${mailbox}`;
  const resultKey = (sub: string, key: string) => `${PREFIX}idem:${sealer.name('idem', sub, key)}`;
  const timers = new Set<NodeJS.Timeout>();

  async function acquire(lockKey: string, token: string): Promise<void> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let delay = 10; ; delay = Math.min(delay * 2, 100)) {
      const ok = await guard(() => redis.set(lockKey, token, 'PX', LOCK_LEASE_MS, 'NX'));
      if (ok === 'OK') return;
      if (Date.now() > deadline) {
        throw new Problem(
          503,
          'mailbox_busy',
          'Mailbox busy',
          'Another change to this mailbox is still in progress; try again shortly.',
          { 'Retry-After': '5' },
        );
      }
      await sleep(delay / 2 + Math.random() * delay);
    }
  }

  return {
    kind: 'redis',
    async takeWrite(sub) {
      const wait = await guard(
        () =>
          redis.eval(TAKE_WRITE, 1, `${PREFIX}writes:${sub}`, o.writesPerMinute) as Promise<number>,
      );
      return Number(wait);
    },
    async replay({ sub, key, fingerprint }) {
      const raw = await guard(() => redis.get(resultKey(sub, key)));
      if (raw === null) return null;
      const stored = JSON.parse(raw) as { f: string; v: string };
      if (stored.f !== sealer.name('fingerprint', fingerprint)) return { conflict: true };
      const plain = sealer.open(stored.v, sub, key);
      return plain === null ? null : { hit: JSON.parse(plain) as CreatedAppPassword };
    },
    async withMailboxLock(mailbox, job) {
      const lockKey = `${PREFIX}lock:${mailbox}`;
      const token = randomUUID();
      await acquire(lockKey, token);
      let lost = false;
      const renew = setInterval(() => {
        redis.eval(RENEW, 1, lockKey, token, LOCK_LEASE_MS).then(
          (n) => (lost ||= Number(n) === 0),
          () => undefined, // a lease outlives a short outage; lost only when it lapsed
        );
      }, LOCK_RENEW_MS);
      timers.add(renew);
      try {
        return await job(() => {
          if (lost) throw unavailable();
        });
      } finally {
        clearInterval(renew);
        timers.delete(renew);
        await redis.eval(RELEASE, 1, lockKey, token).catch(() => undefined); // lapses anyway
      }
    },
    async openIntent(mailbox, intent) {
      const open: CreateIntent = { ...intent, id: randomUUID() };
      await guard(() =>
        redis
          .multi()
          .hset(intentsKey(mailbox), open.id, JSON.stringify(open))
          .pexpire(intentsKey(mailbox), INTENT_TTL_MS)
          .exec(),
      );
      return open;
    },
    async strandedIntents(mailbox) {
      const all = await guard(() => redis.hvals(intentsKey(mailbox)));
      return all.map((v) => JSON.parse(v) as CreateIntent);
    },
    async commit(mailbox, intent, ref, result) {
      const tx = redis.multi().hdel(intentsKey(mailbox), intent.id);
      if (ref) {
        const stored = {
          f: sealer.name('fingerprint', ref.fingerprint),
          v: sealer.seal(JSON.stringify(result), ref.sub, ref.key),
        };
        tx.set(resultKey(ref.sub, ref.key), JSON.stringify(stored), 'PX', RESULT_TTL_MS);
      }
      const out = await guard(() => tx.exec());
      if (!out || out.some(([err]) => err)) throw unavailable();
    },
    async dropIntent(mailbox, intent) {
      await guard(() => redis.hdel(intentsKey(mailbox), intent.id));
    },
    async close() {
      for (const t of timers) clearInterval(t);
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
