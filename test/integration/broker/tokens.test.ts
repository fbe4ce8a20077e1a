import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../broker/config.js';
import { startBroker, type BrokerHandle } from '../../../broker/server.js';
import { problemCode, startBench, type Bench } from './fixture.js';
import { forgeWithForeignKey, hs256WithJwks, startLookalikeIssuer, unsigned } from './forge.js';

let bench: Bench;
let alice: string;
const extra: BrokerHandle[] = [];

/** Another broker on the same IdP and emulator with a few variables changed. */
async function variant(env: Record<string, string | undefined>): Promise<BrokerHandle> {
  const b = await startBroker(loadConfig({ ...bench.env, ...env } as Record<string, string>), {
    log: () => undefined,
  });
  extra.push(b);
  return b;
}

const me = (url: string, token: string) =>
  fetch(`${url}/v1/me`, { headers: { Authorization: `Bearer ${token}` } });

beforeAll(async () => {
  bench = await startBench({
    // bob has no mailbox here; carol's is disabled
    mailcow: {
      mailboxes: [
        { username: 'alice@example.test', name: 'Alice' },
        { username: 'mallory@example.test' },
        { username: 'carol@example.test', active: false },
      ],
    },
    env: { APPPASS_JWKS_COOLDOWN_SECONDS: '3' },
  });
  alice = (await bench.idp.signIn(bench.idp.users.alice)).access_token;
});

afterAll(async () => {
  for (const b of extra) await b.close();
  await bench?.stop();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('valid tokens', () => {
  it('answers /v1/me with the mailbox, name and allowed protocols', async () => {
    const res = await bench.call('/v1/me', { token: alice });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      mailbox: 'alice@example.test',
      name: 'Alice Example',
      protocols: ['imap_access', 'smtp_access'],
      helpdesk: false,
    });
  });

  it('refuses a request without a token with 401 and a Bearer challenge', async () => {
    const res = await bench.call('/v1/me');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('forged and misdirected tokens', () => {
  const refused = async (res: Response, detail?: RegExp) => {
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
    const body = (await res.json()) as { detail: string };
    if (detail) expect(body.detail).toMatch(detail);
  };

  it('refuses a token signed with a foreign key', async () => {
    await refused(await bench.call('/v1/me', { token: await forgeWithForeignKey(alice) }));
  });

  it('refuses alg none', async () => {
    await refused(await bench.call('/v1/me', { token: unsigned(alice) }));
  });

  it('refuses HS256 signed with the JWKS as the secret', async () => {
    await refused(
      await bench.call('/v1/me', { token: await hs256WithJwks(alice, bench.idp.jwks()) }),
    );
  });

  it('refuses an expired token (past the 60 s tolerance)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 400_000); // IdP access tokens live 300 s
    await refused(await bench.call('/v1/me', { token: alice }), /expired/);
  });

  it('refuses a validly signed token from another issuer', async () => {
    const lookalike = await startLookalikeIssuer(bench.idp.issuer);
    try {
      const b = await variant({ APPPASS_ISSUER: lookalike.issuer });
      await refused(await me(b.url, alice), /"iss"/);
    } finally {
      await lookalike.stop();
    }
  });

  it('refuses a token for another audience', async () => {
    const b = await variant({ APPPASS_AUDIENCE: 'some-other-api' });
    await refused(await me(b.url, alice), /"aud"/);
  });

  it('refuses a token issued to another client (client_id/azp)', async () => {
    const b = await variant({ APPPASS_CLIENT_ID: 'another-desktop-app' });
    await refused(await me(b.url, alice), /another client/);
  });

  it('refuses an ID token presented as an access token, with or without an audience check', async () => {
    const { id_token } = await bench.idp.signIn(bench.idp.users.alice);
    await refused(await bench.call('/v1/me', { token: id_token }), /ID token/);
    const b = await variant({ APPPASS_AUDIENCE: undefined });
    await refused(await me(b.url, id_token), /ID token/);
  });
});

describe('who may act', () => {
  it('refuses an unverified email unless APPPASS_TRUST_UNVERIFIED_EMAIL=1', async () => {
    const token = (await bench.idp.signIn(bench.idp.users.mallory)).access_token;
    const res = await bench.call('/v1/me', { token });
    expect(res.status).toBe(403);
    expect(await problemCode(res)).toBe('email_unverified');
    const trusting = await variant({ APPPASS_TRUST_UNVERIFIED_EMAIL: '1' });
    expect((await me(trusting.url, token)).status).toBe(200);
  });

  it('refuses a mail domain that is not allowed', async () => {
    const b = await variant({ APPPASS_ALLOWED_DOMAINS: 'other.test, example.org' });
    const res = await me(b.url, alice);
    expect(res.status).toBe(403);
    expect(await problemCode(res)).toBe('domain_not_allowed');
    const allowed = await variant({ APPPASS_ALLOWED_DOMAINS: 'other.test,EXAMPLE.test' });
    expect((await me(allowed.url, alice)).status).toBe(200);
  });

  it('refuses a disabled mailbox and a missing one', async () => {
    const carol = await bench.call('/v1/me', {
      token: (await bench.idp.signIn(bench.idp.users.carol)).access_token,
    });
    expect(carol.status).toBe(403);
    expect(await problemCode(carol)).toBe('mailbox_inactive');
    const bob = await bench.call('/v1/me', {
      token: (await bench.idp.signIn(bench.idp.users.bob)).access_token,
    });
    expect(bob.status).toBe(403);
    expect(await problemCode(bob)).toBe('no_mailbox');
  });

  it('refuses a token without the email scope', async () => {
    const token = (await bench.idp.signIn(bench.idp.users.alice, { scope: 'openid' })).access_token;
    const res = await bench.call('/v1/me', { token });
    expect(res.status).toBe(403);
    expect(await problemCode(res)).toBe('no_email');
  });
});

describe('signing keys', () => {
  it('refetches the JWKS for an unknown kid, at most once per cooldown', async () => {
    const b = await variant({ APPPASS_JWKS_COOLDOWN_SECONDS: '3' });
    expect((await me(b.url, alice)).status).toBe(200);
    expect(b.stats().jwksFetches).toBe(1);
    // unknown kid inside the cooldown: refused without another fetch
    expect((await me(b.url, await forgeWithForeignKey(alice, 'kid-1'))).status).toBe(401);
    expect((await me(b.url, await forgeWithForeignKey(alice, 'kid-2'))).status).toBe(401);
    expect(b.stats().jwksFetches).toBe(1);
    await new Promise((r) => setTimeout(r, 3100));
    await bench.idp.rotateKeys();
    const rotated = (await bench.idp.signIn(bench.idp.users.alice)).access_token;
    expect((await me(b.url, rotated)).status).toBe(200);
    expect(b.stats().jwksFetches).toBe(2);
    expect((await me(b.url, await forgeWithForeignKey(alice, 'kid-3'))).status).toBe(401);
    expect(b.stats().jwksFetches).toBe(2);
  });
});
