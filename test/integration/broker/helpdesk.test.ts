import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemCode, startBench, type Bench } from './fixture.js';

// /v1/helpdesk for members of APPPASS_HELPDESK_GROUP (bob is in "helpdesk", alice is not):
// look up a mailbox, revoke its passwords, see and lift mailcow's fail2ban bans. A non-member
// is refused before anything reaches mailcow. Every action is audited, never with a secret.

let bench: Bench;
let alice: string;
let bob: string;
const secrets: string[] = [];

const ALICE = 'alice@example.test';

async function createForAlice(name: string): Promise<number> {
  const res = await bench.call('/v1/app-passwords', {
    method: 'POST',
    token: alice,
    body: { name, protocols: ['imap_access'] },
  });
  const body = (await res.json()) as { id: number; password: string };
  secrets.push(body.password);
  return body.id;
}

const ENDPOINTS: Array<[string, string, unknown?]> = [
  ['GET', `/v1/helpdesk/mailboxes/${ALICE}`],
  ['DELETE', `/v1/helpdesk/mailboxes/${ALICE}/app-passwords/1`],
  ['DELETE', `/v1/helpdesk/mailboxes/${ALICE}/app-passwords`],
  ['GET', '/v1/helpdesk/bans'],
  ['GET', '/v1/helpdesk/bans?ip=203.0.113.7'],
  ['POST', '/v1/helpdesk/unban', { ip: '203.0.113.7' }],
];

beforeAll(async () => {
  bench = await startBench({
    env: {
      APPPASS_HELPDESK_GROUP: 'helpdesk',
      APPPASS_HELPDESK_DOMAINS: 'example.test',
      APPPASS_WRITES_PER_MINUTE: '100',
      APPPASS_LAST_LOGIN_CACHE_SECONDS: '0',
    },
    mailcow: { mailboxes: undefined },
  });
  await bench.mailcow.addMailbox({
    username: 'dave@example.test',
    name: 'Dave',
    authsource: 'generic-oidc',
    quotaUsed: 1_500_000,
    quota: 3_000_000,
  });
  alice = (await bench.idp.signIn(bench.idp.users.alice)).access_token;
  bob = (await bench.idp.signIn(bench.idp.users.bob)).access_token;
});

afterAll(async () => bench?.stop());

describe('non-members', () => {
  it.each(ENDPOINTS)(
    'are refused at %s %s with 403 and no mailcow call',
    async (method, path, body) => {
      const calls = bench.broker.stats().mailcowCalls;
      const res = await bench.call(path, { method, token: alice, body });
      expect(res.status).toBe(403);
      expect(await problemCode(res)).toBe('not_helpdesk');
      expect(bench.broker.stats().mailcowCalls).toBe(calls);
    },
  );

  it('see helpdesk: false in /v1/me, members true', async () => {
    const me = async (t: string) =>
      ((await (await bench.call('/v1/me', { token: t })).json()) as { helpdesk: boolean }).helpdesk;
    expect(await me(alice)).toBe(false);
    expect(await me(bob)).toBe(true);
  });
});

describe('a helpdesk member', () => {
  it('looks up a mailbox: active, auth source, quota used, its passwords with last use', async () => {
    const id = await createForAlice("Tom's <iPhone>");
    const res = await bench.call(`/v1/helpdesk/mailboxes/${ALICE}`, { token: bob });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      mailbox: ALICE,
      active: true,
      authSource: 'mailcow',
      quotaUsed: 0,
    });
    const pw = (body.appPasswords as Array<Record<string, unknown>>).find((p) => p.id === id);
    expect(pw).toMatchObject({ name: "Tom's <iPhone>", lastUsed: null, stale: false });
    expect(JSON.stringify(body)).not.toMatch(/password"|SSHA|BLF/);
    const dave = (await (
      await bench.call('/v1/helpdesk/mailboxes/dave@example.test', { token: bob })
    ).json()) as Record<string, unknown>;
    expect(dave).toMatchObject({
      authSource: 'generic-oidc',
      quotaUsed: 1_500_000,
      quota: 3_000_000,
    });
  });

  it('gets 404 for an unknown mailbox and 403 outside the helpdesk domains (no mailcow call)', async () => {
    const unknown = await bench.call('/v1/helpdesk/mailboxes/nobody@example.test', { token: bob });
    expect(unknown.status).toBe(404);
    const calls = bench.broker.stats().mailcowCalls;
    const other = await bench.call('/v1/helpdesk/mailboxes/eve@elsewhere.test', { token: bob });
    expect(other.status).toBe(403);
    expect(await problemCode(other)).toBe('domain_not_allowed');
    expect(bench.broker.stats().mailcowCalls).toBe(calls);
  });

  it('revokes one of them, then all', async () => {
    const one = await createForAlice('laptop');
    await createForAlice('phone');
    const del = await bench.call(`/v1/helpdesk/mailboxes/${ALICE}/app-passwords/${one}`, {
      method: 'DELETE',
      token: bob,
    });
    expect(del.status).toBe(204);
    expect(bench.mailcow.appPasswords(ALICE).map((p) => p.id)).not.toContain(one);
    const again = await bench.call(`/v1/helpdesk/mailboxes/${ALICE}/app-passwords/${one}`, {
      method: 'DELETE',
      token: bob,
    });
    expect(again.status).toBe(404);
    const left = bench.mailcow.appPasswords(ALICE).map((p) => p.id);
    const all = await bench.call(`/v1/helpdesk/mailboxes/${ALICE}/app-passwords`, {
      method: 'DELETE',
      token: bob,
    });
    expect(await all.json()).toEqual({ revoked: left });
    expect(bench.mailcow.appPasswords(ALICE)).toEqual([]);
  });

  it('sees a ban with its end, queues the unban, and netfilter lifts it', async () => {
    bench.mailcow.failedLogins('203.0.113.7', 10);
    const res = await bench.call('/v1/helpdesk/bans?ip=203.0.113.7', { token: bob });
    const bans = (await res.json()) as Array<{
      network: string;
      until: string;
      queuedForUnban: boolean;
    }>;
    expect(bans).toEqual([
      {
        network: '203.0.113.7/32',
        ip: '203.0.113.7',
        until: expect.any(String),
        queuedForUnban: false,
      },
    ]);
    const left = Date.parse(bans[0]?.until ?? '') - Date.now();
    expect(left).toBeGreaterThan(29 * 60_000);
    expect(left).toBeLessThanOrEqual(30 * 60_000 + 2000);
    const none = await bench.call('/v1/helpdesk/bans?ip=198.51.100.1', { token: bob });
    expect(await none.json()).toEqual([]);

    const unban = await bench.call('/v1/helpdesk/unban', {
      method: 'POST',
      token: bob,
      body: { ip: '203.0.113.7' },
    });
    expect(unban.status).toBe(202);
    expect(await unban.json()).toEqual({ queued: ['203.0.113.7/32'] });
    expect(bench.mailcow.bans()).toEqual([
      expect.objectContaining({ network: '203.0.113.7/32', queued: true }),
    ]);
    bench.mailcow.netfilterTick();
    expect(bench.mailcow.bans()).toEqual([]);
    const after = await bench.call('/v1/helpdesk/bans', { token: bob });
    expect(await after.json()).toEqual([]);
    const twice = await bench.call('/v1/helpdesk/unban', {
      method: 'POST',
      token: bob,
      body: { ip: '203.0.113.7' },
    });
    expect(twice.status).toBe(404);
  });

  it('refuses a malformed mailbox in the path with 400', async () => {
    const res = await bench.call('/v1/helpdesk/mailboxes/%E0%A4%A', { token: bob });
    expect(res.status).toBe(400);
    expect(await problemCode(res)).toBe('invalid_mailbox');
  });

  it('refuses a body that is not an address', async () => {
    const res = await bench.call('/v1/helpdesk/unban', {
      method: 'POST',
      token: bob,
      body: { ip: 'not-an-ip' },
    });
    expect(res.status).toBe(400);
  });
});

describe('the audit log', () => {
  it('names actor and subject of every helpdesk action, and never a secret', async () => {
    const lines = (await bench.auditLines()).filter((l) =>
      String(l.action).startsWith('helpdesk_'),
    );
    const bobSub = bench.idp.users.bob.sub;
    const find = (action: string, outcome: string) =>
      lines.find((l) => l.action === action && l.outcome === outcome);
    expect(find('helpdesk_lookup', 'ok')).toMatchObject({
      sub: bobSub,
      actor: 'bob@example.test',
      subject: ALICE,
      mailbox: ALICE,
      status: 200,
    });
    expect(find('helpdesk_lookup', 'refused')).toMatchObject({
      sub: bench.idp.users.alice.sub,
      reason: 'not_helpdesk',
    });
    expect(find('helpdesk_revoke', 'ok')).toMatchObject({
      actor: 'bob@example.test',
      subject: ALICE,
      name: 'laptop',
    });
    expect(find('helpdesk_revoke_all', 'ok')).toMatchObject({
      subject: ALICE,
      affected: expect.any(Array),
    });
    expect(find('helpdesk_unban', 'ok')).toMatchObject({
      actor: 'bob@example.test',
      subject: '203.0.113.7',
      affected: ['203.0.113.7/32'],
    });
    const text = JSON.stringify(await bench.auditLines());
    const leaked = [...secrets, alice, bob, bench.mailcow.rwKey].some((s) => text.includes(s));
    expect(leaked).toBe(false);
  });
});
