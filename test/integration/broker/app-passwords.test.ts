import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemCode, startBench, type Bench } from './fixture.js';

interface Created {
  id: number;
  name: string;
  protocols: string[];
  active: boolean;
  created: string;
  modified: string | null;
  password: string;
}

let bench: Bench;
let alice: string;
let bob: string;

const create = (token: string, body: unknown, headers: Record<string, string> = {}) =>
  bench.call('/v1/app-passwords', { method: 'POST', token, body, headers });

beforeAll(async () => {
  bench = await startBench({
    env: {
      APPPASS_PROTOCOLS: 'imap_access,smtp_access,sieve_access',
      APPPASS_WRITES_PER_MINUTE: '100',
    },
  });
  alice = (await bench.idp.signIn(bench.idp.users.alice)).access_token;
  bob = (await bench.idp.signIn(bench.idp.users.bob)).access_token;
});

afterAll(async () => {
  await bench?.stop();
});

describe('create, list, delete', () => {
  it('creates an app password that mailcow stores active with the asked scopes', async () => {
    const res = await create(alice, {
      name: 'Thunderbird on laptop',
      protocols: ['imap_access', 'smtp_access'],
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Created;
    expect(body).toMatchObject({
      name: 'Thunderbird on laptop',
      protocols: ['imap_access', 'smtp_access'],
      active: true,
      modified: null,
    });
    expect(body.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(body.password.length).toBeGreaterThanOrEqual(24);
    expect(body.password.startsWith('{')).toBe(false);
    const stored = bench.mailcow.appPasswords('alice@example.test').find((p) => p.id === body.id);
    expect(stored).toEqual({
      id: body.id,
      name: 'Thunderbird on laptop',
      protocols: ['imap_access', 'smtp_access'],
      active: true,
    });
  });

  it('lists only the caller own app passwords, without hashes', async () => {
    await create(bob, { name: 'Bob phone', protocols: ['imap_access'] });
    const res = await bench.call('/v1/app-passwords', { token: alice });
    expect(res.status).toBe(200);
    const list = (await res.json()) as Record<string, unknown>[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.map((p) => p.name)).not.toContain('Bob phone');
    for (const p of list)
      expect(Object.keys(p).sort()).toEqual([
        'active',
        'created',
        'id',
        'lastUsed',
        'modified',
        'name',
        'protocols',
        'stale',
      ]);
    expect(JSON.stringify(list)).not.toMatch(/BLF-CRYPT|\$2y\$/);
  });

  it('deletes the caller own app password', async () => {
    const { id } = (await (
      await create(alice, { name: 'short-lived', protocols: ['imap_access'] })
    ).json()) as Created;
    const res = await bench.call(`/v1/app-passwords/${id}`, { method: 'DELETE', token: alice });
    expect(res.status).toBe(204);
    expect(bench.mailcow.appPasswords('alice@example.test').map((p) => p.id)).not.toContain(id);
  });

  it("answers 404 for another mailbox's id and deletes nothing", async () => {
    const { id } = (await (
      await create(bob, { name: 'Bob tablet', protocols: ['imap_access'] })
    ).json()) as Created;
    const before = bench.mailcow.requests.length;
    const res = await bench.call(`/v1/app-passwords/${id}`, { method: 'DELETE', token: alice });
    expect(res.status).toBe(404);
    expect(bench.mailcow.appPasswords('bob@example.test').map((p) => p.id)).toContain(id);
    const sent = bench.mailcow.requests.slice(before).map((r) => r.path);
    expect(sent.some((p) => p.includes('/delete/'))).toBe(false);
    // indistinguishable from an id that does not exist at all
    const absent = await bench.call('/v1/app-passwords/99999', { method: 'DELETE', token: alice });
    expect(absent.status).toBe(404);
    expect(await absent.json()).toEqual(await res.json());
  });
});

describe('names made elsewhere', () => {
  it('shows a name created in the mailcow UI with & and quotes as typed (mailcow escapes it twice)', async () => {
    const res = await fetch(`${bench.mailcow.url}/api/v1/add/app-passwd`, {
      method: 'POST',
      headers: { 'X-API-Key': bench.mailcow.rwKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        username: 'bob@example.test',
        app_name: `Tom & Jerry's "mail"`,
        app_passwd: 'Ui-made-password-1234567',
        app_passwd2: 'Ui-made-password-1234567',
        active: 1,
        protocols: ['imap_access'],
      }),
    });
    expect(res.status).toBe(200);
    const list = (await (
      await bench.call('/v1/app-passwords', { token: bob })
    ).json()) as Created[];
    expect(list.map((p) => p.name)).toContain(`Tom & Jerry's "mail"`);
  });
});

describe('idempotency', () => {
  it('replays the same answer for the same Idempotency-Key and creates one password', async () => {
    const headers = { 'Idempotency-Key': 'install-7f3a' };
    const body = { name: 'Replay test', protocols: ['imap_access'] };
    const [a, b] = await Promise.all([create(alice, body, headers), create(alice, body, headers)]);
    const c = await create(alice, body, headers);
    const answers = [
      (await a.json()) as Created,
      (await b.json()) as Created,
      (await c.json()) as Created,
    ];
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(
      bench.mailcow.appPasswords('alice@example.test').filter((p) => p.name === 'Replay test'),
    ).toHaveLength(1);
  });

  it('refuses the same key for a different request', async () => {
    const headers = { 'Idempotency-Key': 'install-reused' };
    expect(
      (await create(alice, { name: 'First', protocols: ['imap_access'] }, headers)).status,
    ).toBe(201);
    const res = await create(alice, { name: 'Second', protocols: ['imap_access'] }, headers);
    expect(res.status).toBe(422);
    expect(bench.mailcow.appPasswords('alice@example.test').some((p) => p.name === 'Second')).toBe(
      false,
    );
  });

  it('keeps keys per user: the same key from bob creates his own password', async () => {
    const headers = { 'Idempotency-Key': 'shared-key' };
    const a = (await (
      await create(alice, { name: 'Same key', protocols: ['imap_access'] }, headers)
    ).json()) as Created;
    const b = (await (
      await create(bob, { name: 'Same key', protocols: ['imap_access'] }, headers)
    ).json()) as Created;
    expect(b.id).not.toBe(a.id);
    expect(b.password === a.password).toBe(false); // not.toBe would print the password
  });
});

describe('request validation', () => {
  const expectProblem = async (res: Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(await problemCode(res)).toBe(code);
  };

  it('refuses bodies over 16 KiB', async () => {
    await expectProblem(
      await create(alice, { name: 'x', protocols: ['imap_access'], pad: 'a'.repeat(17 * 1024) }),
      413,
      'body_too_large',
    );
  });

  it('refuses bad JSON and other content types', async () => {
    await expectProblem(await create(alice, '{"name": "x", '), 400, 'invalid_json');
    const res = await bench.call('/v1/app-passwords', {
      method: 'POST',
      token: alice,
      headers: { 'Content-Type': 'text/plain' },
    });
    await expectProblem(res, 415, 'unsupported_media_type');
  });

  it.each([
    ['a lone continuation byte in the name', [0x80]],
    ['a truncated two-byte sequence in the name', [0xc3]],
    ['an overlong encoding of "/" in the name', [0xc0, 0xaf]],
    ['a UTF-16 surrogate encoded in UTF-8', [0xed, 0xa0, 0x80]],
  ])('refuses invalid UTF-8 (%s) with 400 and creates nothing', async (_, bytes) => {
    const before = bench.mailcow.appPasswords('alice@example.test').length;
    const body = Buffer.concat([
      Buffer.from('{"name":"Phone '),
      Buffer.from(bytes),
      Buffer.from('","protocols":["imap_access"]}'),
    ]);
    await expectProblem(await create(alice, body), 400, 'invalid_utf8');
    expect(bench.mailcow.appPasswords('alice@example.test')).toHaveLength(before);
  });

  it('refuses invalid UTF-8 outside a string too (between tokens)', async () => {
    const body = Buffer.concat([
      Buffer.from('{"name":"Phone",'),
      Buffer.from([0xff]),
      Buffer.from('"protocols":["imap_access"]}'),
    ]);
    await expectProblem(await create(alice, body), 400, 'invalid_utf8');
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['"0" (mailcow takes it as no name)', '0'],
    ['a control character', 'bell\u0007'],
    ['a line break', 'two\nlines'],
    ['half an emoji', 'x\ud83d'],
    ['too long once escaped (52 × & = 260)', '&'.repeat(52)],
    ['not a string', 42],
  ])('refuses a name that is %s', async (_label, name) => {
    await expectProblem(
      await create(alice, { name, protocols: ['imap_access'] }),
      400,
      'invalid_body',
    );
  });

  it('says what is wrong with a name mailcow cannot store', async () => {
    const res = await create(alice, { name: '<'.repeat(70), protocols: ['imap_access'] });
    const body = (await res.json()) as { detail: string };
    expect(body.detail).toContain('280 of at most 255');
  });

  it.each([
    ['an apostrophe', "Tom's iPhone"],
    ['an ampersand', 'Tom & Jerry'],
    ['angle brackets', 'a <b> c'],
    ['quotes', 'say "hi"'],
    ['an entity as typed', '&amp; stays &amp;'],
    ['non-Latin letters', 'Почта 邮件 البريد'],
    ['emoji (with a joiner)', 'Phone 📱 👨‍👩‍👧'],
    ['255 characters once escaped', `${'&'.repeat(50)}${'n'.repeat(5)}`],
  ])('keeps a name with %s exactly as typed', async (_label, name) => {
    const res = await create(alice, { name, protocols: ['imap_access'] });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Created;
    expect(created.name).toBe(name);
    const listed = (await (
      await bench.call('/v1/app-passwords', { token: alice })
    ).json()) as Created[];
    expect(listed.find((p) => p.id === created.id)?.name).toBe(name);
    await bench.call(`/v1/app-passwords/${created.id}`, { method: 'DELETE', token: alice });
  });

  it('refuses unknown fields, unknown scopes and an empty scope list', async () => {
    await expectProblem(
      await create(alice, { name: 'x', protocols: ['imap_access'], active: 0 }),
      400,
      'invalid_body',
    );
    await expectProblem(
      await create(alice, { name: 'x', protocols: ['ftp_access'] }),
      400,
      'invalid_body',
    );
    await expectProblem(await create(alice, { name: 'x', protocols: [] }), 400, 'invalid_body');
  });

  it('refuses a protocol the administrator does not offer', async () => {
    await expectProblem(
      await create(alice, { name: 'pop', protocols: ['imap_access', 'pop3_access'] }),
      403,
      'protocol_not_allowed',
    );
    expect(bench.mailcow.appPasswords('alice@example.test').some((p) => p.name === 'pop')).toBe(
      false,
    );
  });
});
