import { afterAll, beforeAll, expect, it } from 'vitest';
import { problemCode, startBench, type Bench } from '../../harness/broker-bench.js';

// A helpdesk member's revokes and unbans spend the same per-subject budget as a user's own
// creates and deletes (APPPASS_WRITES_PER_MINUTE), so a stolen helpdesk token cannot wipe a
// domain's passwords in one burst. Lookups are reads and stay free.

let bench: Bench;
let alice: string;
let bob: string;
const ALICE = 'alice@example.test';

beforeAll(async () => {
  bench = await startBench({
    env: {
      APPPASS_HELPDESK_GROUP: 'helpdesk',
      APPPASS_WRITES_PER_MINUTE: '2',
    },
  });
  alice = (await bench.idp.signIn(bench.idp.users.alice)).access_token;
  bob = (await bench.idp.signIn(bench.idp.users.bob)).access_token;
});

afterAll(async () => bench?.stop());

it('answers the third helpdesk change in a minute with 429 and Retry-After, before mailcow', async () => {
  const created = await bench.call('/v1/app-passwords', {
    method: 'POST',
    token: alice,
    body: { name: 'laptop', protocols: ['imap_access'] },
  });
  expect(created.status).toBe(201);
  const [first] = bench.mailcow.appPasswords(ALICE);
  const one = await bench.call(`/v1/helpdesk/mailboxes/${ALICE}/app-passwords/${first?.id}`, {
    method: 'DELETE',
    token: bob,
  });
  expect(one.status).toBe(204);
  bench.mailcow.failedLogins('203.0.113.7', 10);
  const unban = await bench.call('/v1/helpdesk/unban', {
    method: 'POST',
    token: bob,
    body: { ip: '203.0.113.7' },
  });
  expect(unban.status).toBe(202);

  const calls = bench.broker.stats().mailcowCalls;
  const all = await bench.call(`/v1/helpdesk/mailboxes/${ALICE}/app-passwords`, {
    method: 'DELETE',
    token: bob,
  });
  expect(all.status).toBe(429);
  expect(await problemCode(all)).toBe('rate_limited');
  expect(Number(all.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(bench.broker.stats().mailcowCalls).toBe(calls);

  const lookup = await bench.call(`/v1/helpdesk/mailboxes/${ALICE}`, { token: bob });
  expect(lookup.status).toBe(200);
  // the budget is the member's own: alice has spent one of her two
  const own = await bench.call('/v1/app-passwords', {
    method: 'POST',
    token: alice,
    body: { name: 'tablet', protocols: ['imap_access'] },
  });
  expect(own.status).toBe(201);
});
