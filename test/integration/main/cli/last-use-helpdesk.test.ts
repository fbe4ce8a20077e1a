import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts } from '../../../harness/ports.js';
import { imapLogin, smtpLogin } from '../../harness/mailcow/mail-clients.js';
import { apppass, login, newDataDir, startCliBench, type CliBench } from './fixture.js';

// `apppass list` with last use from real Dovecot logins (Dovecot asks the emulator over HTTP,
// as mailcow's does), stale marking on the broker's injected clock, `revoke --stale`, names
// as typed, and `apppass helpdesk …` for a member (bob) and a non-member (alice).

const ALICE = 'alice@example.test';
const DAY = 86_400_000;
let cb: CliBench;
let aliceDir: string;
let bobDir: string;
let offset = 0;
const made: Array<{ id: number; name: string; password: string }> = [];

const run = (dir: string, args: string[], stdin?: string) =>
  apppass(cb, args, { dataDir: dir, ...(stdin === undefined ? {} : { stdin }) });
const json = (text: string) => JSON.parse(text) as Record<string, unknown>;
type Listed = { id: number; name: string; stale?: boolean; lastUsed?: unknown };
const listJson = async () => {
  const r = await run(aliceDir, ['list', '--json']);
  expect(r.code, r.stderr).toBe(0);
  return json(r.stdout).appPasswords as Listed[];
};

beforeAll(async () => {
  cb = await startCliBench({
    httpAuth: true,
    now: () => Date.now() + offset,
    env: { APPPASS_HELPDESK_GROUP: 'helpdesk', APPPASS_LAST_LOGIN_CACHE_SECONDS: '0' },
  });
  aliceDir = await newDataDir();
  bobDir = await newDataDir();
  expect((await login(cb, cb.bench.idp.users.alice, { dataDir: aliceDir })).code).toBe(0);
  expect((await login(cb, cb.bench.idp.users.bob, { dataDir: bobDir })).code).toBe(0);
  for (const name of ['laptop', 'phone', 'tablet', 'desk']) {
    const r = await run(aliceDir, [
      'create',
      '--name',
      name,
      '--protocols',
      'imap,smtp',
      '--no-store',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    made.push(json(r.stdout) as (typeof made)[0]);
  }
}, 120_000);

afterAll(async () => cb?.stop());

describe('apppass list: last use', () => {
  it('shows last use for the two passwords that logged in and "not seen" for the third', async () => {
    const [laptop, phone] = made as [(typeof made)[0], (typeof made)[0]];
    expect(await imapLogin(cb.dovecot, ALICE, laptop.password)).toBe(true);
    expect(await smtpLogin(cb.dovecot, ALICE, phone.password)).toBe(true);
    const r = await run(aliceDir, ['list']);
    expect(r.code, r.stderr).toBe(0);
    const line = (name: string) => r.stdout.split('\n').find((l) => l.includes(` ${name} `)) ?? '';
    expect(line('laptop')).toMatch(
      /IMAP, just now, from 127\.0\.0\.1 \(webmail, ActiveSync or an internal address\)/,
    );
    expect(line('phone')).toMatch(/SMTP, just now, from 127\.0\.0\.1/);
    expect(line('tablet')).toMatch(/not seen$/);
    expect(r.stdout).toContain(
      '"not seen" means mailcow has no login on record, not that nobody uses it',
    );
  });

  it('names the client address and country for a login from a public address', async () => {
    // what mailcow's Dovecot sends for a client at 203.0.113.5 (the bench's clients are all
    // local), two hours ago by mailcow's clock
    cb.bench.mailcow.setCountry('203.0.113.5', 'DE');
    const twoHours = 2 * 3600_000 + 60_000;
    cb.bench.mailcow.advanceClock(-twoHours);
    try {
      const res = await fetch(cb.bench.mailcow.authUrl, {
        method: 'POST',
        body: JSON.stringify({
          username: ALICE,
          password: made[3]?.password,
          real_rip: '203.0.113.5',
          service: 'imap',
        }),
      });
      expect(res.status).toBe(200);
    } finally {
      cb.bench.mailcow.advanceClock(twoHours);
    }
    const r = await run(aliceDir, ['list']);
    expect(r.stdout).toMatch(/desk .*IMAP, 2 hours ago, from 203\.0\.113\.5 \(DE\)/);
  });
});

describe('stale passwords', () => {
  it('marks the never-seen one stale a week after creation; revoke --stale asks, then revokes exactly it', async () => {
    offset = 8 * DAY;
    try {
      const listed = await listJson();
      expect(listed.filter((p) => p.stale).map((p) => p.name)).toEqual(['tablet']);
      const human = await run(aliceDir, ['list']);
      expect(human.stdout).toMatch(/!\d+ +tablet/);
      const declined = await run(aliceDir, ['revoke', '--stale'], 'n\n');
      expect(declined.stderr).toContain('tablet');
      expect(declined.stdout).toContain('Nothing was revoked');
      expect(cb.bench.mailcow.appPasswords(ALICE)).toHaveLength(4);
      const yes = await run(aliceDir, ['revoke', '--stale', '--json'], 'y\n');
      expect(yes.code, yes.stderr).toBe(0);
      expect((json(yes.stdout).revoked as Array<{ id: number }>).map((o) => o.id)).toEqual([
        made[2]?.id,
      ]);
      expect(
        cb.bench.mailcow
          .appPasswords(ALICE)
          .map((p) => p.name)
          .sort(),
      ).toEqual(['desk', 'laptop', 'phone']);
    } finally {
      offset = 0;
    }
  });
});

describe('names as typed', () => {
  it.each([["Tom's iPhone"], ['Tom & Jerry <home> "main"'], ['Почта 邮件'], ['Phone 📱']])(
    'create → list keeps %s',
    async (name) => {
      const r = await run(aliceDir, [
        'create',
        '--name',
        name,
        '--protocols',
        'imap',
        '--no-store',
        '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(json(r.stdout).name).toBe(name);
      expect((await listJson()).map((p) => p.name)).toContain(name);
    },
  );

  it('says what mailcow cannot store', async () => {
    const r = await run(aliceDir, [
      'create',
      '--name',
      '&'.repeat(60),
      '--protocols',
      'imap',
      '--no-store',
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('300 of at most 255');
  });
});

describe('apppass helpdesk', () => {
  it('looks up a mailbox with its passwords and their last use (member)', async () => {
    const r = await run(bobDir, ['helpdesk', 'lookup', ALICE, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const body = json(r.stdout);
    expect(body).toMatchObject({ mailbox: ALICE, active: true, authSource: 'mailcow' });
    const human = await run(bobDir, ['helpdesk', 'lookup', ALICE]);
    expect(human.stdout).toMatch(/laptop .*IMAP, /);
  });

  it('refuses a non-member with exit 1 and says why', async () => {
    for (const args of [
      ['lookup', ALICE],
      ['bans'],
      ['unban', '203.0.113.7'],
      ['revoke', ALICE, '--all'],
    ]) {
      const r = await run(aliceDir, ['helpdesk', ...args]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('helpdesk group');
    }
  });

  it('shows a ban, queues its unban, and the ban list changes', async () => {
    cb.bench.mailcow.failedLogins('203.0.113.7', 10);
    const bans = await run(bobDir, ['helpdesk', 'bans', '--ip', '203.0.113.7', '--json']);
    expect(bans.code, bans.stderr).toBe(0);
    expect(json(bans.stdout).bans).toEqual([
      expect.objectContaining({ network: '203.0.113.7/32' }),
    ]);
    const unban = await run(bobDir, ['helpdesk', 'unban', '203.0.113.7']);
    expect(unban.code, unban.stderr).toBe(0);
    expect(unban.stdout).toContain('Unban queued for 203.0.113.7/32');
    cb.bench.mailcow.netfilterTick();
    expect(cb.bench.mailcow.bans()).toEqual([]);
    const again = await run(bobDir, ['helpdesk', 'unban', '203.0.113.7']);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('no active ban');
  });

  it('revokes one password, then all, and usage errors exit 2', async () => {
    const [first] = cb.bench.mailcow.appPasswords(ALICE);
    const one = await run(bobDir, ['helpdesk', 'revoke', ALICE, String(first?.id)]);
    expect(one.code, one.stderr).toBe(0);
    const all = await run(bobDir, ['helpdesk', 'revoke', ALICE, '--all', '--json']);
    expect(all.code, all.stderr).toBe(0);
    expect(cb.bench.mailcow.appPasswords(ALICE)).toEqual([]);
    expect((await run(bobDir, ['helpdesk', 'lookup', 'not-an-address'])).code).toBe(2);
    expect((await run(bobDir, ['helpdesk', 'unban', 'nope'])).code).toBe(2);
    expect((await run(bobDir, ['helpdesk'])).code).toBe(2);
  });
});

describe('apppass doctor when no mail port answers', () => {
  it('says mailcow may have banned this address, for how long, and that the helpdesk can lift it', async () => {
    const [imap, smtp] = await freePorts(2);
    const file = join(aliceDir, 'silent.json');
    await writeFile(
      file,
      JSON.stringify({
        ...cb.profile,
        mail: {
          imap: { host: '127.0.0.1', port: imap, security: 'tls' },
          smtp: { host: '127.0.0.1', port: smtp, security: 'tls' },
        },
      }),
    );
    const r = await run(aliceDir, ['doctor', ALICE, '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('mailcow may have banned this address');
    expect(r.stdout).toContain('lasts 30 minutes');
    expect(r.stdout).toContain('helpdesk can lift it');
    const j = await run(aliceDir, ['doctor', ALICE, '--config', file, '--json']);
    expect(json(j.stdout).possibleBan).toMatchObject({ attempts: 10, banMinutes: 30 });
    const ok = await run(aliceDir, ['doctor', ALICE, '--config', cb.configFile, '--json']);
    expect(json(ok.stdout)).not.toHaveProperty('possibleBan');
  });
});
