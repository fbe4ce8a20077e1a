import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemCode, startBench, type Bench } from '../../harness/broker-bench.js';

let bench: Bench;

beforeAll(async () => {
  bench = await startBench({
    env: { APPPASS_MAX_PER_MAILBOX: '2', APPPASS_WRITES_PER_MINUTE: '4' },
  });
});

afterAll(async () => {
  await bench?.stop();
});

const create = (token: string, name: string) =>
  bench.call('/v1/app-passwords', {
    method: 'POST',
    token,
    body: { name, protocols: ['imap_access'] },
  });

describe('abuse limits', () => {
  it('enforces APPPASS_MAX_PER_MAILBOX', async () => {
    const token = (await bench.idp.signIn(bench.idp.users.alice)).access_token;
    expect((await create(token, 'one')).status).toBe(201);
    expect((await create(token, 'two')).status).toBe(201);
    const third = await create(token, 'three');
    expect(third.status).toBe(409);
    expect(await problemCode(third)).toBe('limit_reached');
    expect(bench.mailcow.appPasswords('alice@example.test')).toHaveLength(2);
  });

  it('rate-limits writes per user with 429 and Retry-After, reads stay allowed', async () => {
    const token = (await bench.idp.signIn(bench.idp.users.bob)).access_token;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await bench.call('/v1/app-passwords/424242', { method: 'DELETE', token })).status,
      );
    }
    expect(statuses).toEqual([404, 404, 404, 404, 429]);
    const limited = await create(token, 'after the limit');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await problemCode(limited)).toBe('rate_limited');
    expect(bench.mailcow.appPasswords('bob@example.test')).toHaveLength(0);
    expect((await bench.call('/v1/app-passwords', { token })).status).toBe(200);
    // another user is not affected
    const alice = (await bench.idp.signIn(bench.idp.users.alice)).access_token;
    expect(
      (await bench.call('/v1/app-passwords/424242', { method: 'DELETE', token: alice })).status,
    ).toBe(404);
  });
});
