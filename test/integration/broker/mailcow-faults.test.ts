import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../broker/config.js';
import { startBroker } from '../../../broker/server.js';
import { problemCode, startBench, type Bench } from '../../harness/broker-bench.js';

let bench: Bench;
let alice: string;

beforeAll(async () => {
  bench = await startBench({
    env: { APPPASS_MAILBOX_CACHE_SECONDS: '0', APPPASS_MAILCOW_TIMEOUT_MS: '2000' },
  });
  alice = (await bench.idp.signIn(bench.idp.users.alice)).access_token;
});

afterEach(() => {
  bench.mailcow.setFault(null);
  bench.mailcow.setPolicy({ length: 6, chars: 0, special_chars: 0, lowerupper: 0, numbers: 0 });
});

afterAll(async () => {
  await bench?.stop();
});

const list = () => bench.call('/v1/app-passwords', { token: alice });
const create = (name: string) =>
  bench.call('/v1/app-passwords', {
    method: 'POST',
    token: alice,
    body: { name, protocols: ['imap_access'] },
  });

describe('mailcow misbehaving', () => {
  it.each([
    ['an HTML page', { kind: 'html' as const }, 502, 'mailcow_bad_answer'],
    ['an empty body', { kind: 'empty' as const }, 502, 'mailcow_bad_answer'],
    ['HTTP 500', { kind: 'status' as const, status: 500 }, 502, 'mailcow_bad_answer'],
    ['too slowly', { kind: 'slow' as const, delayMs: 3000 }, 504, 'mailcow_timeout'],
  ])('answers a problem when mailcow answers with %s', async (_label, fault, status, code) => {
    bench.mailcow.setFault(fault);
    const res = await list();
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await problemCode(res)).toBe(code);
  });

  it('retries a read that failed once, and succeeds', async () => {
    bench.mailcow.setFault({ kind: 'html', pathPrefix: '/api/v1/get/app-passwd', times: 1 });
    expect((await list()).status).toBe(200);
  });

  it('never retries a write: one add attempt, then a problem', async () => {
    bench.mailcow.setFault({ kind: 'empty', pathPrefix: '/api/v1/add/', times: 2 });
    const before = bench.mailcow.requests.length;
    const res = await create('never twice');
    expect(res.status).toBe(502);
    const adds = bench.mailcow.requests
      .slice(before)
      .filter((r) => r.path.startsWith('/api/v1/add/'));
    expect(adds).toHaveLength(1);
  });

  it('turns HTTP 200 with type danger into a 502 problem', async () => {
    bench.mailcow.setFault({ kind: 'danger', pathPrefix: '/api/v1/add/', msg: 'access_denied' });
    const res = await create('danger');
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({
      type: 'urn:apppass:problem:mailcow_error',
      detail: expect.stringContaining('access_denied'),
    });
  });

  it('satisfies a strict live password policy', async () => {
    bench.mailcow.setPolicy({ length: 40, chars: 1, special_chars: 1, lowerupper: 1, numbers: 1 });
    const res = await create('strict policy');
    expect(res.status).toBe(201);
    const { password } = (await res.json()) as { password: string };
    expect(Buffer.byteLength(password)).toBeGreaterThanOrEqual(40);
    // a failing toMatch would print the password: report only which rule failed
    for (const re of [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/])
      expect(re.test(password), `password lacks ${re}`).toBe(true);
  });

  it('refuses with a problem when the policy cannot be met (over 128 characters)', async () => {
    bench.mailcow.setPolicy({ length: 200 });
    const res = await create('impossible policy');
    expect(res.status).toBe(502);
    expect(await problemCode(res)).toBe('policy_unsatisfiable');
  });

  it('reports health from mailcow', async () => {
    expect((await bench.call('/healthz')).status).toBe(200);
    bench.mailcow.setFault({ kind: 'html' });
    const res = await bench.call('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable' });
  });

  it('never sends a mailcow session cookie back, and always sends the key', async () => {
    expect(bench.mailcow.requests.length).toBeGreaterThan(10);
    expect(bench.mailcow.requests.filter((r) => r.cookie)).toEqual([]);
    expect(bench.mailcow.requests.every((r) => r.hadApiKey)).toBe(true);
  });
});

describe('a wrong API key', () => {
  it('answers 502 and pauses mailcow calls instead of hammering the ban counter', async () => {
    const logs: string[] = [];
    const env = { ...bench.env, APPPASS_MAILCOW_API_KEY: 'WRONG-KEY-0000-0000' };
    const broker = await startBroker(loadConfig(env), { log: (l) => logs.push(l) });
    try {
      const before = bench.mailcow.requests.length;
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${broker.url}/v1/me`, {
          headers: { Authorization: `Bearer ${alice}` },
        });
        expect(res.status).toBe(502);
        expect(await problemCode(res)).toBe('mailcow_auth');
      }
      expect((await fetch(`${broker.url}/healthz`)).status).toBe(503);
      expect(bench.mailcow.requests.length - before).toBe(1);
      expect(logs.join('\n')).toMatch(/refused the API key/);
      expect(logs.join('\n')).not.toContain('WRONG-KEY-0000-0000');
    } finally {
      await broker.close();
    }
  });
});

describe('mailcow echoing a secret in a long error', () => {
  // The echo starts 12 characters before the broker cuts mailcow's words (120 for a refusal,
  // 80 for a danger message): cutting before scrubbing would leave those 12 characters.
  const echo = (cut: number, secret: string) => `${'e'.repeat(cut - 12)}${secret} and more words`;
  const sentPassword = (body: string) => (JSON.parse(body) as { app_passwd: string }).app_passwd;

  async function leaks(res: Response, secret: string): Promise<string[]> {
    const seen = [await res.text(), ...bench.logs, await readFile(bench.auditFile, 'utf8')].join(
      '\n',
    );
    const fragments: string[] = [];
    for (let i = 0; i + 8 <= secret.length; i++) {
      const piece = secret.slice(i, i + 8);
      if (seen.includes(piece)) fragments.push(`at ${i}`);
    }
    return fragments; // positions only, so a failure never prints the secret
  }

  it('a refusal (HTTP 403) that repeats the API key', async () => {
    bench.mailcow.setFault({
      kind: 'status',
      status: 403,
      pathPrefix: '/api/v1/get/app-passwd',
      msg: (req) => echo(120, req.apiKey),
    });
    const res = await list();
    expect(res.status).toBe(502);
    expect(bench.logs.join('\n')).toContain('refused: HTTP 403 eeee');
    expect(await leaks(res, bench.mailcow.rwKey)).toEqual([]);
  });

  it('a refusal (HTTP 400) of an add that repeats the new app password', async () => {
    let password = '';
    bench.mailcow.setFault({
      kind: 'status',
      status: 400,
      pathPrefix: '/api/v1/add/app-passwd',
      msg: (req) => echo(120, (password = sentPassword(req.body))),
    });
    const res = await create('echoed password');
    expect(res.status).toBe(502);
    expect(password.length).toBeGreaterThan(12);
    expect(await leaks(res, password)).toEqual([]);
  });

  it('a danger message that repeats the API key', async () => {
    bench.mailcow.setFault({
      kind: 'danger',
      pathPrefix: '/api/v1/add/app-passwd',
      msg: (req) => echo(80, req.apiKey),
    });
    const res = await create('echoed key');
    expect(res.status).toBe(502);
    expect(await leaks(res, bench.mailcow.rwKey)).toEqual([]);
  });
});
