import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from '../../../harness/dovecot.js';
import { startMailcowEmulator, type MailcowEmulator } from '../../../harness/mailcow-emulator.js';
import { createAppPassword, imapLogin, smtpLogin } from './mail-clients.js';

// Dovecot asks the emulator over HTTP from a Lua passdb (as mailcow's passwd-verify.lua does);
// the emulator records each login in sasl_log and answers get/last-login, get/fail2ban and
// edit/fail2ban the way mailcow's functions.inc.php / functions.fail2ban.inc.php do.

const ALICE = 'alice@example.test';
const PW = ['Lastlogin-one-1', 'Lastlogin-two-2', 'Lastlogin-three-3'];
let emu: MailcowEmulator;
let dovecot: Dovecot;
const ids: number[] = [];

async function get(path: string, key?: string) {
  const res = await fetch(`${emu.url}/api/v1/${path}`, {
    headers: key === '' ? {} : { 'X-API-Key': key ?? emu.rwKey },
  });
  return { status: res.status, text: await res.text() };
}

async function post(path: string, body: unknown, key?: string) {
  const res = await fetch(`${emu.url}/api/v1/${path}`, {
    method: 'POST',
    headers: { 'X-API-Key': key ?? emu.rwKey, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as unknown };
}

type Sasl = {
  real_rip: string;
  datetime: string;
  service: string;
  app_password: number;
  app_password_name: string | null;
  location?: string | false;
};
const lastLogin = async (days = '') =>
  JSON.parse((await get(`get/last-login/${ALICE}${days}`)).text) as {
    ui: unknown;
    sasl: Sasl[];
  };

beforeAll(async () => {
  emu = await startMailcowEmulator();
  dovecot = await startDovecot({ authUrl: emu.authUrl });
  for (const [i, password] of PW.entries()) {
    await createAppPassword(emu, {
      username: ALICE,
      name: i === 0 ? "Tom's <iPhone>" : `pw ${i + 1}`,
      password,
      protocols: ['imap_access', 'smtp_access'],
    });
  }
  // createAppPassword's id lookup by name misses an escaped name: the ids come from the store
  ids.push(...emu.appPasswords(ALICE).map((p) => p.id));
});

afterAll(async () => {
  await dovecot?.stop();
  await emu?.stop();
});

describe('get/last-login fed by real Dovecot logins', () => {
  it('answers {"ui": false, "sasl": []} before any login', async () => {
    const r = await get(`get/last-login/${ALICE}`);
    expect(r.status).toBe(200);
    expect(r.text).toBe('{\n    "ui": false,\n    "sasl": []\n}');
  });

  it('records one row per service and address, with the app password that logged in', async () => {
    expect(await imapLogin(dovecot, ALICE, PW[0] as string)).toBe(true);
    expect(await smtpLogin(dovecot, ALICE, PW[1] as string)).toBe(true);
    const { ui, sasl } = await lastLogin();
    expect(ui).toBe(false);
    expect(sasl.map((r) => [r.service, r.app_password]).sort()).toEqual(
      [
        ['imap', ids[0]],
        ['smtp', ids[1]],
      ].sort(),
    );
    const imap = sasl.find((r) => r.service === 'imap') as Sasl;
    // loopback is not public: relabelled, and no location key at all
    expect(imap.real_rip).toBe('Web/EAS/Internal (127.0.0.1)');
    expect('location' in imap).toBe(false);
    expect(imap.datetime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    // the stored name (escaped once), not escaped again as get/app-passwd does
    expect(imap.app_password_name).toBe('Tom&#039;s &lt;iPhone&gt;');
    expect(emu.authRequests.filter((a) => a.success)).toHaveLength(2);
  });

  it('lets a later login from the same address and service replace the row (sasl_log key)', async () => {
    expect(await imapLogin(dovecot, ALICE, PW[2] as string)).toBe(true);
    const { sasl } = await lastLogin();
    expect(sasl.filter((r) => r.service === 'imap').map((r) => r.app_password)).toEqual([ids[2]]);
  });

  it('records nothing for a refused login', async () => {
    const before = JSON.stringify((await lastLogin()).sasl);
    expect(await imapLogin(dovecot, ALICE, 'Not-a-password-9')).toBe(false);
    expect(JSON.stringify((await lastLogin()).sasl)).toBe(before);
  });

  it('looks back `days` (default 7), but TIMEDIFF caps at 838 h: 35 days or more is everything', async () => {
    emu.advanceClock(10 * 24 * 3600_000);
    try {
      expect((await lastLogin()).sasl).toEqual([]);
      expect((await lastLogin('/11')).sasl).toHaveLength(2);
      emu.advanceClock(60 * 24 * 3600_000); // 70 days later
      expect((await lastLogin('/34')).sasl).toEqual([]);
      expect((await lastLogin('/35')).sasl).toHaveLength(2);
      expect((await lastLogin('/0')).sasl).toEqual([]); // intval < 1: the default 7
    } finally {
      emu.advanceClock(-70 * 24 * 3600_000);
    }
  });
});

describe('the auth endpoint as mailcowauth.php answers it', () => {
  const auth = (body: unknown) =>
    fetch(emu.authUrl, { method: 'POST', body: JSON.stringify(body) }).then(async (r) => ({
      status: r.status,
      text: await r.text(),
    }));

  it('answers 400 without real_rip, 401 for a wrong password, 200 for a right one', async () => {
    expect(await auth({ username: ALICE, password: PW[0] })).toEqual({
      status: 400,
      text: '{"success":false}',
    });
    expect(
      await auth({ username: ALICE, password: 'wrong-one', real_rip: '1.2.3.4', service: 'imap' }),
    ).toEqual({ status: 401, text: '{"success":false}' });
    expect(
      await auth({ username: ALICE, password: PW[0], real_rip: '203.0.113.5', service: 'pop3' }),
    ).toEqual({ status: 401, text: '{"success":false}' }); // no pop3_access scope
  });

  it('keeps a public address as is and adds its location (false when unknown)', async () => {
    emu.setCountry('203.0.113.5', 'DE');
    await auth({ username: ALICE, password: PW[0], real_rip: '203.0.113.5', service: 'imap' });
    await auth({ username: ALICE, password: PW[1], real_rip: '198.51.100.7', service: 'imap' });
    const rows = (await lastLogin()).sasl.filter((r) => !r.real_rip.startsWith('Web/'));
    expect(rows.map((r) => [r.real_rip, r.location]).sort()).toEqual([
      ['198.51.100.7', false],
      ['203.0.113.5', 'DE'],
    ]);
  });
});

describe('get/fail2ban and edit/fail2ban', () => {
  it('leaves active_bans and perm_bans out while nothing is banned', async () => {
    const r = await get('get/fail2ban');
    const body = JSON.parse(r.text) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual([
      'ban_time',
      'max_ban_time',
      'ban_time_increment',
      'max_attempts',
      'retry_window',
      'netban_ipv4',
      'netban_ipv6',
      'banlist_id',
      'manage_external',
      'regex',
      'whitelist',
      'blacklist',
    ]);
    expect(body).toMatchObject({ ban_time: 1800, max_attempts: 10, whitelist: '', blacklist: '' });
  });

  it('bans after max_attempts failures and shows the time left as "00h 30m 00s"', async () => {
    emu.failedLogins('203.0.113.9', 9);
    expect(emu.bans()).toEqual([]);
    emu.failedLogins('203.0.113.9', 1);
    const body = JSON.parse((await get('get/fail2ban')).text) as { active_bans: unknown[] };
    expect(body.active_bans).toHaveLength(1);
    expect(body.active_bans[0]).toMatchObject({
      queued_for_unban: 0,
      network: '203.0.113.9/32',
      ip: '203.0.113.9',
    });
    expect((body.active_bans[0] as { banned_until: string }).banned_until).toMatch(
      /^00h (30m 0[01]s|29m 5\ds)$/,
    );
  });

  it('queues an unban for the exact network; netfilter lifts it at its next tick', async () => {
    const answer = await post('edit/fail2ban', {
      items: ['203.0.113.9/32'],
      attr: { action: 'unban' },
    });
    expect(answer.json).toEqual([
      {
        type: 'success',
        log: ['fail2ban', 'edit', { network: ['203.0.113.9/32'], action: 'unban' }],
        msg: ['object_modified', '203.0.113.9/32'],
      },
    ]);
    expect(emu.bans()).toEqual([expect.objectContaining({ queued: true })]);
    emu.netfilterTick();
    expect(emu.bans()).toEqual([]);
    expect(JSON.parse((await get('get/fail2ban')).text)).not.toHaveProperty('active_bans');
  });

  it('answers object_modified for a bare IP too, which never matches the /32 ban', async () => {
    emu.failedLogins('203.0.113.10', 10);
    const answer = await post('edit/fail2ban', {
      items: ['203.0.113.10'],
      attr: { action: 'unban' },
    });
    expect(JSON.stringify(answer.json)).toContain('object_modified');
    emu.netfilterTick();
    expect(emu.bans().map((b) => b.network)).toEqual(['203.0.113.10/32']);
  });

  it('is for API keys only: anonymous gets an empty body, a read-only key cannot edit', async () => {
    expect(await get('get/fail2ban', '')).toEqual({ status: 200, text: '' });
    expect((await get('get/fail2ban', emu.roKey)).status).toBe(200);
    const ro = await post(
      'edit/fail2ban',
      { items: ['203.0.113.10/32'], attr: { action: 'unban' } },
      emu.roKey,
    );
    expect(ro).toEqual({
      status: 403,
      json: { type: 'error', msg: 'API read/write access denied' },
    });
  });
});
