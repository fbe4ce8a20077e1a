import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemCode, startBench, type Bench } from '../../harness/broker-bench.js';

let bench: Bench;

beforeAll(async () => {
  // Authelia's default: opaque access tokens, checked at the IdP's userinfo endpoint.
  bench = await startBench({ idp: { accessTokenFormat: 'opaque' }, env: { APPPASS_AUDIENCE: '' } });
});

afterAll(async () => {
  await bench?.stop();
});

describe('opaque access tokens', () => {
  it('verifies them at userinfo and caches a good answer briefly', async () => {
    const { access_token } = await bench.idp.signIn(bench.idp.users.alice);
    expect(access_token.split('.')).toHaveLength(1);
    const first = await bench.call('/v1/me', { token: access_token });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ mailbox: 'alice@example.test' });
    const created = await bench.call('/v1/app-passwords', {
      method: 'POST',
      token: access_token,
      body: { name: 'opaque', protocols: ['imap_access'] },
    });
    expect(created.status).toBe(201);
    expect(bench.broker.stats().userinfoCalls).toBe(1);
  });

  it('refuses a token the IdP does not know, and does not cache the refusal', async () => {
    const before = bench.broker.stats().userinfoCalls;
    for (let i = 0; i < 2; i++) {
      const res = await bench.call('/v1/me', { token: 'made-up-opaque-token-value' });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('invalid_token');
    }
    expect(bench.broker.stats().userinfoCalls - before).toBe(2);
  });

  it('applies the email rules to userinfo claims too', async () => {
    const { access_token } = await bench.idp.signIn(bench.idp.users.mallory);
    const res = await bench.call('/v1/me', { token: access_token });
    expect(res.status).toBe(403);
    expect(await problemCode(res)).toBe('email_unverified');
  });
});
