import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectIssuer } from '../../../../../main/core/auth/issuer.js';
import { createBrokerClient } from '../../../../../main/core/broker/client.js';
import { fetchAutoconfig } from '../../../../../main/core/diagnostics/autoconfig-check.js';
import { discover } from '../../../../../main/core/discovery/discover.js';
import { createHttpFetch } from '../../../../../main/core/net/http.js';
import { startHostileHttp, type HostileHttp } from '../../../../harness/hostile-http.js';

// Every network body the core reads stops at its cap, with or without Content-Length, and
// says so, instead of reading until a deadline (RSS and wall time: npm run bench:hostile).

const env = { APPPASS_INSECURE_HTTP: '1' };
const EMAIL = 'alice@example.test';
const MB = 1024 * 1024;
let server: HostileHttp;

beforeAll(async () => {
  server = await startHostileHttp();
});
afterAll(async () => {
  await server?.stop();
});

/** Runs `read` and returns how much the server got to send meanwhile. */
async function sentDuring(read: () => Promise<void>): Promise<number> {
  const before = server.sent();
  await read();
  return server.sent() - before;
}

describe.each(['', '/huge'])('bodies that never end (prefix "%s")', (prefix) => {
  it('discover --config <url> stops reading at the cap', async () => {
    const sent = await sentDuring(async () => {
      await expect(
        discover(EMAIL, { config: `${server.base}${prefix}/cfg`, env, timeoutMs: 3_000 }),
      ).rejects.toMatchObject({
        code: 'invalid_config',
        params: { detail: expect.stringMatching(/too large/) },
      });
    });
    expect(sent).toBeLessThan(8 * MB);
  });

  it('the well-known document and autoconfig stop reading at the cap', async () => {
    const r = await discover(EMAIL, {
      env,
      timeoutMs: 3_000,
      baseUrlFor: (host) => `${server.base}${prefix}/${host}`,
      systemFiles: [],
      resolver: { resolveSrv: async () => [], resolveMx: async () => [] },
    });
    const details = r.sources.filter((s) => s.source !== 'srv' && s.source !== 'mx');
    expect(details.map((s) => [s.source, s.detail])).toEqual([
      ['well-known', expect.stringMatching(/too large/)],
      ['autoconfig', expect.stringMatching(/too large/)],
    ]);
  });

  it('the checker’s autoconfig comparison stops reading at the cap', async () => {
    const answer = await fetchAutoconfig(EMAIL, {
      fetch: createHttpFetch({ env }),
      baseUrlFor: (host) => `${server.base}${prefix}/${host}`,
      signal: AbortSignal.timeout(3_000),
    });
    expect(answer.detail).toMatch(/too large/);
  });

  it('a broker answer stops at the cap and is an invalid answer', async () => {
    const broker = createBrokerClient({
      baseUrl: `${server.base}${prefix}`,
      tokens: { getAccessToken: async () => 'not-a-real-token' },
      env,
      timeoutMs: 3_000,
    });
    const sent = await sentDuring(async () => {
      await expect(broker.me()).rejects.toMatchObject({
        code: 'broker_bad_answer',
        params: { limitKiB: 1024 },
      });
    });
    expect(sent).toBeLessThan(8 * MB);
  });

  it('an IdP answer stops at the cap and says the sign-in service cannot be used', async () => {
    await expect(
      connectIssuer({ issuer: `${server.base}${prefix}/idp`, clientId: 'apppass-desktop', env }),
    ).rejects.toMatchObject({
      code: 'idp_unreachable',
      params: { reason: expect.stringMatching(/too large/) },
    });
  });
});
