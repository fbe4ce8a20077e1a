import fc from 'fast-check';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startLoopback } from '../../../main/core/auth/loopback.js';
import { assertBounded } from './settings.js';

const STATE = 'the-one-state-of-this-sign-in';

/** One raw GET (the path as given, no normalisation), resolving with the status. */
function get(port: number, path: string, method = 'GET'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

const query = fc.oneof(
  fc.webQueryParameters(),
  fc.constantFrom(
    'state=',
    `state=${STATE.slice(1)}`,
    `state=${STATE}x`,
    `STATE=${STATE}`,
    `state=${STATE.toUpperCase()}`,
  ),
  fc.webQueryParameters().map((q) => `${q}&state=${encodeURIComponent(STATE)}x`),
);
const path = fc.oneof(
  query.map((q) => `/callback?${q}`),
  fc.webPath().map((p) => p || '/'),
  fc.tuple(fc.webPath(), query).map(([p, q]) => `${p || '/'}?${q}`),
  fc.constantFrom(
    '//callback',
    '/callback/',
    '/Callback',
    `http://[::1]/callback?state=${STATE}`,
    '*',
  ),
);

describe('fuzz: the loopback callback query', () => {
  it('answers 404 to anything but GET /callback with this state, and keeps waiting', async () => {
    const listener = await startLoopback(STATE);
    let delivered = false;
    void listener.callback.then(() => (delivered = true));
    try {
      await assertBounded(
        fc.asyncProperty(path, fc.constantFrom('GET', 'GET', 'POST', 'HEAD'), async (p, method) => {
          const status = await get(listener.port, p, method);
          expect([400, 404]).toContain(status);
          expect(delivered).toBe(false);
        }),
      );
      // The real callback still ends it.
      const real = get(listener.port, `/callback?code=c&state=${STATE}`);
      const callback = await listener.callback;
      await callback.respond({ ok: true });
      expect(await real).toBe(200);
    } finally {
      await listener.close();
    }
  });
});
