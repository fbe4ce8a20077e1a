import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBench, type Bench } from '../../harness/broker-bench.js';

let bench: Bench;
let alice: string;

beforeAll(async () => {
  bench = await startBench({ env: { APPPASS_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8' } });
  alice = (await bench.idp.signIn(bench.idp.users.alice)).access_token;
});

afterAll(async () => {
  await bench?.stop();
});

describe('audit log', () => {
  it('records writes and refusals without any secret', async () => {
    const res = await bench.call('/v1/app-passwords', {
      method: 'POST',
      token: alice,
      body: { name: 'audited', protocols: ['imap_access'] },
      headers: { 'X-Forwarded-For': '198.51.100.9, 10.1.2.3' },
    });
    const { id, password } = (await res.json()) as { id: number; password: string };
    await bench.call(`/v1/app-passwords/${id}`, { method: 'DELETE', token: alice });
    await bench.call('/v1/me', { token: `${alice}x` });
    await bench.call('/v1/app-passwords', { method: 'POST', token: alice, body: '{oops' });
    await bench.broker.close(); // flushes the audit file
    const text = await readFile(bench.auditFile, 'utf8');
    const lines = await bench.auditLines();
    expect(lines.map((l) => [l.action, l.outcome, l.status])).toEqual([
      ['create', 'ok', 201],
      ['delete', 'ok', 204],
      ['me', 'refused', 401],
      ['create', 'refused', 400],
    ]);
    expect(lines[0]).toMatchObject({
      sub: bench.idp.users.alice.sub,
      mailbox: 'alice@example.test',
      id,
      name: 'audited',
      ip: '198.51.100.9',
    });
    expect(lines[1]).toMatchObject({ id, name: 'audited' });
    expect(lines[2]).toMatchObject({ sub: null, reason: 'invalid_token' });
    for (const l of lines) expect(typeof l.time).toBe('string');
    const everything = `${text}\n${bench.logs.join('\n')}`;
    for (const secret of [password, alice, bench.mailcow.rwKey])
      expect(everything.includes(secret)).toBe(false);
  });
});

describe('HTTP surface', () => {
  let fresh: Bench;
  beforeAll(async () => {
    fresh = await startBench();
  });
  afterAll(async () => {
    await fresh?.stop();
  });

  it('sends security headers and no CORS headers, and refuses preflights', async () => {
    const res = await fresh.call('/.well-known/apppass-configuration', {
      headers: { Origin: 'https://evil.example' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const preflight = await fresh.call('/v1/app-passwords', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(405);
    for (const r of [res, preflight]) {
      const names: string[] = [];
      r.headers.forEach((_value, name) => names.push(name));
      expect(names.filter((n) => n.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('answers 404 for unknown paths and serves under the public path prefix too', async () => {
    expect((await fresh.call('/v1/nothing-here')).status).toBe(404);
    expect((await fresh.call('/apppass/.well-known/apppass-configuration')).status).toBe(200);
  });

  it('takes X-Forwarded-For only from a trusted proxy', async () => {
    await fresh.call('/v1/me', { token: 'nope', headers: { 'X-Forwarded-For': '203.0.113.5' } });
    await fresh.broker.close();
    const [line] = await fresh.auditLines();
    expect(line).toMatchObject({ ip: '127.0.0.1' });
  });
});
