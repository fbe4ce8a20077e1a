import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from '../../harness/dovecot.js';
import { imapLogin, smtpLogin } from '../harness/mailcow/mail-clients.js';
import { startBench, type Bench } from '../../harness/broker-bench.js';

// Real Dovecot logins (verified by the emulator over HTTP, as mailcow's Dovecot does) show up
// as lastUsed in the broker's list; stale marking follows the broker's (injected) clock.

interface Listed {
  id: number;
  name: string;
  created: string;
  lastUsed?: { at: string; service: string; address: string; country?: string } | null;
  stale?: boolean;
}

const DAY = 86_400_000;
let bench: Bench;
let dovecot: Dovecot;
let alice: string;
let offset = 0;
const created: Array<{ id: number; password: string }> = [];

const list = async () =>
  (await (await bench.call('/v1/app-passwords', { token: alice })).json()) as Listed[];

beforeAll(async () => {
  bench = await startBench({
    env: { APPPASS_LAST_LOGIN_CACHE_SECONDS: '0', APPPASS_WRITES_PER_MINUTE: '100' },
    now: () => Date.now() + offset,
  });
  dovecot = await startDovecot({ authUrl: bench.mailcow.authUrl });
  alice = (await bench.idp.signIn(bench.idp.users.alice)).access_token;
  for (const name of ['laptop', 'phone', 'old tablet']) {
    const res = await bench.call('/v1/app-passwords', {
      method: 'POST',
      token: alice,
      body: { name, protocols: ['imap_access', 'smtp_access'] },
    });
    created.push((await res.json()) as { id: number; password: string });
  }
});

afterAll(async () => {
  await dovecot?.stop();
  await bench?.stop();
});

describe('lastUsed from get/last-login', () => {
  it('is null for every password before any login', async () => {
    const l = await list();
    expect(l.map((p) => p.lastUsed)).toEqual([null, null, null]);
    expect(l.map((p) => p.stale)).toEqual([false, false, false]);
  });

  it('shows the last use of the two passwords that logged in, and none for the third', async () => {
    const [laptop, phone, tablet] = created as [
      (typeof created)[0],
      (typeof created)[0],
      (typeof created)[0],
    ];
    const before = Date.now() - 1000;
    expect(await imapLogin(dovecot, 'alice@example.test', laptop.password)).toBe(true);
    expect(await smtpLogin(dovecot, 'alice@example.test', phone.password)).toBe(true);
    const calls = bench.mailcow.requests.length;
    const l = await list();
    // one list = get/app-passwd + get/last-login, nothing per password
    expect(bench.mailcow.requests.slice(calls).map((r) => r.path.split('/')[4])).toEqual([
      'app-passwd',
      'last-login',
    ]);
    const byId = new Map(l.map((p) => [p.id, p]));
    expect(byId.get(laptop.id)?.lastUsed).toMatchObject({
      service: 'imap',
      address: 'Web/EAS/Internal (127.0.0.1)',
    });
    expect(byId.get(phone.id)?.lastUsed).toMatchObject({ service: 'smtp' });
    expect(byId.get(tablet.id)?.lastUsed).toBeNull();
    const at = Date.parse(byId.get(laptop.id)?.lastUsed?.at ?? '');
    expect(at).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it('marks stale what was never seen 7 days after creation, and everything after 90 days', async () => {
    const [laptop, phone, tablet] = created.map((c) => c.id);
    try {
      offset = 8 * DAY;
      const week = new Map((await list()).map((p) => [p.id, p.stale]));
      expect([
        week.get(laptop as number),
        week.get(phone as number),
        week.get(tablet as number),
      ]).toEqual([false, false, true]);
      offset = 91 * DAY;
      expect((await list()).map((p) => p.stale)).toEqual([true, true, true]);
    } finally {
      offset = 0;
    }
  });

  it('still lists (without the fields) when get/last-login fails', async () => {
    bench.mailcow.setFault({ kind: 'status', status: 500, pathPrefix: '/api/v1/get/last-login' });
    try {
      const l = await list();
      expect(l).toHaveLength(3);
      expect(l.every((p) => !('lastUsed' in p) && !('stale' in p))).toBe(true);
    } finally {
      bench.mailcow.setFault(null);
    }
  });
});
