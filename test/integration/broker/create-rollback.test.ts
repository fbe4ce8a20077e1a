import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Fault } from '../../harness/mailcow-emulator.js';
import { startBench, type Bench } from '../../harness/broker-bench.js';

// mailcow carries out the add but its answer is lost: the broker must not leave an active app
// password behind that nobody knows the secret of.

const MAILBOX = 'alice@example.test';
const ADD = '/api/v1/add/';
const DELETE = '/api/v1/delete/';

let bench: Bench;
let alice: string;

beforeAll(async () => {
  bench = await startBench({
    env: { APPPASS_MAILCOW_TIMEOUT_MS: '2000', APPPASS_WRITES_PER_MINUTE: '100' },
  });
  alice = (await bench.idp.signIn(bench.idp.users.alice)).access_token;
});

afterEach(() => bench.mailcow.setFault(null));

afterAll(async () => {
  await bench?.stop();
});

const create = (name: string, headers: Record<string, string> = {}) =>
  bench.call('/v1/app-passwords', {
    method: 'POST',
    token: alice,
    body: { name, protocols: ['imap_access'] },
    headers,
  });
const stored = (name: string) => bench.mailcow.appPasswords(MAILBOX).filter((p) => p.name === name);
const requestsSince = (from: number, prefix: string) =>
  bench.mailcow.requests.slice(from).filter((r) => r.path.startsWith(prefix));
const rollbacks = async (name: string) =>
  (await bench.auditLines()).filter((l) => l.action === 'create_rolled_back' && l.name === name);

describe('a create whose answer mailcow lost', () => {
  it.each([
    ['an HTML page', 'html', 502, 'mailcow_bad_answer'],
    ['an empty body', 'empty', 502, 'mailcow_bad_answer'],
    ['a connection reset', 'reset', 502, 'mailcow_unreachable'],
    ['no answer in time', 'slow', 504, 'mailcow_timeout'],
  ] as const)(
    'after %s: answers a problem and removes the password',
    async (_l, kind, status, code) => {
      const name = `lost ${kind}`;
      const others = bench.mailcow.appPasswords(MAILBOX).length;
      const from = bench.mailcow.requests.length;
      bench.mailcow.setFault({ kind, after: true, delayMs: 3000, pathPrefix: ADD, times: 1 });
      const res = await create(name);
      expect(res.status).toBe(status);
      const body = (await res.json()) as { type: string; detail: string };
      expect(body.type).toBe(`urn:apppass:problem:${code}`);
      expect(body.detail).toMatch(/No app password was left behind/);
      expect(requestsSince(from, DELETE)).toHaveLength(1); // it had really been created
      expect(stored(name)).toEqual([]);
      expect(bench.mailcow.appPasswords(MAILBOX)).toHaveLength(others);
      const audit = await rollbacks(name);
      expect(audit).toEqual([
        expect.objectContaining({
          mailbox: MAILBOX,
          outcome: 'ok',
          status,
          id: expect.any(Number),
        }),
      ]);
      expect(Object.keys(audit[0] ?? {})).not.toContain('password');
    },
  );

  it('removes only the new one: an older password with the same name stays', async () => {
    const first = await create('Laptop');
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: number };
    bench.mailcow.setFault({ kind: 'html', after: true, pathPrefix: ADD, times: 1 });
    expect((await create('Laptop')).status).toBe(502);
    expect(stored('Laptop').map((p) => p.id)).toEqual([id]);
    expect((await rollbacks('Laptop')).map((l) => l.id)).not.toContain(id);
  });

  it('says a password may be left when the clean-up fails too, and audits that', async () => {
    const name = 'cleanup fails';
    const faults: Fault[] = [
      { kind: 'html', after: true, pathPrefix: ADD, times: 1 },
      { kind: 'html', pathPrefix: DELETE, times: 1 },
    ];
    bench.mailcow.setFault(faults);
    const res = await create(name);
    expect(res.status).toBe(502);
    const { detail } = (await res.json()) as { detail: string };
    expect(detail).toMatch(/may have been created anyway/);
    expect(detail).toContain(name);
    const [left] = stored(name);
    expect(left).toBeDefined();
    expect(await rollbacks(name)).toEqual([
      expect.objectContaining({ outcome: 'failed', reason: 'cleanup_failed', id: left?.id }),
    ]);
    expect(bench.logs.join('\n')).toMatch(/could not remove an app password/);
    // the user can find and revoke it
    const revoke = await bench.call(`/v1/app-passwords/${left?.id}`, {
      method: 'DELETE',
      token: alice,
    });
    expect(revoke.status).toBe(204);
  });

  it('does not clean up after a danger answer: mailcow created nothing', async () => {
    const from = bench.mailcow.requests.length;
    bench.mailcow.setFault({ kind: 'danger', pathPrefix: ADD, times: 1 });
    expect((await create('refused')).status).toBe(502);
    expect(requestsSince(from, DELETE)).toEqual([]);
    expect(await rollbacks('refused')).toEqual([]);
  });

  it('does not cache a failed create under its Idempotency-Key', async () => {
    const headers = { 'Idempotency-Key': 'rollback-key-1' };
    bench.mailcow.setFault({ kind: 'empty', after: true, pathPrefix: ADD, times: 1 });
    expect((await create('with key', headers)).status).toBe(502);
    const retry = await create('with key', headers);
    expect(retry.status).toBe(201);
    const { id } = (await retry.json()) as { id: number };
    expect(stored('with key').map((p) => p.id)).toEqual([id]);
  });

  it('creates normally afterwards', async () => {
    const res = await create('after the faults');
    expect(res.status).toBe(201);
    expect(stored('after the faults')).toHaveLength(1);
  });
});
