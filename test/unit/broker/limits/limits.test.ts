import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ClientIpResolver } from '../../../../broker/client-ip.js';
import { IdempotencyCache } from '../../../../broker/limits/idempotency.js';
import { KeyedMutex } from '../../../../broker/limits/mutex.js';
import { RateLimiter } from '../../../../broker/limits/rate-limit.js';

describe('RateLimiter', () => {
  it('allows a burst, then asks to wait, then refills', () => {
    const r = new RateLimiter(3);
    const t = 1_000_000;
    expect([r.take('a', t), r.take('a', t), r.take('a', t)]).toEqual([0, 0, 0]);
    expect(r.take('a', t)).toBe(20);
    expect(r.take('b', t)).toBe(0);
    expect(r.take('a', t + 20_000)).toBe(0);
  });
});

describe('IdempotencyCache', () => {
  it('replays within 10 minutes, per subject, and flags a different request', () => {
    const c = new IdempotencyCache<string>();
    c.put('alice', 'k', 'req-1', 'result', 0);
    expect(c.get('alice', 'k', 'req-1', 1000)).toEqual({ hit: 'result' });
    expect(c.get('alice', 'k', 'req-2', 1000)).toEqual({ conflict: true });
    expect(c.get('bob', 'k', 'req-1', 1000)).toBeNull();
    expect(c.get('alice', 'k', 'req-1', 10 * 60_000 + 1)).toBeNull();
  });
});

describe('KeyedMutex', () => {
  it('runs jobs of one key one at a time, other keys in parallel', async () => {
    const m = new KeyedMutex();
    const events: string[] = [];
    const job = (name: string, ms: number) => async () => {
      events.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      events.push(`end ${name}`);
    };
    await Promise.all([
      m.run('x', job('x1', 20)),
      m.run('x', job('x2', 1)),
      m.run('y', job('y1', 1)),
    ]);
    expect(events.indexOf('end x1')).toBeLessThan(events.indexOf('start x2'));
    expect(events.indexOf('start y1')).toBeLessThan(events.indexOf('end x1'));
  });

  it('keeps going after a failed job', async () => {
    const m = new KeyedMutex();
    await expect(m.run('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(m.run('x', async () => 'next')).resolves.toBe('next');
  });
});

describe('ClientIpResolver', () => {
  const req = (peer: string, xff?: string) =>
    ({
      socket: { remoteAddress: peer },
      headers: xff ? { 'x-forwarded-for': xff } : {},
    }) as unknown as IncomingMessage;

  it('ignores X-Forwarded-For from untrusted peers', () => {
    expect(new ClientIpResolver([]).resolve(req('192.0.2.1', '203.0.113.5'))).toBe('192.0.2.1');
    expect(new ClientIpResolver(['10.0.0.1']).resolve(req('192.0.2.1', '203.0.113.5'))).toBe(
      '192.0.2.1',
    );
  });

  it('walks past trusted hops from the right', () => {
    const r = new ClientIpResolver(['172.22.1.1', '10.0.0.0/8']);
    expect(r.resolve(req('::ffff:172.22.1.1', '198.51.100.1, 203.0.113.5, 10.1.1.1'))).toBe(
      '203.0.113.5',
    );
    expect(r.resolve(req('172.22.1.1'))).toBe('172.22.1.1');
    expect(r.resolve(req('172.22.1.1', 'garbage'))).toBe('172.22.1.1');
  });
});
