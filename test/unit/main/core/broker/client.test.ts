import { errorText } from '../../../../../main/cli/render/errors.js';
import { describe, expect, it } from 'vitest';
import {
  BrokerError,
  createBrokerClient,
  type FetchLike,
} from '../../../../../main/core/broker/index.js';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** A scripted broker: answers in order, records every request. */
function scripted(answers: Array<Response | Error>) {
  const seen: Seen[] = [];
  const fetchImpl: FetchLike = async (url, init) => {
    seen.push({
      url,
      method: init.method ?? 'GET',
      headers: init.headers as Record<string, string>,
      body: init.body as string | undefined,
    });
    const next = answers.shift();
    if (!next) throw new Error('no scripted answer left');
    if (next instanceof Error) throw next;
    return next;
  };
  return { seen, fetchImpl };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
const problem = (status: number, detail: string, headers: Record<string, string> = {}) =>
  json(
    status,
    { type: 'about:blank', title: 'x', status, detail },
    { 'content-type': 'application/problem+json', ...headers },
  );

const item = {
  id: 7,
  name: 'Thunderbird',
  protocols: ['imap_access'],
  active: true,
  created: '2026-01-01T00:00:00Z',
  modified: null,
};

function client(answers: Array<Response | Error>) {
  const s = scripted(answers);
  const forced: boolean[] = [];
  const c = createBrokerClient({
    baseUrl: 'https://mail.example.test/apppass/',
    tokens: {
      getAccessToken: async (o) => {
        forced.push(o?.forceRefresh === true);
        return o?.forceRefresh ? 'token-2' : 'token-1';
      },
    },
    fetch: s.fetchImpl,
    backoffMs: () => 1,
  });
  return { c, ...s, forced };
}

describe('broker client', () => {
  it('sends the bearer token to the base path and validates the list', async () => {
    const { c, seen } = client([json(200, [item])]);
    expect(await c.listAppPasswords()).toEqual([item]);
    expect(seen[0]?.url).toBe('https://mail.example.test/apppass/v1/app-passwords');
    expect(seen[0]?.headers.authorization).toBe('Bearer token-1');
  });

  it('refuses an answer that does not match the contract', async () => {
    const { c } = client([json(200, [{ ...item, id: 'seven' }])]);
    await expect(c.listAppPasswords()).rejects.toMatchObject({ code: 'broker_bad_answer' });
  });

  it('refreshes the token once on 401, then reports an auth error', async () => {
    const { c, forced } = client([problem(401, 'expired'), problem(401, 'still bad')]);
    await expect(c.me()).rejects.toMatchObject({ code: 'broker_unauthorized', kind: 'auth' });
    expect(forced).toEqual([false, true]);
  });

  it('succeeds after one refresh', async () => {
    const me = { mailbox: 'a@example.test', name: 'A', protocols: ['imap_access'] };
    const { c, seen } = client([problem(401, 'expired'), json(200, me)]);
    expect(await c.me()).toEqual(me);
    expect(seen[1]?.headers.authorization).toBe('Bearer token-2');
  });

  it('retries reads on 503 and network errors, not on 404', async () => {
    const { c, seen } = client([
      problem(503, 'busy'),
      new TypeError('fetch failed'),
      json(200, []),
    ]);
    expect(await c.listAppPasswords()).toEqual([]);
    expect(seen).toHaveLength(3);
    const second = client([problem(404, 'gone')]);
    await expect(second.c.listAppPasswords()).rejects.toMatchObject({ code: 'broker_not_found' });
    expect(second.seen).toHaveLength(1);
  });

  it('gives up reads after the retries with an unreachable error', async () => {
    const errs = [
      new TypeError('fetch failed'),
      new TypeError('fetch failed'),
      new TypeError('fetch failed'),
    ];
    const { c, seen } = client(errs);
    await expect(c.listAppPasswords()).rejects.toMatchObject({ code: 'broker_unreachable' });
    expect(seen).toHaveLength(3);
  });

  it('never retries a create after an answer, and reuses the Idempotency-Key on its own retry', async () => {
    const { c, seen } = client([problem(502, 'mailcow down')]);
    await expect(
      c.createAppPassword({ name: 'x', protocols: ['imap_access'] }),
    ).rejects.toMatchObject({
      code: 'mailcow_unavailable',
    });
    expect(seen).toHaveLength(1);
    const created = { ...item, password: 'not-a-real-secret' };
    const retry = client([new TypeError('socket hang up'), json(201, created)]);
    expect(await retry.c.createAppPassword({ name: 'x', protocols: ['imap_access'] })).toEqual(
      created,
    );
    const keys = retry.seen.map((s) => s.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(JSON.parse(retry.seen[0]?.body ?? '')).toEqual({
      name: 'x',
      protocols: ['imap_access'],
    });
  });

  it('uses a caller-given key and a new one per logical create', async () => {
    const created = { ...item, password: 'p' };
    const { c, seen } = client([json(201, created), json(201, created), json(201, created)]);
    await c.createAppPassword({ name: 'x', protocols: ['imap_access'] }, { idempotencyKey: 'k-1' });
    await c.createAppPassword({ name: 'x', protocols: ['imap_access'] });
    await c.createAppPassword({ name: 'x', protocols: ['imap_access'] });
    const keys = seen.map((s) => s.headers['idempotency-key']);
    expect(keys[0]).toBe('k-1');
    expect(keys[1]).not.toBe(keys[2]);
  });

  it('maps 429 with Retry-After and 422 as usage', async () => {
    const { c } = client([problem(429, 'slow down', { 'retry-after': '12' })]);
    const err = await c
      .createAppPassword({ name: 'x', protocols: ['imap_access'] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BrokerError);
    expect(err).toMatchObject({ code: 'broker_rate_limited', retryAfterSeconds: 12 });
    expect(errorText(err as BrokerError)).toContain('12 s');
    const bad = client([problem(422, 'name too long')]);
    const refused = await bad.c
      .createAppPassword({ name: 'x', protocols: ['imap_access'] })
      .catch((e: unknown) => e as BrokerError);
    expect(refused).toMatchObject({
      code: 'broker_invalid_request',
      kind: 'usage',
      params: expect.objectContaining({ said: 'name too long' }),
    });
    expect(errorText(refused as BrokerError)).toContain('name too long');
  });

  it('deletes, and treats 404 as absent only when asked', async () => {
    const { c, seen } = client([
      new Response(null, { status: 204 }),
      problem(404, 'no'),
      problem(404, 'no'),
    ]);
    expect(await c.deleteAppPassword(7)).toBe(true);
    expect(seen[0]).toMatchObject({
      method: 'DELETE',
      url: 'https://mail.example.test/apppass/v1/app-passwords/7',
    });
    expect(await c.deleteAppPassword(8, { missingOk: true })).toBe(false);
    await expect(c.deleteAppPassword(9)).rejects.toMatchObject({ code: 'broker_not_found' });
  });

  it('reports a timeout as such', async () => {
    const c = createBrokerClient({
      baseUrl: 'https://mail.example.test/apppass',
      tokens: { getAccessToken: async () => 't' },
      timeoutMs: 20,
      readRetries: 0,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) =>
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        ),
    });
    await expect(c.me()).rejects.toMatchObject({ code: 'broker_timeout' });
  });

  it('turns an HTML 502 from a proxy into mailcow_unavailable', async () => {
    const html = new Response('<html>Bad gateway</html>', {
      status: 502,
      headers: { 'content-type': 'text/html' },
    });
    const { c } = client([html, html, html]);
    await expect(c.me()).rejects.toMatchObject({ code: 'mailcow_unavailable', status: 502 });
  });

  it('refuses a plain http broker unless APPPASS_INSECURE_HTTP=1', () => {
    const tokens = { getAccessToken: async () => 't' };
    expect(() =>
      createBrokerClient({ baseUrl: 'http://127.0.0.1:1/apppass', tokens, env: {} }),
    ).toThrow(expect.objectContaining({ code: 'insecure_http', kind: 'usage' }));
    const env = { APPPASS_INSECURE_HTTP: '1' };
    expect(
      createBrokerClient({ baseUrl: 'http://127.0.0.1:1/apppass', tokens, env }).baseUrl,
    ).toContain('http://');
  });
});
